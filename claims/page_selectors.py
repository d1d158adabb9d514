"""Reads for the claim list, the claim page and the event page: the list's
rows as plain dicts, built from the columns the page shows; the claim page's
claim and the event's timeline with only the columns they read.

At 100,000 claims a list page's CPU went mostly to building model rows, to
Django's prefetch machinery (a related manager and a queryset per claim) and
to resolving template lookups through them (issue 16). A row here is a dict
(the template engine's cheapest lookup) made from `only()` the shown columns
and one query for the page's sources."""

from django.db.models import Q, QuerySet

from core.url_cache import reverse_row

from .models import Attribution, AuditEntry, Claim, ClaimRelation, ConflictFlag, Event
from .selectors import API_ROWS, _open_flag_exists, attributions_with_sources, prefetched_rows

# The claim columns a list row shows (and figure_display reads).
CLAIM_ROW_COLUMNS = (
    *("id", "text", "status", "created_at", "event_id", "event__title"),
    *("value_low", "value_high", "qualifier", "quantity_subject"),
)
STATUS_DISPLAY = dict(Claim.Status.choices)


def claim_list_for_page() -> QuerySet[Claim]:
    """The claim list page's claims, newest first, with only what a row shows
    (read into rows with claim_list_rows) and whether a conflict is open."""
    return (
        Claim.objects.select_related("event")
        .only(*CLAIM_ROW_COLUMNS)
        .annotate(has_open_conflict=_open_flag_exists())
        .order_by("-created_at", "-id")
    )


def source_names_by_claim(claim_ids: list[int]) -> dict[int, list[str]]:
    """The names of the sources credited with each claim, in one query, in
    the order the claim's attributions were made."""
    names: dict[int, list[str]] = {}
    for claim_id, name in (
        Attribution.objects.filter(claim_id__in=claim_ids)
        .order_by("claim_id", "id")
        .values_list("claim_id", "source__name")
    ):
        names.setdefault(claim_id, []).append(name)
    return names


def claim_list_rows(claims) -> list[dict]:
    """One dict per claim of a page of claim_list_for_page(): what
    claims/_claim_row.html shows."""
    claims = list(claims)
    names = source_names_by_claim([claim.pk for claim in claims])
    return [
        {
            "pk": claim.pk,
            "url": reverse_row("claims:claim-detail", value=claim.pk),
            "text": claim.text,
            "has_open_conflict": claim.has_open_conflict,
            "status": claim.status,
            "status_display": STATUS_DISPLAY.get(claim.status, claim.status),
            "figure_display": claim.figure_display,
            "sources": names.get(claim.pk, []),
            "event_url": reverse_row("claims:event-detail", value=claim.event_id) if claim.event_id else "",
            "event_title": claim.event.title if claim.event_id else "",
            "created_at": claim.created_at,
        }
        for claim in claims
    ]


# What the claim page (and its ClaimReview and origins) read of an
# attribution, its sources and its document: a source's aliases, notes and
# grading history are left in the database (a third of the columns compiled
# and read four times over).
SOURCE_PAGE_COLUMNS = ("id", "slug", "name", "kind", "url", "reliability", "affiliation", "side")
ATTRIBUTION_PAGE_COLUMNS = (
    *("id", "claim", "source", "document", "relayed_by", "excerpt", "excerpt_start", "excerpt_end"),
    *("form", "reporting_verb"),
    *(f"{source}__{column}" for source in ("source", "relayed_by") for column in SOURCE_PAGE_COLUMNS),
    *(f"document__{column}" for column in ("id", "title", "url", "published_at", "outlet", "body")),
    *(f"document__outlet__{column}" for column in SOURCE_PAGE_COLUMNS),
)
# The claim itself, all but its search index column, and of its event and
# of each history line's actor what the page shows (not a user's password
# hash and profile).
CLAIM_PAGE_COLUMNS = (
    *(field.name for field in Claim._meta.concrete_fields if field.name != "search_vector"),
    *("event__id", "event__title", "created_by__id", "created_by__username"),
)
HISTORY_PAGE_COLUMNS = (
    *(field.name for field in AuditEntry._meta.concrete_fields),
    *("actor__id", "actor__username"),
)
# What the claim page shows of a relation and of the claim at its other end.
RELATION_PAGE_COLUMNS = (
    *("id", "relation_type", "origin", "rationale", "from_claim", "to_claim"),
    *(
        f"{end}__{column}"
        for end in ("from_claim", "to_claim")
        for column in ("id", "text", "value_low", "value_high", "qualifier", "quantity_subject")
    ),
)


