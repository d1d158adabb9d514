"""Two-factor pages (docs/security.md), open to a session before its code."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.two_factor_setup, name="two-factor-setup"),
    path("verify/", views.two_factor_verify, name="two-factor-verify"),
]
