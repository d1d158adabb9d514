"""Swagger UI (/api/docs/) and Redoc (/api/redoc/) under the site's
Content-Security-Policy.

Their JavaScript and CSS are served from this site (drf-spectacular-sidecar)
and Swagger UI's start-up script comes from a URL instead of an inline block
(the "split" view), so script-src stays 'self'. Both UIs set styles inline,
and Redoc renders the schema in a blob: web worker; the site-wide policy
forbids both, so these two pages, and only they, get exactly those exceptions.
"""

import hashlib

from csp.decorators import csp_update
from django.conf import settings
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_cache_control
from django.utils.decorators import method_decorator
from django.utils.http import parse_etags
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView
from rest_framework.settings import api_settings

from core.renderers import API_DOCS_POLICY


@method_decorator(csp_update(API_DOCS_POLICY), name="dispatch")
class ApiSwaggerView(SpectacularSwaggerSplitView):
    pass


@method_decorator(csp_update(API_DOCS_POLICY), name="dispatch")
class ApiRedocView(SpectacularRedocView):
    template_name = "core/api_redoc.html"


class CachedSchemaView(SpectacularAPIView):
    """/api/schema/, generated once per process and format, served with an ETag.

    The schema depends only on the code, yet drf-spectacular rebuilds it on
    every request (0.5-0.8 s for about 250 KB). This view keeps the rendered
    bytes per format (YAML, JSON) and language, and answers a client that
    sends the ETag back in If-None-Match with 304 and no body. A deploy
    restarts the processes, which is when the schema can change.
    """

    _rendered: dict[tuple, tuple[bytes, str, str, str]] = {}

    @classmethod
    def forget(cls) -> None:
        """Drop the cached schemas (tests; a process never needs to)."""
        cls._rendered.clear()

    def _cache_key(self, request) -> tuple | None:
        lang, version = request.GET.get("lang"), request.GET.get("version")
        # Only values that can change the schema are keys, so random query
        # strings cannot grow the cache.
        if lang and lang not in dict(settings.LANGUAGES):
            return None
        if version and version not in (api_settings.ALLOWED_VERSIONS or ()):
            return None
        return (request.accepted_renderer.format, request.accepted_media_type, lang, version)

    @extend_schema(exclude=True)  # as SERVE_INCLUDE_SCHEMA=False does for the view it replaces
    def get(self, request, *args, **kwargs):
        key = self._cache_key(request)
        cached = self._rendered.get(key) if key else None
        if cached is None:
            response = super().get(request, *args, **kwargs)
            response.accepted_renderer = request.accepted_renderer
            response.accepted_media_type = request.accepted_media_type
            response.renderer_context = self.get_renderer_context()
            response.render()
            body = response.content
            etag = f'"{hashlib.sha256(body).hexdigest()[:40]}"'
            cached = (body, response["Content-Type"], etag, response["Content-Disposition"])
            if key:
                self._rendered[key] = cached
        body, content_type, etag, disposition = cached
        if etag in parse_etags(request.headers.get("If-None-Match", "")):
            response = HttpResponseNotModified()
        else:
            response = HttpResponse(body, content_type=content_type)
            response["Content-Disposition"] = disposition
        response["ETag"] = etag
        # Clients may keep it, but must ask (and get a 304) before reusing it.
        patch_cache_control(response, no_cache=True)
        return response
