from django.urls import path

from . import views

urlpatterns = [
    path("documents/ingest/", views.DocumentIngestView.as_view(), name="document-ingest"),
    path("documents/<int:pk>/extraction/", views.ExtractionRunView.as_view(), name="document-extraction"),
    path("proposals/<int:pk>/accept/", views.ProposalAcceptView.as_view(), name="proposal-accept"),
    path(
        "proposals/<int:pk>/edit-accept/", views.ProposalEditAcceptView.as_view(), name="proposal-edit-accept"
    ),
    path("proposals/<int:pk>/reject/", views.ProposalRejectView.as_view(), name="proposal-reject"),
]
