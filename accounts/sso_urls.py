"""allauth's OpenID Connect sign-in and callback, and nothing else of allauth
(accounts/sso.py). The names are allauth's, which it reverses itself; they
answer 404 while single sign-on is off."""

from allauth.socialaccount.providers.openid_connect import views as oidc_views
from django.urls import path

from .sso import with_form_to_provider

urlpatterns = [
    # Its GET page holds a "Continue" form that leads to the provider.
    path("<str:provider_id>/login/", with_form_to_provider(oidc_views.login), name="openid_connect_login"),
    path("<str:provider_id>/login/callback/", oidc_views.callback, name="openid_connect_callback"),
]
