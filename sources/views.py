"""Web UI views for sources and documents. Writes go through sources/services.py."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render

from core.views import form_status, paginate, requires, service_errors

from . import selectors
from .filters import DocumentFilter
from .forms import DocumentForm, SourceForm
from .models import Document, Source
from .services import (
    document_create,
    document_update,
    source_create,
    source_set_reliability,
    source_update,
)

# Sources


def _source_form_view(request, *, source: Source | None):
    form = SourceForm(request.POST or None, instance=source)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        with service_errors(form=form) as outcome:
            if source is None:
                saved = source_create(user=request.user, **data)
            else:
                reliability = data.pop("reliability")
                reason = data.pop("reliability_reason")
                # The description and the grade are saved together or not at all.
                with transaction.atomic():
                    saved = source_update(
                        source_id=source.pk, user=request.user, unchanged_since=form.unchanged_since, **data
                    )
                    if reliability != source.reliability or reason.strip() != source.reliability_reason:
                        saved = source_set_reliability(
                            source_id=source.pk, user=request.user, reliability=reliability, reason=reason
                        )
        if outcome.succeeded:
            messages.success(request, f"Source “{saved.name}” saved.")
            return redirect(saved)
    return render(
        request, "sources/source_form.html", {"form": form, "source": source}, status=form_status(form)
    )


@requires("sources.add_source")
def source_create_view(request):
    return _source_form_view(request, source=None)


@requires("sources.change_source")
def source_edit(request, slug: str):
    return _source_form_view(request, source=get_object_or_404(Source, slug=slug))


# Documents


@requires("sources.view_document")
def document_list(request):
    document_filter = DocumentFilter(
        request.GET, queryset=selectors.documents_with_attribution_counts(), request=request
    )
    documents = paginate(request, document_filter.qs)
    return render(request, "sources/document_list.html", {"filter": document_filter, "documents": documents})


def _document_form_view(request, *, document: Document | None):
    form = DocumentForm(request.POST or None, instance=document)
    if request.method == "POST" and form.is_valid():
        with service_errors(form=form) as outcome:
            if document is None:
                saved = document_create(user=request.user, **form.cleaned_data)
            else:
                saved = document_update(
                    document_id=document.pk,
                    user=request.user,
                    unchanged_since=form.unchanged_since,
                    **form.cleaned_data,
                )
        if outcome.succeeded:
            messages.success(request, f"Document “{saved.title}” saved.")
            return redirect(saved)
    return render(
        request, "sources/document_form.html", {"form": form, "document": document}, status=form_status(form)
    )


@requires("sources.add_document")
def document_create_view(request):
    return _document_form_view(request, document=None)


@requires("sources.change_document")
def document_edit(request, pk: int):
    return _document_form_view(request, document=get_object_or_404(Document, pk=pk))
