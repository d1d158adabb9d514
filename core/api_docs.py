"""Swagger UI (/api/docs/) and Redoc (/api/redoc/) under the site's
Content-Security-Policy.

Their JavaScript and CSS are served from this site (drf-spectacular-sidecar)
and Swagger UI's start-up script comes from a URL instead of an inline block
(the "split" view), so script-src stays 'self'. Both UIs set styles inline,
and Redoc renders the schema in a blob: web worker; the site-wide policy
forbids both, so these two pages, and only they, get exactly those exceptions.
"""

from csp.decorators import csp_update
from django.utils.decorators import method_decorator
from drf_spectacular.views import SpectacularRedocView, SpectacularSwaggerSplitView

from core.renderers import API_DOCS_POLICY


@method_decorator(csp_update(API_DOCS_POLICY), name="dispatch")
class ApiSwaggerView(SpectacularSwaggerSplitView):
    pass


@method_decorator(csp_update(API_DOCS_POLICY), name="dispatch")
class ApiRedocView(SpectacularRedocView):
    template_name = "core/api_redoc.html"
