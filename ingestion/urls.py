from django.urls import path

from . import views

app_name = "ingestion"

urlpatterns = [
    path("documents/add/", views.document_add, name="document-add"),
    path("documents/<int:pk>/proposals/", views.proposal_review, name="proposal-review"),
    path("documents/<int:pk>/proposals/panel/", views.proposals_panel, name="proposals-panel"),
    path("documents/<int:pk>/extract/", views.extraction_rerun, name="extraction-rerun"),
    path("proposals/<int:pk>/accept/", views.proposal_accept_view, name="proposal-accept"),
    path("proposals/<int:pk>/reject/", views.proposal_reject_view, name="proposal-reject"),
    path("proposals/<int:pk>/edit/", views.proposal_edit, name="proposal-edit"),
]
