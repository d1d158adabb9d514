"""Reads of sources and documents with their related rows decided once."""

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from claims.models import Attribution, Claim

from .models import Document, Source


def source_list() -> QuerySet[Source]:
    return Source.objects.select_related("reliability_set_by").annotate(
        attribution_count=Count("attributions", distinct=True)
    )


def document_list() -> QuerySet[Document]:
    return Document.objects.select_related("outlet", "created_by")


# Web UI pages: counts of claims per source, documents with highlighted excerpts.


def sources_with_claim_counts() -> QuerySet:
    """Sources by name with how many claims each is credited with and how many
    of those are disputed or false."""
    return Source.objects.annotate(
        claim_count=Count("attributions__claim", distinct=True),
        disputed_count=Count(
            "attributions__claim",
            filter=Q(attributions__claim__status__in=[Claim.Status.DISPUTED, Claim.Status.FALSE]),
            distinct=True,
        ),
    ).order_by("name", "id")


def source_detail(*, slug: str) -> Source:
    return sources_with_claim_counts().select_related("reliability_set_by").get(slug=slug)


def source_disputed_share(source: Source) -> float | None:
    """Share (0..1) of the source's claims that are disputed or false; None if it has none.
    Reads the counts annotated by sources_with_claim_counts()."""
    if not source.claim_count:
        return None
    return source.disputed_count / source.claim_count


def source_claims(*, source: Source) -> QuerySet:
    """The claims credited to a source, newest first, with the event and how
    this source was quoted."""
    from claims.selectors import claim_list

    return claim_list().filter(Exists(Attribution.objects.filter(claim=OuterRef("pk"), source=source)))


def documents_with_attribution_counts() -> QuerySet:
    return (
        Document.objects.select_related("outlet")
        .annotate(attribution_count=Count("attributions"))
        .order_by("-published_at", "-created_at", "-id")
    )


def document_detail(*, document_id: int) -> Document:
    return (
        Document.objects.select_related("outlet", "created_by")
        .prefetch_related(
            Prefetch(
                "attributions",
                queryset=Attribution.objects.select_related("claim", "source").order_by(
                    "excerpt_start", "id"
                ),
            )
        )
        .get(pk=document_id)
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
