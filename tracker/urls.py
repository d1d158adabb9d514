from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path

from accounts.views import LoginView
from claims import source_views
from core.api import api_not_found
from core.api_docs import ApiRedocView, ApiSwaggerView, CachedSchemaView
from detection import views as detection_views
from sources import urls as sources_urls

urlpatterns = [
    path("admin/", admin.site.urls),
    # Health, readiness and metrics for load balancers and scrapers (docs/production.md)
    path("", include("ops.urls")),
    # Web UI; the front page is the queue of disputes (detection/views.py)
    path("", detection_views.dashboard, name="dashboard"),
    path("accounts/login/", LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/tokens/", include("accounts.urls")),
    path("accounts/password-reset/", include("accounts.password_urls")),
    path("accounts/two-factor/", include("accounts.two_factor_urls")),
    # Single sign-on (accounts/sso.py): only allauth's OpenID Connect sign-in and
    # callback, /accounts/oidc/sso/login/(callback/); 404 while it is off.
    path("accounts/oidc/", include("accounts.sso_urls")),
    path("", include("claims.urls")),
    # One `sources:` namespace: sources' forms, then the source and document
    # pages that show claims, which claims serves (docs/architecture.md).
    path("", include(([*sources_urls.urlpatterns, *source_views.urlpatterns], sources_urls.app_name))),
    path("", include("detection.urls")),
    path("ingest/", include("ingestion.urls")),
    path("digests/", include("digests.urls")),
    path("exports/", include("exports.urls")),
    path("webhooks/", include("webhooks.urls")),
    path("", include("anchoring.urls")),
    path("notifications/", include("notifications.urls")),
    path("live/", include("live.urls")),
    # REST API (docs/api.md)
    path("api/v1/", include("core.api_urls", namespace="api")),
    path("api/v1/me/digest-preferences/", include("digests.api_urls")),
    path("api/schema/", CachedSchemaView.as_view(), name="api-schema"),
    path("api/docs/", ApiSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/redoc/", ApiRedocView.as_view(url_name="api-schema"), name="api-redoc"),
    # Last: any other /api/ address answers the API's JSON 404, not an HTML page.
    re_path(r"^api/", api_not_found),
]
