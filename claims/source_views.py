"""The source and document pages that show claims: the sources list with how
many claims each is credited with, a source's claims, and a document with the
claims quoted from it.

They sit in claims because they read claims' tables, and sources sits below
claims (docs/architecture.md). Their addresses stay in the `sources:` URL
namespace, with sources' own forms (tracker/urls.py joins the two lists).
"""

from django.shortcuts import get_object_or_404, render
from django.urls import path

from core.hooks import DOCUMENT_PAGE, hook_page_context
from core.views import paginate, requires
from sources.filters import SourceFilter
from sources.selectors import document_highlight_segments

from . import selectors


@requires("sources.view_source")
def source_list(request):
    source_filter = SourceFilter(request.GET, queryset=selectors.sources_with_claim_counts(), request=request)
    sources = paginate(request, source_filter.qs)
    for source in sources:
        source.disputed_share = selectors.source_disputed_share(source)
    return render(request, "sources/source_list.html", {"filter": source_filter, "sources": sources})


@requires("sources.view_source")
def source_detail(request, slug: str):
    source = get_object_or_404(selectors.sources_for_page(), slug=slug)
    claims = paginate(request, selectors.source_claims(source=source))
    return render(
        request,
        "sources/source_detail.html",
        {"source": source, "claims": claims, "disputed_share": selectors.source_disputed_share(source)},
    )


@requires("sources.view_document")
def document_detail(request, pk: int):
    document = get_object_or_404(selectors.documents_for_page(), pk=pk)
    context = {
        "segments": document_highlight_segments(document),
        "attributions": list(document.attributions.all()),
    }
    # An ingested document shows the extractor's proposals as they arrive:
    # ingestion adds its panel through the document_page hook (ingestion/apps.py).
    context.update(hook_page_context(DOCUMENT_PAGE, request=request, document=document))
    return render(request, "sources/document_detail.html", context)


# In the `sources:` namespace, after sources' own patterns (so "sources/new/"
# is the form, not a source called "new").
urlpatterns = [
    path("sources/", source_list, name="source-list"),
    path("sources/<slug:slug>/", source_detail, name="source-detail"),
    path("documents/<int:pk>/", document_detail, name="document-detail"),
]
