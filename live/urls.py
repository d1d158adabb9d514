from django.urls import path

from . import views

app_name = "live"

urlpatterns = [
    path("events/", views.event_stream, name="events"),
    path("presence/", views.presence, name="presence"),
]
