"""The WSGI application of bench/fixed_cost.py's servers: the site's, or with
BENCH_NO_MIDDLEWARE set, the same handler built with no middleware (set here,
not in settings, because allauth refuses to start without its middleware)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.fixed_cost_settings")
application = get_wsgi_application()

if os.environ.get("BENCH_NO_MIDDLEWARE"):
    from django.core.handlers.wsgi import WSGIHandler
    from django.test import override_settings

    with override_settings(MIDDLEWARE=[]):
        application = WSGIHandler()
