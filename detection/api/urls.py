from django.urls import path
from rest_framework.routers import SimpleRouter

from .figures import EventFiguresView
from .views import DisputeViewSet

router = SimpleRouter()
router.register("disputes", DisputeViewSet, basename="dispute")

urlpatterns = [
    *router.urls,
    path("events/<int:pk>/figures/", EventFiguresView.as_view(), name="event-figures"),
]
