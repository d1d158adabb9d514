"""Renderers of the REST API. Kept apart from core.api_docs: DRF imports the
renderer classes while defining APIView, so this module must not import DRF's
views (drf_spectacular.views does)."""

from rest_framework import renderers

# Same exceptions as the Swagger UI and Redoc pages (core/api_docs.py).
API_DOCS_POLICY = {"style-src": ["'unsafe-inline'"], "worker-src": ["'self'", "blob:"]}


class BrowsableAPIRenderer(renderers.BrowsableAPIRenderer):
    """DRF's browsable API with the docs pages' policy exceptions: its
    Bootstrap scripts set styles inline. Its own scripts are files already."""

    def render(self, data, accepted_media_type=None, renderer_context=None):
        response = (renderer_context or {}).get("response")
        if response is not None:
            # Read by django-csp's middleware, like the csp_update decorator sets it.
            response._csp_update = API_DOCS_POLICY
        return super().render(data, accepted_media_type, renderer_context)
