"""Tags for what every page's frame (templates/base.html) links to.

`{% site_url 'claims:claim-list' %}` is `{% url %}` for a route without
arguments, remembered per URL configuration and script prefix
(core/url_cache.py); `{% site_static 'css/claimtrack.css' %}` is `{% static %}`
remembered per path. The header renders some twenty of them on every page and
each `reverse()` or manifest look-up costs 15-25 µs, about a third of the
frame's rendering. Both take `as name` like the tags they stand for.
"""

from functools import lru_cache

from django import template
from django.core.signals import setting_changed
from django.templatetags.static import static

from core.url_cache import reverse_fixed

register = template.Library()


@register.simple_tag
def site_url(viewname: str) -> str:
    return reverse_fixed(viewname)


@lru_cache(maxsize=256)
def _static(path: str) -> str:
    # The static files storage reads its manifest of hashed names and fixes its
    # base address (script prefix included) once per process, so a path's
    # address cannot change while the process lives.
    return static(path)


@register.simple_tag
def site_static(path: str) -> str:
    return _static(path)


def _forget_static_addresses(*, setting: str, **kwargs) -> None:
    # Tests that change where static files live must not see old addresses.
    if setting in ("STATIC_URL", "STORAGES"):
        _static.cache_clear()


setting_changed.connect(_forget_static_addresses, dispatch_uid="site-static-addresses")
