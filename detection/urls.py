from django.urls import path

from . import views

app_name = "detection"

urlpatterns = [
    path(
        "event-suggestions/<int:pk>/<slug:decision>/",
        views.event_suggestion_decide,
        name="event-suggestion-decide",
    ),
    path("disputes/<int:pk>/", views.dispute_detail, name="dispute-detail"),
    path("disputes/<int:pk>/<slug:action>/", views.dispute_action, name="dispute-action"),
]
