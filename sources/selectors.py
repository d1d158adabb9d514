"""Reads of sources and documents with their related rows decided once."""

from django.db.models import Count, QuerySet

from .models import Document, Source


def source_list() -> QuerySet[Source]:
    return Source.objects.select_related("reliability_set_by").annotate(
        attribution_count=Count("attributions", distinct=True)
    )


def document_list() -> QuerySet[Document]:
    return Document.objects.select_related("outlet", "created_by")


# Web UI pages. The pages that list or count a source's claims read claims'
# tables, so their reads live in claims/selectors.py (sources sits below claims).


def documents_with_attribution_counts() -> QuerySet:
    return (
        Document.objects.select_related("outlet")
        .annotate(attribution_count=Count("attributions"))
        .order_by("-published_at", "-created_at", "-id")
    )


def document_highlight_segments(document: Document) -> list[dict]:
    """Split the document's text into consecutive segments, each with the
    attributions whose excerpt covers it (empty for plain text).

    Excerpts may overlap ("200 militants" inside a longer quote), so the text
    is cut at every excerpt boundary. The segments are plain strings: the
    template escapes them. Uses the prefetched attributions.
    """
    body = document.body
    located = [
        attribution
        for attribution in document.attributions.all()
        if attribution.excerpt_start is not None
        and attribution.excerpt_end is not None
        and 0 <= attribution.excerpt_start < attribution.excerpt_end <= len(body)
    ]
    cuts = {0, len(body)}
    for attribution in located:
        cuts.update((attribution.excerpt_start, attribution.excerpt_end))
    boundaries = sorted(cuts)
    segments = []
    for start, end in zip(boundaries, boundaries[1:], strict=False):
        covering = [a for a in located if a.excerpt_start <= start and end <= a.excerpt_end]
        segments.append({"text": body[start:end], "attributions": covering})
    return segments


def source_choices() -> QuerySet:
    """Sources for a drop-down: only what the option shows, by name."""
    return Source.objects.only("id", "name").order_by("name")
