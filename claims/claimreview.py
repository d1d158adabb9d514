"""schema.org ClaimReview JSON-LD for a claim (https://schema.org/ClaimReview).

Served at /api/v1/claims/{id}/claimreview/ and embedded in the claim's web
page as <script type="application/ld+json">, so search engines and
fact-check aggregators can read the newsroom's verdict.

How a verification status becomes a rating (ratingValue on a 1–5 scale,
bestRating 5, worstRating 1, and alternateName as the textual verdict):

    verified      5  "True"            checked against independent evidence
    corroborated  4  "Corroborated"    other independent sources agree
    unverified    3  "Unverified"      not yet checked; no verdict either way
    disputed      2  "Disputed"        credible sources contradict it
    false         1  "False"           evidence shows it is wrong
    retracted     1  "Retracted"       withdrawn by the source that made it

The rating is the editors' verdict; the corroboration state never raises or
lowers it on its own, it is stated beside it: for an unverified claim,
`alternateName` says what the tracker found ("Unverified: 2 independent
origins agree", "Unverified: contested by another source" while a conflict
about it is open, "Unverified: only parties to the conflict"), and
`reviewBody` names the independent origins (claims/origins.py). A
corroborated claim reads "Corroborated by N independent origins".

datePublished is the day the status last changed (the day the claim was
recorded if it never changed). itemReviewed is the claim as made: its
authors are the credited sources, its appearances the documents it was found
in, with their outlets.
"""

import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Q
from django.urls import NoReverseMatch, reverse

from sources.models import Source

from .models import AuditEntry, Claim, ConflictFlag
from .selectors import API_ROWS, prefetched_rows

STATUS_RATINGS: dict[str, tuple[int, str]] = {
    Claim.Status.VERIFIED: (5, "True"),
    Claim.Status.CORROBORATED: (4, "Corroborated"),
    Claim.Status.UNVERIFIED: (3, "Unverified"),
    Claim.Status.DISPUTED: (2, "Disputed"),
    Claim.Status.FALSE: (1, "False"),
    Claim.Status.RETRACTED: (1, "Retracted"),
}
BEST_RATING = 5
WORST_RATING = 1

# Individuals are Persons in schema.org; every other kind of source is an organisation.
PERSON_KINDS = {Source.Kind.WITNESS}


def _absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def claim_page_url(claim: Claim) -> str:
    """The claim's web page, or its API address while the web UI has no page for it."""
    try:
        return _absolute(claim.get_absolute_url())
    except NoReverseMatch:
        return _absolute(f"/api/v1/claims/{claim.pk}/")


def _source_entity(source) -> dict:
    entity = {"@type": "Person" if source.kind in PERSON_KINDS else "Organization", "name": source.name}
    if source.url:
        entity["url"] = source.url
    return entity


def _appearance(document) -> dict:
    work = {"@type": "CreativeWork", "headline": document.title}
    if document.url:
        work["url"] = document.url
    if document.published_at:
        work["datePublished"] = document.published_at.date().isoformat()
    if document.outlet_id:
        work["publisher"] = _source_entity(document.outlet)
    return work


def _contested(claim: Claim, flags: list | None) -> bool:
    """Whether another source's claim disputes this one (a flag with two
    claims awaiting a decision), from the claim's flags when the caller has them."""
    if flags is not None:
        return any(
            flag.claim_b_id is not None
            and flag.status in ConflictFlag.ACTIVE_STATUSES
            and claim.pk in (flag.claim_a_id, flag.claim_b_id)
            for flag in flags
        )
    return ConflictFlag.objects.filter(
        Q(claim_a_id=claim.pk) | Q(claim_b_id=claim.pk),
        claim_b__isnull=False,
        status__in=ConflictFlag.ACTIVE_STATUSES,
    ).exists()


def _last_status_change(claim: Claim):
    """When the claim's status last changed, or None; from its prefetched
    history when it was fetched with it (the claim page), else one query."""
    history = claim.__dict__.get(API_ROWS["history"])
    if history is None:
        history = getattr(claim, "_prefetched_objects_cache", {}).get("history")
    if history is not None:
        changes = [entry for entry in history if entry.action == AuditEntry.Action.STATUS]
        return max(changes, key=lambda entry: (entry.created_at, entry.pk)).created_at if changes else None
    return (
        AuditEntry.objects.filter(claim=claim, action=AuditEntry.Action.STATUS)
        .order_by("-created_at", "-id")
        .values_list("created_at", flat=True)
        .first()
    )


