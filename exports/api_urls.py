from rest_framework.routers import SimpleRouter

from .api import ClaimExportViewSet

router = SimpleRouter()
router.register("exports", ClaimExportViewSet, basename="export")

urlpatterns = router.urls
