"""Mounted at /api/v1/me/digest-preferences/ by tracker/urls.py."""

from django.urls import path

from .api import DigestPreferenceApi

app_name = "digests_api"

urlpatterns = [
    path("", DigestPreferenceApi.as_view(), name="preferences"),
]
