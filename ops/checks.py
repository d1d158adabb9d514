"""System checks for operators (shown by `manage.py check`, `migrate`, `runserver`)."""

from django.conf import settings
from django.core.checks import Warning as CheckWarning
from django.core.checks import register


@register()
def https_redirect_needs_the_proxy_header(app_configs=None, **kwargs):
    """With the https redirect on and no TLS proxy header trusted, a deployment
    behind a TLS-terminating proxy redirects every request to itself."""
    if settings.SECURE_SSL_REDIRECT and not getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        return [
            CheckWarning(
                "Every plain-http request is redirected to https://, and no TLS proxy is trusted.",
                hint=(
                    "Behind a proxy that terminates TLS, set BEHIND_TLS_PROXY=true and have it send "
                    "X-Forwarded-Proto, or requests loop as redirects. Serving http on purpose (a test "
                    "machine): set SECURE_SSL_REDIRECT=false. See docs/production.md."
                ),
                id="ops.W001",
            )
        ]
    return []
