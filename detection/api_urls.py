"""Detection's API routes, included by core/api_urls.py under /api/v1/."""

from django.urls import path

from .api import EventFiguresView

urlpatterns = [
    path("events/<int:pk>/figures/", EventFiguresView.as_view(), name="event-figures"),
]
