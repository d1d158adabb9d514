from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("", views.api_tokens, name="api-tokens"),
    path("<int:pk>/revoke/", views.api_token_revoke_view, name="api-token-revoke"),
]
