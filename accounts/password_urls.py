"""Password reset pages (docs/security.md). Unnamespaced: Django's reset views
find each other by these names."""

from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

urlpatterns = [
    path("", views.password_reset_request_view, name="password_reset"),
    path("sent/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("done/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
]
