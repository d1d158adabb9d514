from django.urls import path

from . import views

app_name = "anchoring"

urlpatterns = [
    path("documents/<int:pk>/new-version/", views.version_add, name="version-add"),
]
