"""Response headers every dynamic page and API answer carries."""

from django.utils.cache import patch_cache_control


class PrivateNoStoreMiddleware:
    """`Cache-Control: private, no-store` on every response Django builds,
    unless the view chose its own caching.

    Pages and API answers show what one user may see (claims, flags, their
    tokens and preferences) or carry a CSRF token: a shared proxy or the
    browser's disk must keep none of them (issue 13). Static files are served
    by WhiteNoise before this middleware runs and keep their long cache
    lifetimes.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_store=True)
        return response
