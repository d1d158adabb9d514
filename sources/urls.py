from django.urls import path

from . import views

app_name = "sources"

urlpatterns = [
    path("sources/", views.source_list, name="source-list"),
    path("sources/new/", views.source_create_view, name="source-create"),
    path("sources/<slug:slug>/", views.source_detail, name="source-detail"),
    path("sources/<slug:slug>/edit/", views.source_edit, name="source-edit"),
    path("documents/", views.document_list, name="document-list"),
    path("documents/new/", views.document_create_view, name="document-create"),
    path("documents/<int:pk>/", views.document_detail, name="document-detail"),
    path("documents/<int:pk>/edit/", views.document_edit, name="document-edit"),
]
