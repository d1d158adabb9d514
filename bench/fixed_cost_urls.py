"""The bench's views of constant answers (bench/fixed_cost.py), in front of
the site's own URLs. Not part of the site: only bench/fixed_cost_settings.py
routes here."""

from functools import cache

from django.http import HttpResponse
from django.template import engines
from django.urls import include, path
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView


def constant(request):
    """What Django costs with nothing to do: no template, no query."""
    return HttpResponse(b"ok", content_type="text/plain")


@cache
def _empty_page():
    return engines["django"].from_string('{% extends "base.html" %}')


def empty_page(request):
    """Every page's frame and nothing else: base.html, its header and context
    processors, signed in (what a page pays before its own content)."""
    return HttpResponse(_empty_page().render({}, request))


class ConstantApiView(APIView):
    """A DRF view with the project's settings (authentication, permission,
    throttles, renderers) answering a constant dict."""

    def get(self, request):  # noqa: ARG002 (DRF's signature)
        return Response({"ok": True})


# The same view with DRF's parts added one at a time, to price each.
class ApiNothing(ConstantApiView):
    authentication_classes = []
    permission_classes = []
    throttle_classes = []
    renderer_classes = [JSONRenderer]


class ApiAuthentication(ApiNothing):
    authentication_classes = api_settings.DEFAULT_AUTHENTICATION_CLASSES


class ApiPermission(ApiAuthentication):
    permission_classes = api_settings.DEFAULT_PERMISSION_CLASSES


class ApiThrottle(ApiPermission):
    throttle_classes = api_settings.DEFAULT_THROTTLE_CLASSES


urlpatterns = [
    path("bench/constant/", constant),
    path("bench/empty-page/", empty_page),
    path("bench/api/", ConstantApiView.as_view()),
    path("bench/api/nothing/", ApiNothing.as_view()),
    path("bench/api/authentication/", ApiAuthentication.as_view()),
    path("bench/api/permission/", ApiPermission.as_view()),
    path("bench/api/throttle/", ApiThrottle.as_view()),
    path("", include("tracker.urls")),
]
