from django.urls import path

from . import views

# The pages listing a source's claims and a document's quoted claims are
# claims' (claims/source_views.py); tracker/urls.py adds them to this namespace.
app_name = "sources"

urlpatterns = [
    path("sources/new/", views.source_create_view, name="source-create"),
    path("sources/<slug:slug>/edit/", views.source_edit, name="source-edit"),
    path("documents/", views.document_list, name="document-list"),
    path("documents/new/", views.document_create_view, name="document-create"),
    path("documents/<int:pk>/edit/", views.document_edit, name="document-edit"),
]
