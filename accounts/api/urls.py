from rest_framework.routers import SimpleRouter

from .views import ApiTokenViewSet

router = SimpleRouter()
router.register("tokens", ApiTokenViewSet, basename="token")

urlpatterns = router.urls
