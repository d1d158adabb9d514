from django.urls import path
from rest_framework.routers import SimpleRouter

from .export import ClaimExportCsvView, ClaimExportJsonView
from .views import (
    AttributionViewSet,
    ClaimHistoryView,
    ClaimViewSet,
    EventViewSet,
    FlagHistoryView,
    FlagViewSet,
    RelationViewSet,
)

router = SimpleRouter()
router.register("events", EventViewSet, basename="event")
router.register("claims", ClaimViewSet, basename="claim")
router.register("attributions", AttributionViewSet, basename="attribution")
router.register("relations", RelationViewSet, basename="relation")
router.register("flags", FlagViewSet, basename="flag")

urlpatterns = [
    path("claims/<int:pk>/history/", ClaimHistoryView.as_view(), name="claim-history"),
    path("flags/<int:pk>/history/", FlagHistoryView.as_view(), name="flag-history"),
    path("exports/claims.csv", ClaimExportCsvView.as_view(), name="claim-export-csv"),
    path("exports/claims.json", ClaimExportJsonView.as_view(), name="claim-export-json"),
    *router.urls,
]
