from rest_framework.routers import SimpleRouter

from .views import DocumentViewSet, SourceViewSet

router = SimpleRouter()
router.register("sources", SourceViewSet, basename="source")
router.register("documents", DocumentViewSet, basename="document")

urlpatterns = router.urls
