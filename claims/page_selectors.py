"""Reads for the web pages that show many rows: the claim list's rows as plain
dicts, built from the columns the page shows.

At 100,000 claims a list page's CPU went mostly to building model rows, to
Django's prefetch machinery (a related manager and a queryset per claim) and
to resolving template lookups through them (issue 16). A row here is a dict
(the template engine's cheapest lookup) made from `only()` the shown columns
and one query for the page's sources."""

from django.db.models import QuerySet

from core.url_cache import reverse_row

from .models import Attribution, Claim
from .selectors import _open_flag_exists

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