# What the event page and its figure summaries read of an attribution.
TIMELINE_ATTRIBUTION_COLUMNS = (
    *("id", "claim", "source", "document", "form"),
    *(f"source__{column}" for column in ("id", "slug", "name", "affiliation", "side", "reliability")),
    *("document__id", "document__published_at"),
)


def event_timeline_for_page(*, event: Event) -> list[Claim]:
    """The event's claims in the order things happened (undated last, then by
    entry), each marked with whether it is in an open conflict, with its
    attributions (as prefetched_rows() reads them; the figure summary dates
    each report by its document), in two queries without
    Django's prefetch machinery or the claims' search vectors."""
    claims = list(
        Claim.objects.filter(event=event)
        .defer("search_vector")
        .annotate(has_open_conflict=_open_flag_exists())
    )
    rows: dict[int, list[Attribution]] = {claim.pk: [] for claim in claims}
    if claims:
        for attribution in (
            Attribution.objects.filter(claim_id__in=list(rows))
            .select_related("source", "document")
            .only(*TIMELINE_ATTRIBUTION_COLUMNS)
            .order_by("claim_id", "id")
        ):
            rows[attribution.claim_id].append(attribution)
    for claim in claims:
        claim.__dict__[API_ROWS["attributions"]] = rows[claim.pk]
    return sorted(
        claims,
        key=lambda claim: (
            claim.occurred_on is None,
            claim.occurred_on or claim.created_at.date(),
            claim.created_at,
            claim.pk,
        ),
    )


def claim_detail_for_page(*, claim_id: int) -> tuple[Claim, list[ConflictFlag]]:
    """One claim with everything its page shows: attributions, relations both
    ways (with the other claim) and history, as prefetched_rows() reads them,
    and its conflict flags.

    Each in one plain query with only the columns the page reads, instead of
    Django's prefetch machinery (a related manager and queryset per relation)
    and two queries for the relations: about a third of the page's CPU.
    Whether a conflict is open comes from the flags the page lists anyway:
    the Exists() subquery on the claim's read cost as much CPU to compile as
    a whole query (issue 16)."""
    claim = Claim.objects.select_related("event", "created_by").only(*CLAIM_PAGE_COLUMNS).get(pk=claim_id)
    flags = flags_for_claim_page(claim.pk)
    claim.has_open_conflict = any(flag.status in ConflictFlag.ACTIVE_STATUSES for flag in flags)
    # The outlet too: the page's ClaimReview names where each attribution appeared.
    claim.__dict__[API_ROWS["attributions"]] = list(
        attributions_with_sources()
        .select_related("document__outlet")
        .only(*ATTRIBUTION_PAGE_COLUMNS)
        .filter(claim_id=claim.pk)
    )
    relations = list(
        ClaimRelation.objects.filter(Q(from_claim_id=claim.pk) | Q(to_claim_id=claim.pk))
        .select_related("from_claim", "to_claim")
        .only(*RELATION_PAGE_COLUMNS)
    )
    claim.__dict__[API_ROWS["relations_from"]] = [row for row in relations if row.from_claim_id == claim.pk]
    claim.__dict__[API_ROWS["relations_to"]] = [row for row in relations if row.to_claim_id == claim.pk]
    claim.__dict__[API_ROWS["history"]] = list(
        AuditEntry.objects.filter(claim_id=claim.pk).select_related("actor").only(*HISTORY_PAGE_COLUMNS)
    )
    return claim, flags


def flags_for_claim_page(claim_id: int) -> list[ConflictFlag]:
    """The claim's conflict flags with what its page (and ClaimReview) read."""
    return list(
        ConflictFlag.objects.filter(Q(claim_a_id=claim_id) | Q(claim_b_id=claim_id)).only(
            "id", "rule", "claim_a", "claim_b", "status", "explanation"
        )
    )


def event_timeline_rows(timeline: list[Claim]) -> list[dict]:
    """The timeline's claims as the event page shows them, as plain dicts
    (the template engine's cheapest lookups)."""
    return [
        {
            "pk": claim.pk,
            "url": reverse_row("claims:claim-detail", value=claim.pk),
            "text": claim.text,
            "has_open_conflict": claim.has_open_conflict,
            "status": claim.status,
            "status_display": STATUS_DISPLAY.get(claim.status, claim.status),
            "figure_display": claim.figure_display,
            "occurred_on": claim.occurred_on,
            "sources": [attribution.source.name for attribution in prefetched_rows(claim, "attributions")],
        }
        for claim in timeline
    ]
