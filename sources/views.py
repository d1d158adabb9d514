"""Web UI views for sources and documents. Writes go through sources/services.py."""

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from core.hooks import DOCUMENT_PAGE, hook_page_context
from core.views import form_status, paginate, requires, service_errors

from . import selectors
from .filters import DocumentFilter, SourceFilter
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


@requires("sources.view_source")
def source_list(request):
    source_filter = SourceFilter(request.GET, queryset=selectors.sources_with_claim_counts(), request=request)
    sources = paginate(request, source_filter.qs)
    for source in sources:
        source.disputed_share = selectors.source_disputed_share(source)
    return render(request, "sources/source_list.html", {"filter": source_filter, "sources": sources})


@requires("sources.view_source")
def source_detail(request, slug: str):
    try:
        source = selectors.source_detail(slug=slug)
    except Source.DoesNotExist as error:
        raise Http404("No such source.") from error
    claims = paginate(request, selectors.source_claims(source=source))
    return render(
        request,
        "sources/source_detail.html",
        {"source": source, "claims": claims, "disputed_share": selectors.source_disputed_share(source)},
    )


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
                    saved = source_update(source_id=source.pk, user=request.user, **data)
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


@requires("sources.view_document")
def document_detail(request, pk: int):
    try:
        document = selectors.document_detail(document_id=pk)
    except Document.DoesNotExist as error:
        raise Http404("No such document.") from error
    context = {
        "segments": selectors.document_highlight_segments(document),
        "attributions": list(document.attributions.all()),
    }
    # An ingested document shows the extractor's proposals as they arrive:
    # ingestion adds its panel through the document_page hook (ingestion/apps.py).
    context.update(hook_page_context(DOCUMENT_PAGE, request=request, document=document))
    return render(request, "sources/document_detail.html", context)


def _document_form_view(request, *, document: Document | None):
    form = DocumentForm(request.POST or None, instance=document)
    if request.method == "POST" and form.is_valid():
        with service_errors(form=form) as outcome:
            if document is None:
                saved = document_create(user=request.user, **form.cleaned_data)
            else:
                saved = document_update(document_id=document.pk, user=request.user, **form.cleaned_data)
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