def corroboration_state(
    claim: Claim, rating_name: str, *, flags: list | None = None, origins=None
) -> tuple[str, str]:
    """The verdict's name with what the tracker found, and a sentence naming
    the independent origins (two or three queries; `flags`, the claim's
    conflict flags, and `origins`, its OriginSummary, when the caller has
    read them, save one and two)."""
    from .origins import claim_origins

    if origins is None:
        origins = claim_origins(claim_ids=[claim.pk])[claim.pk]
    body = f"{origins}." if origins.origins else "No source is credited yet."
    if claim.status == Claim.Status.CORROBORATED and origins.count >= 2:
        return f"Corroborated by {origins.count} independent origins", body
    if claim.status != Claim.Status.UNVERIFIED:
        return rating_name, body
    if _contested(claim, flags):
        return "Unverified: contested by another source", body
    if origins.supports_corroboration:
        return f"Unverified: {origins.count} independent origins agree", body
    if origins.party_only:
        return "Unverified: only parties to the conflict", body
    return rating_name, body


def _item_reviewed(claim: Claim) -> dict:
    """The schema.org Claim reviewed: who said it, where it appeared, when and where it is about."""
    authors, appearances, seen_sources, seen_documents = [], [], set(), set()
    for attribution in prefetched_rows(claim, "attributions"):
        if attribution.source_id not in seen_sources:
            seen_sources.add(attribution.source_id)
            authors.append(_source_entity(attribution.source))
        if attribution.document_id and attribution.document_id not in seen_documents:
            seen_documents.add(attribution.document_id)
            appearances.append(_appearance(attribution.document))

    item = {"@type": "Claim"}
    if authors:
        item["author"] = authors[0] if len(authors) == 1 else authors
    if appearances:
        dated = [a for a in appearances if "datePublished" in a]
        item["appearance"] = appearances
        item["firstAppearance"] = min(dated, key=lambda a: a["datePublished"]) if dated else appearances[0]
        if dated:
            item["datePublished"] = item["firstAppearance"]["datePublished"]
    if claim.occurred_on:
        item["temporalCoverage"] = claim.occurred_on.isoformat()
    if claim.place:
        item["spatialCoverage"] = {"@type": "Place", "name": claim.place}
    return item


def _publisher() -> dict:
    """The organisation publishing the review (the tracker's own site)."""
    try:
        publisher_url = _absolute(reverse("dashboard"))
    except NoReverseMatch:
        publisher_url = settings.SITE_URL + "/"
    return {
        "@type": "Organization",
        "name": getattr(settings, "CLAIMREVIEW_PUBLISHER", "Claimtrack"),
        "url": publisher_url,
    }


def claim_review(claim: Claim, *, flags: list | None = None, origins=None) -> dict:
    """The ClaimReview for `claim`, as a dict ready for json.dumps.

    Reads the claim's attributions with their sources and documents: fetch
    the claim with `claims.selectors.claim_for_claimreview` to do so in a few
    queries. The claim page passes what it has read already (the claim's
    `flags`, its origins, its prefetched history) and saves four.
    """
    rating_value, rating_name = STATUS_RATINGS[claim.status]
    rating_name, review_body = corroboration_state(claim, rating_name, flags=flags, origins=origins)
    last_status_change = _last_status_change(claim)
    reviewed_on = (last_status_change or claim.created_at).date()

    item = _item_reviewed(claim)
    publisher = _publisher()
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": claim_page_url(claim),
        "claimReviewed": claim.text,
        "datePublished": reviewed_on.isoformat(),
        "author": publisher,
        "itemReviewed": item,
        "reviewBody": review_body,
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": rating_value,
            "bestRating": BEST_RATING,
            "worstRating": WORST_RATING,
            "alternateName": rating_name,
        },
    }


# The same escaping as Django's json_script: "<", ">" and "&" become \u escapes,
# so a claim text containing "</script>" cannot close the tag early.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def claim_review_script(claim: Claim, *, flags: list | None = None, origins=None) -> str:
    """The ClaimReview as a <script type="application/ld+json"> block for the
    claim's web page, safe to mark safe in a template."""
    from django.utils.html import format_html
    from django.utils.safestring import mark_safe

    payload = json.dumps(
        claim_review(claim, flags=flags, origins=origins), cls=DjangoJSONEncoder, ensure_ascii=False
    ).translate(_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308 - escaped above
