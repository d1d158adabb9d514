from django.urls import path

from .api import DocumentAnchorsView, DocumentVersionsView

urlpatterns = [
    path("documents/<int:pk>/versions/", DocumentVersionsView.as_view(), name="document-versions"),
    path("documents/<int:pk>/anchors/", DocumentAnchorsView.as_view(), name="document-anchors"),
]
