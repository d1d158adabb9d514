"""Reads of sources and documents with their related rows decided once."""

from django.db.models import Count, QuerySet

from .models import Document, Source


def source_list() -> QuerySet[Source]:
    return Source.objects.select_related("reliability_set_by").annotate(
        attribution_count=Count("attributions", distinct=True)
    )


def document_list() -> QuerySet[Document]:
    return Document.objects.select_related("outlet", "created_by")
