from django.urls import path

from . import views

app_name = "detection"

urlpatterns = [
    path(
        "event-suggestions/<int:pk>/<slug:decision>/",
        views.event_suggestion_decide,
        name="event-suggestion-decide",
    ),
]
