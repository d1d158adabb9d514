"""Reads for the claim list, the claim page and the event page: the list's
rows as plain dicts, built from the columns the page shows; the claim page's
claim and the event's timeline with only the columns they read.

At 100,000 claims a list page's CPU went mostly to building model rows, to
Django's prefetch machinery (a related manager and a queryset per claim) and
to resolving template lookups through them (issue 16). A row here is a dict
(the template engine's cheapest lookup) made from `only()` the shown columns
and one query for the page's sources."""

from django.db.models import Q, QuerySet

from core.prepared_reads import Join, PreparedRead
from core.url_cache import reverse_row

from .models import Attribution, AuditEntry, Claim, ClaimRelation, ConflictFlag, Event
from .selectors import API_ROWS, _open_flag_exists, prefetched_rows

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
            **_claim_row(claim, names.get(claim.pk, [])),
            "event_url": reverse_row("claims:event-detail", value=claim.event_id) if claim.event_id else "",
            "event_title": claim.event.title if claim.event_id else "",
            "created_at": claim.created_at,
        }
        for claim in claims
    ]


def _claim_row(claim: Claim, sources: list[str]) -> dict:
    """What every list of claims shows of one: link, text, status, figure, sources."""
    return {
        "pk": claim.pk,
        "url": reverse_row("claims:claim-detail", value=claim.pk),
        "text": claim.text,
        "has_open_conflict": claim.has_open_conflict,
        "status": claim.status,
        "status_display": STATUS_DISPLAY.get(claim.status, claim.status),
        "figure_display": claim.figure_display,
        "sources": sources,
    }


# What the claim page (and its ClaimReview and origins) read of an
# attribution, its sources and its document: a source's aliases, notes and
# grading history are left in the database (a third of the columns compiled
# and read four times over). Each of the page's reads is a PreparedRead
# (core/prepared_reads.py): the same SQL for every claim, compiled once per
# process, where compiling and select_related() cost 0.5-1 ms of CPU a query.
SOURCE_PAGE_COLUMNS = ("slug", "name", "kind", "url", "reliability", "affiliation", "side")
PAGE_ATTRIBUTIONS = PreparedRead(
    model=Attribution,
    columns=("claim", "excerpt", "excerpt_start", "excerpt_end", "form", "reporting_verb"),
    joins=(
        Join("source", SOURCE_PAGE_COLUMNS),
        Join("relayed_by", SOURCE_PAGE_COLUMNS),
        # The outlet too: the page's ClaimReview names where each attribution appeared.
        Join("document", ("title", "url", "published_at", "body"), (Join("outlet", SOURCE_PAGE_COLUMNS),)),
    ),
    queryset=lambda claim_id: Attribution.objects.filter(claim_id=claim_id),
)
# The claim itself, all but its search index column, and of its event and
# of each history line's actor what the page shows (not a user's password
# hash and profile); the event's place and dates tell which figure summary is
# the claim's (detection.figure_summary.figure_scope).
PAGE_CLAIM = PreparedRead(
    model=Claim,
    columns=tuple(field.name for field in Claim._meta.concrete_fields if field.name != "search_vector"),
    joins=(Join("event", ("title", "place", "start_date", "end_date")), Join("created_by", ("username",))),
    queryset=lambda claim_id: Claim.objects.filter(pk=claim_id).order_by(),
)
PAGE_HISTORY = PreparedRead(
    model=AuditEntry,
    columns=tuple(field.name for field in AuditEntry._meta.concrete_fields),
    joins=(Join("actor", ("username",)),),
    queryset=lambda claim_id: AuditEntry.objects.filter(claim_id=claim_id),
)
# What the claim page shows of a relation and of the claim at its other end.
RELATION_END_COLUMNS = ("text", "value_low", "value_high", "qualifier", "quantity_subject")
PAGE_RELATIONS = PreparedRead(
    model=ClaimRelation,
    columns=("relation_type", "origin", "rationale"),
    joins=(Join("from_claim", RELATION_END_COLUMNS), Join("to_claim", RELATION_END_COLUMNS)),
    queryset=lambda claim_id: ClaimRelation.objects.filter(
        Q(from_claim_id=claim_id) | Q(to_claim_id=claim_id)
    ),
)
# What the claim page (and its ClaimReview) read of a conflict flag.
PAGE_FLAGS = PreparedRead(
    model=ConflictFlag,
    columns=("rule", "claim_a", "claim_b", "status", "explanation"),
    queryset=lambda claim_id: ConflictFlag.objects.filter(Q(claim_a_id=claim_id) | Q(claim_b_id=claim_id)),
)


# What the event page and its figure summaries read of an attribution.
TIMELINE_ATTRIBUTION_COLUMNS = (
    *("id", "claim", "source", "document", "relayed_by", "form", "excerpt"),
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
    found = PAGE_CLAIM.rows(claim_id)
    if not found:
        raise Claim.DoesNotExist(f"No claim {claim_id}.")
    claim = found[0]
    flags = PAGE_FLAGS.rows(claim.pk)
    claim.has_open_conflict = any(flag.status in ConflictFlag.ACTIVE_STATUSES for flag in flags)
    claim.__dict__[API_ROWS["attributions"]] = PAGE_ATTRIBUTIONS.rows(claim.pk)
    relations = PAGE_RELATIONS.rows(claim.pk)
    claim.__dict__[API_ROWS["relations_from"]] = [row for row in relations if row.from_claim_id == claim.pk]
    claim.__dict__[API_ROWS["relations_to"]] = [row for row in relations if row.to_claim_id == claim.pk]
    claim.__dict__[API_ROWS["history"]] = PAGE_HISTORY.rows(claim.pk)
    return claim, flags


def event_timeline_rows(timeline: list[Claim]) -> list[dict]:
    """The timeline's claims as the event page shows them, as plain dicts
    (the template engine's cheapest lookups)."""
    return [
        {
            **_claim_row(
                claim, [attribution.source.name for attribution in prefetched_rows(claim, "attributions")]
            ),
            "occurred_on": claim.occurred_on,
        }
        for claim in timeline
    ]
