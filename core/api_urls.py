"""The REST API's URLs, included by tracker/urls.py under /api/v1/ with the
namespace "api"."""

from django.urls import include, path

app_name = "api"

urlpatterns = [
    path("", include("sources.api.urls")),
    path("", include("claims.api.urls")),
    path("", include("detection.api.urls")),
    path("", include("accounts.api.urls")),
    path("", include("ingestion.api.urls")),
    path("", include("exports.api_urls")),
    path("", include("webhooks.api.urls")),
    path("", include("anchoring.api_urls")),
]
