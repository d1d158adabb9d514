from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView

from claims import views as claims_views
from core.api import api_not_found
from core.api_docs import ApiRedocView, ApiSwaggerView

urlpatterns = [
    path("admin/", admin.site.urls),
    # Web UI
    path("", claims_views.dashboard, name="dashboard"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/tokens/", include("accounts.urls")),
    path("", include("claims.urls")),
    path("", include("sources.urls")),
    path("ingest/", include("ingestion.urls")),
    path("digests/", include("digests.urls")),
    path("live/", include("live.urls")),
    # REST API (docs/api.md)
    path("api/v1/", include("core.api_urls", namespace="api")),
    path("api/v1/me/digest-preferences/", include("digests.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", ApiSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/redoc/", ApiRedocView.as_view(url_name="api-schema"), name="api-redoc"),
    # Last: any other /api/ address answers the API's JSON 404, not an HTML page.
    re_path(r"^api/", api_not_found),
]
