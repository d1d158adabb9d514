"""New versions of a document, and finding every credited excerpt again in them."""

import logging
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from claims.models import Attribution, AuditEntry, ConflictFlag
from claims.services import flag_get_or_create_locked, flag_reopen
from core import events
from core.exceptions import ConflictError
from core.hooks import FLAGS_CHANGED, hook_fire
from sources.models import Document, document_content_hash
from sources.services import document_create

from .models import ExcerptAnchor
from .quotes import ORPHANED, QuoteSelector, anchor_quote, position_map, what_changed

logger = logging.getLogger(__name__)

# The flag raised on a claim whose excerpt the source revised or removed. Not a
# detection rule: the detector leaves flags of other rules alone.
SOURCE_REVISED = "source_revised"


def document_versions(document: Document) -> list[Document]:
    """Every version of the document's story, oldest first."""
    chain = [document]
    while chain[0].previous_version_id:
        chain.insert(0, Document.objects.get(pk=chain[0].previous_version_id))
    following = document
    while True:
        following = Document.objects.filter(previous_version=following).first()
        if following is None:
            break
        chain.append(following)
    return chain


@transaction.atomic
def document_version_add(
    *, document_id: int, user, body: str, title: str = "", published_at: datetime | None = None
) -> Document:
    """Store a revised text of a document as its next version (same URL and
    outlet), then look for every excerpt credited in earlier versions in it.
    The earlier versions and their attributions are kept as they were."""
    previous = Document.objects.select_for_update().get(pk=document_id)
    if not previous.is_latest:
        newer = Document.objects.get(previous_version=previous)
        raise ConflictError(
            f"Document #{previous.pk} already has a newer version (#{newer.pk}); add the update to that one.",
            code="not_latest_version",
        )
    if not (body or "").strip():
        raise ValidationError({"body": "The new version has no text."})
    if document_content_hash(body) == previous.content_hash:
        raise ConflictError("This text is the same as the current version.", code="same_text")
    previous.is_latest = False
    previous.save(update_fields=["is_latest", "updated_at"])
    document = document_create(
        title=title or previous.title,
        body=body,
        user=user,
        url=previous.url,
        outlet=previous.outlet,
        published_at=published_at or previous.published_at,
    )
    document.previous_version = previous
    document.version = previous.version + 1
    document.save(update_fields=["previous_version", "version", "updated_at"])
    excerpts_reanchor(document=document)
    return document


def _selector(attribution: Attribution) -> QuoteSelector:
    return QuoteSelector(
        exact=attribution.excerpt,
        prefix=attribution.quote_prefix,
        suffix=attribution.quote_suffix,
        start=attribution.excerpt_start,
        end=attribution.excerpt_end,
    )


@transaction.atomic
def excerpts_reanchor(*, document: Document) -> list[ExcerptAnchor]:
    """Anchor in `document` every excerpt credited in its earlier versions,
    starting from where each stood in the version just before. Found, revised
    or orphaned, each gets a row; none is dropped. Claims whose excerpt was
    revised or removed get a "source revised its text" flag."""
    previous = document.previous_version
    if previous is None:
        return []
    earlier_ids = [
        version.pk for version in document_versions(previous) if version.version < document.version
    ]
    attributions = list(
        Attribution.objects.filter(document_id__in=earlier_ids, excerpt_start__isnull=False)
        .exclude(excerpt="")
        .select_related("source", "claim")
    )
    before = {anchor.attribution_id: anchor for anchor in ExcerptAnchor.objects.filter(document=previous)}
    mapping = position_map(previous.body, document.body)
    anchors = []
    for attribution in attributions:
        if attribution.document_id == previous.pk:
            previous_span = (attribution.excerpt_start, attribution.excerpt_end)
        else:
            earlier = before.get(attribution.pk)
            previous_span = (earlier.start, earlier.end) if earlier and earlier.status != ORPHANED else None
        found = anchor_quote(
            _selector(attribution),
            document.body,
            hint=mapping(previous_span[0]) if previous_span else None,
            hint_end=mapping(previous_span[1]) if previous_span else None,
            previous_body=previous.body,
            previous_span=previous_span,
        )
        found_text = found.text(document.body)
        change = what_changed(attribution.excerpt, found_text) if found.status != ORPHANED else "removed"
        anchor, _ = ExcerptAnchor.objects.update_or_create(
            attribution=attribution,
            document=document,
            defaults={
                "status": found.status,
                "start": found.start,
                "end": found.end,
                "score": found.score,
                "found_text": found_text,
                "change": change,
            },
        )
        anchors.append(anchor)
        if change:
            _flag_source_revised(attribution=attribution, document=document, anchor=anchor)
    return anchors


def _shorten(text: str, limit: int = 140) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _flag_source_revised(*, attribution: Attribution, document: Document, anchor: ExcerptAnchor) -> None:
    """Raise (or bring up to date, or re-open) the claim's "source revised its
    text" flag, with what the excerpt now says."""
    if anchor.change == ExcerptAnchor.Change.REMOVED:
        what = "no longer contains the excerpt"
    else:
        kind = "figure" if anchor.change == ExcerptAnchor.Change.FIGURE else "wording"
        what = f"changed the {kind}: it now reads “{_shorten(anchor.found_text)}”"
    explanation = (
        f"{attribution.source.name} revised its text: version {document.version} of “{_shorten(document.title, 80)}” "
        f"{what} (was “{_shorten(attribution.excerpt)}”)."
    )[:500]
    severity = (
        ConflictFlag.Severity.HIGH
        if anchor.change == ExcerptAnchor.Change.FIGURE
        else ConflictFlag.Severity.MEDIUM
    )
    flag, created = flag_get_or_create_locked(
        rule=SOURCE_REVISED,
        claim_a_id=attribution.claim_id,
        claim_b_id=None,
        severity=severity,
        explanation=explanation,
    )
    if created:
        AuditEntry.objects.create(
            flag=flag,
            action=AuditEntry.Action.CREATED,
            to_value=flag.status,
            reason=f"Raised when version {document.version} of document #{document.pk} was added.",
        )
        events.publish(events.FLAG_RAISED, flag=flag)
        return
    if not flag.is_active:
        flag = flag_reopen(
            flag_id=flag.pk,
            user=None,
            reason=f"Version {document.version} of document #{document.pk} revised the excerpt again.",
        )
    flag.severity = max(flag.severity, severity)
    flag.explanation = explanation
    flag.save(update_fields=["severity", "explanation", "updated_at"])
    hook_fire(FLAGS_CHANGED, flag_ids=[flag.pk])
