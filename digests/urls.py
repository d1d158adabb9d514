from django.urls import path

from . import views

app_name = "digests"

urlpatterns = [
    path("preferences/", views.preferences, name="preferences"),
    path("preview/", views.preview, name="preview"),
    path("preview/html/", views.preview_html, name="preview-html"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
