"""Every write ingestion makes: storing an article, running the extractor
over it, and an editor's decision on each proposed claim.

Accepting a proposal goes through `claims.services.claim_create` (and
`sources.services.source_create` for a new speaker), so an accepted claim is
recorded, audited and checked for conflicts exactly like a hand-entered one.

Who may do what (see docs/extraction.md):
- add a document: `sources.add_document` (editors);
- accept, edit or reject a proposal: `claims.add_claim` (fact-checkers and
  editors); accepting one whose speaker is not yet a source also needs
  `sources.add_source`, so fact-checkers accept proposals credited to
  existing sources only (they can pick an existing source while editing).
"""

import logging
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from claims.models import Attribution, Claim, ClaimRelation
from claims.services import attribution_create, claim_create, relation_create
from core import events
from core.exceptions import ConflictError
from core.permissions import role_refusal
from sources.models import Document, Source
from sources.services import document_create, source_create

from .extraction import Candidate, extract_claims
from .models import ClaimProposal, DocumentExtraction
from .selectors import known_sources, lexicon_current
from .uploads import normalise_text, text_from_upload

logger = logging.getLogger(__name__)

PROPOSAL_EDITABLE_FIELDS = (
    "text",
    "kind",
    "value_low",
    "value_high",
    "qualifier",
    "quantity_subject",
    "source",
    "proposed_source_name",
    "proposed_source_kind",
    "form",
    "reporting_verb",
    "relayed_by",
    "excerpt_start",
    "excerpt_end",
    "responsible_party",
)


# Permissions


# What each step needs; a refusal names the roles that have it and whom to
# ask (core.permissions.role_refusal), as the API's and the views' checks do.
INGEST_PERMISSION = "sources.add_document"
REVIEW_PERMISSION = "claims.add_claim"
ADD_SOURCE_PERMISSION = "sources.add_source"


def user_can_ingest(user) -> bool:
    return bool(user and user.has_perm(INGEST_PERMISSION))


def user_can_review(user) -> bool:
    return bool(user and user.has_perm(REVIEW_PERMISSION))


def user_can_add_sources(user) -> bool:
    return bool(user and user.has_perm(ADD_SOURCE_PERMISSION))


# Documents


def _queue_extraction(document_id: int) -> None:
    from .tasks import queue_document_extraction

    transaction.on_commit(lambda: queue_document_extraction(document_id))


@transaction.atomic
def document_ingest(
    *,
    title: str,
    user,
    body: str = "",
    upload=None,
    url: str = "",
    outlet: Source | None = None,
    published_at: datetime | None = None,
) -> Document:
    """Store an article from pasted text or an uploaded .txt/.html file and
    queue the extractor on it once the document has committed.

    Give exactly one of `body` and `upload`. A document already stored (same
    text or URL) is refused with the ConflictError from document_create.
    """
    if not user_can_ingest(user):
        raise role_refusal(user, [INGEST_PERMISSION], saying="Only editors can add documents.")
    has_body = bool((body or "").strip())
    if has_body and upload is not None:
        raise ValidationError({"upload": "Paste the text or upload a file, not both."})
    if upload is not None:
        text = text_from_upload(upload)
    elif has_body:
        text = normalise_text(body)
    else:
        raise ValidationError({"body": "Paste the article's text or upload a file."})
    document = document_create(
        title=title, body=text, user=user, url=url, outlet=outlet, published_at=published_at
    )
    DocumentExtraction.objects.create(document=document)
    _queue_extraction(document.pk)
    return document


# The extraction task's hard time limit (ingestion/tasks.py). A run still
# "running" after it belongs to a worker that died or was killed.
EXTRACTION_TIME_LIMIT = 90


class ExtractionInProgress(Exception):
    """Another worker holds this document's extraction (and it is not stale)."""


def _stale_before():
    return timezone.now() - timedelta(seconds=EXTRACTION_TIME_LIMIT)


@transaction.atomic
def extraction_queue(*, document_id: int, user=None) -> DocumentExtraction:
    """Ask for the extractor to run (again) on a document, e.g. after the
    lexicon changed. Proposals already made, accepted or rejected are kept."""
    extraction, _ = DocumentExtraction.objects.get_or_create(document_id=document_id)
    running = extraction.status == DocumentExtraction.Status.RUNNING
    if running and extraction.started_at is not None and extraction.started_at >= _stale_before():
        raise ConflictError("The extractor is already reading this document.", code="extraction_running")
    extraction.status = DocumentExtraction.Status.PENDING
    extraction.error = ""
    extraction.save(update_fields=["status", "error", "updated_at"])
    # The run has no requester column; the log keeps who asked for it.
    logger.info("Extraction of document %s queued again by %s.", document_id, user)
    _queue_extraction(document_id)
    return extraction


def _proposal_from_candidate(document: Document, candidate: Candidate) -> ClaimProposal:
    figure = candidate.figure
    return ClaimProposal(
        document=document,
        text=candidate.text[:5000],
        kind=candidate.kind,
        value_low=figure.value_low if figure else None,
        value_high=figure.value_high if figure else None,
        qualifier=figure.qualifier if figure else "",
        quantity_subject=(figure.subject if figure else "")[:200],
        figure_text=(figure.as_written if figure else "")[:100],
        figure_start=candidate.figure_start or 0,
        speaker_unbound=candidate.speaker_unbound,
        joint_with=candidate.joint_with,
        framing_terms=candidate.framing_terms,
        responsible_party=candidate.responsible_party[:200],
        is_denial=candidate.is_denial,
        denied_text=candidate.denied_text[:5000],
        speaker_text=candidate.speaker_text[:200],
        source_id=candidate.source_id,
        similar_source_id=candidate.similar_source_id,
        proposed_source_name="" if candidate.source_id else candidate.speaker_name[:200],
        proposed_source_kind="" if candidate.source_id else candidate.proposed_source_kind,
        form=candidate.form,
        reporting_verb=candidate.reporting_verb[:50],
        relayed_by_id=candidate.relayed_by_id,
        relayed_by_text=candidate.relayed_by_text[:200],
        excerpt=candidate.excerpt,
        excerpt_start=candidate.excerpt_start,
        excerpt_end=candidate.excerpt_end,
    )


def proposals_extract_for_document(*, document_id: int) -> int:
    """Run the extractor over a document and store what it proposes.

    Safe to run twice, or in two workers at once: a passage already proposed
    for the same speaker and figure is skipped (the unique constraint decides), so
    re-running adds only what is new and never revives a rejected proposal.
    Returns how many proposals were added. Raises ExtractionInProgress when
    another worker is reading the document right now.
    """
    # Claim the work: only a run that is not already running moves to
    # running; if another worker moved it first, that worker goes on. A run
    # left "running" past the task's hard time limit belongs to a worker that
    # died (the task is redelivered, acks_late), so it may be taken over.
    now = timezone.now()
    stale_before = _stale_before()
    claimed = (
        DocumentExtraction.objects.filter(document_id=document_id)
        .filter(~Q(status=DocumentExtraction.Status.RUNNING) | Q(started_at__lt=stale_before))
        .update(status=DocumentExtraction.Status.RUNNING, started_at=now, error="")
    )
    if claimed == 0 and DocumentExtraction.objects.filter(document_id=document_id).exists():
        logger.info("Extraction of document %s is already running elsewhere.", document_id)
        raise ExtractionInProgress(document_id)
    document = Document.objects.filter(pk=document_id).first()
    if document is None:
        return 0
    if claimed == 0:
        DocumentExtraction.objects.create(
            document=document, status=DocumentExtraction.Status.RUNNING, started_at=timezone.now()
        )
    try:
        candidates = extract_claims(document.body, lexicon=lexicon_current(), sources=known_sources())
        added = 0
        for candidate in candidates:
            # One small transaction each, so the review page shows proposals
            # as they arrive rather than all at the end.
            try:
                with transaction.atomic():
                    _proposal_from_candidate(document, candidate).save()
                added += 1
            except IntegrityError:
                continue  # already proposed by an earlier run
    except Exception as error:
        DocumentExtraction.objects.filter(document_id=document_id).update(
            status=DocumentExtraction.Status.FAILED, finished_at=timezone.now(), error=str(error)[:2000]
        )
        raise
    total = ClaimProposal.objects.filter(document_id=document_id).count()
    DocumentExtraction.objects.filter(document_id=document_id).update(
        status=DocumentExtraction.Status.DONE, finished_at=timezone.now(), proposals_found=total
    )
    if added:
        events.publish(events.PROPOSALS_READY, document=document, count=added)
    return added


# Proposals


def _lock_open_proposal(proposal_id: int, verb: str) -> ClaimProposal:
    proposal = ClaimProposal.objects.select_for_update().select_related("document").get(pk=proposal_id)
    if proposal.status != ClaimProposal.Status.PROPOSED:
        who = proposal.decided_by.get_username() if proposal.decided_by_id else "someone"
        raise ConflictError(
            f"Cannot {verb}: this proposal was already {proposal.status} by {who}.",
            code="proposal_decided",
        )
    return proposal


@transaction.atomic
def proposal_update(*, proposal_id: int, user, **changes) -> ClaimProposal:
    """Correct a proposal before accepting it: the claim's wording, figure,
    speaker, form or the excerpt's offsets (the excerpt follows the offsets)."""
    if not user_can_review(user):
        raise role_refusal(
            user, [REVIEW_PERMISSION], saying="Only fact-checkers and editors can edit proposals."
        )
    unknown = set(changes) - set(PROPOSAL_EDITABLE_FIELDS)
    if unknown:
        raise ValidationError({field: "This field cannot be changed here." for field in sorted(unknown)})
    proposal = _lock_open_proposal(proposal_id, "edit")
    for field, value in changes.items():
        if isinstance(value, str):
            value = " ".join(value.split()) if field != "text" else value.strip()
        setattr(proposal, field, value)
    if "value_low" in changes and "value_high" not in changes:
        proposal.value_high = proposal.value_low
    if proposal.value_low is not None and proposal.value_high is None:
        proposal.value_high = proposal.value_low
    if proposal.source_id:
        proposal.proposed_source_name = ""
    if proposal.source_id or proposal.proposed_source_name:
        proposal.speaker_unbound = False  # the editor said who stated it
    body = proposal.document.body
    errors = {}
    if not (0 <= proposal.excerpt_start < proposal.excerpt_end <= len(body)):
        errors["excerpt_end"] = f"The excerpt must lie within the document's {len(body)} characters."
    else:
        proposal.excerpt = body[proposal.excerpt_start : proposal.excerpt_end]
    if not proposal.text.strip():
        errors["text"] = "Write the claim as reported."
    if errors:
        raise ValidationError(errors)
    proposal.full_clean(exclude=["document", "claim", "decided_by"], validate_unique=False)
    proposal.save()
    return proposal


def _source_for(proposal: ClaimProposal, user) -> Source:
    if proposal.source_id:
        return proposal.source
    name = " ".join(proposal.proposed_source_name.split())
    if not name and proposal.speaker_unbound:
        # Several speakers and the rules could not tell whose figure this
        # is: crediting the outlet would be a guess.
        raise ValidationError({"source": "Nobody could be credited with this figure: choose who stated it."})
    if not name:
        if proposal.document.outlet_id:
            # No one is credited in the text: the publication's own claim.
            return proposal.document.outlet
        raise ValidationError({"source": "Choose who made this claim, or name a new source."})
    existing = Source.objects.filter(name__iexact=name).first()
    if existing is not None:
        return existing
    if not user_can_add_sources(user):
        raise role_refusal(
            user,
            [ADD_SOURCE_PERMISSION],
            saying=f"'{name}' is not a source yet and only editors can add sources. "
            "Choose an existing source, or ask an editor to accept this one.",
        )
    kind = proposal.proposed_source_kind or (
        Source.Kind.ANONYMOUS if proposal.form == Attribution.Form.ANONYMOUS else Source.Kind.WITNESS
    )
    return source_create(
        name=name,
        kind=kind,
        user=user,
        notes=f"Added from document #{proposal.document_id} when a proposed claim was accepted.",
    )


def _relayer_for(proposal: ClaimProposal, user) -> Source | None:
    """Who passed the claim on: the matched source, or the named relayer made
    a new source (it is never dropped). Fact-checkers cannot add sources, so
    for them a relayer that is not a source yet stays as text on the proposal."""
    if proposal.relayed_by_id:
        return proposal.relayed_by
    name = " ".join(proposal.relayed_by_text.split())
    if not name:
        return None
    existing = Source.objects.filter(name__iexact=name).first()
    if existing is not None or not user_can_add_sources(user):
        return existing
    return source_create(
        name=name,
        kind=Source.Kind.NEWS_OUTLET,  # relayers are outlets or agencies; the editor can change it
        user=user,
        notes=f"Added from document #{proposal.document_id} as the relayer of an accepted claim.",
    )


@transaction.atomic
def proposal_accept(
    *,
    proposal_id: int,
    user,
    event=None,
    existing_claim_id: int | None = None,
    denied_claim_id: int | None = None,
) -> Claim:
    """Turn a proposal into a Claim with its Attribution (excerpt and offsets
    into the document), creating the speaker's Source first if it is new.
    Conflict detection runs on the claim once this commits.

    With `existing_claim_id`, the tracker already holds this claim (another
    outlet or speaker reported it): the proposal becomes a new attribution
    of that claim instead of a duplicate claim. With `event`, the new claim
    is filed under that event. With `denied_claim_id` (a denial proposal
    only), the new claim is recorded as denying that claim: a `denies`
    relation from the new claim, made by the editor, which the denial rule
    flags. A denial accepted without one is an ordinary claim."""
    if not user_can_review(user):
        raise role_refusal(
            user, [REVIEW_PERMISSION], saying="Only fact-checkers and editors can accept proposals."
        )
    proposal = _lock_open_proposal(proposal_id, "accept")
    denied = _denied_claim(proposal, denied_claim_id, existing_claim_id)
    source = _source_for(proposal, user)
    relayed_by = _relayer_for(proposal, user)
    if existing_claim_id is not None:
        claim = _attribute_to_existing(proposal, existing_claim_id, source, relayed_by, user)
        return _mark_accepted(proposal, claim, source, relayed_by, user)
    claim = _claim_from_proposal(proposal, source=source, relayed_by=relayed_by, event=event, user=user)
    if denied is not None:
        relation_create(
            from_claim=claim,
            to_claim=denied,
            relation_type=ClaimRelation.Type.DENIES,
            origin=ClaimRelation.Origin.EDITOR,
            rationale=f"Accepted from document #{proposal.document_id}: denies "
            f'"{proposal.denied_text or denied.text}"'[:1000],
            created_by=user,
        )
    return _mark_accepted(proposal, claim, source, relayed_by, user)


def _claim_from_proposal(proposal: ClaimProposal, *, source, relayed_by, event, user) -> Claim:
    """A new claim with the proposal's text, figure and attribution (its
    excerpt and offsets into the document)."""
    is_figure = proposal.kind == Claim.Kind.FIGURE
    return claim_create(
        text=proposal.text,
        created_by=user,
        kind=proposal.kind,
        event=event,
        quantity_subject=proposal.quantity_subject if is_figure else "",
        value_low=proposal.value_low if is_figure else None,
        value_high=proposal.value_high if is_figure else None,
        qualifier=proposal.qualifier if is_figure else "",
        responsible_party=proposal.responsible_party,
        attributions=[
            {
                "source": source,
                "document": proposal.document,
                "excerpt": proposal.excerpt,
                "excerpt_start": proposal.excerpt_start,
                "excerpt_end": proposal.excerpt_end,
                "form": proposal.form,
                "reporting_verb": proposal.reporting_verb,
                "relayed_by": relayed_by if relayed_by is not None and relayed_by.pk != source.pk else None,
            }
        ],
    )


def _denied_claim(proposal: ClaimProposal, denied_claim_id: int | None, existing_claim_id) -> Claim | None:
    if denied_claim_id is None:
        return None
    if not proposal.is_denial:
        raise ValidationError({"denied_claim": "This proposal is not a denial."})
    if existing_claim_id is not None:
        raise ValidationError(
            {"denied_claim": "A denial becomes a new claim; it cannot also be added to an existing one."}
        )
    denied = Claim.objects.filter(pk=denied_claim_id).first()
    if denied is None:
        raise ValidationError({"denied_claim": "That claim does not exist (any more)."})
    return denied


def _attribute_to_existing(proposal: ClaimProposal, claim_id: int, source: Source, relayed_by, user) -> Claim:
    claim = Claim.objects.select_for_update().filter(pk=claim_id).first()
    if claim is None:
        raise ValidationError({"existing_claim": "That claim does not exist (any more)."})
    if claim.attributions.filter(source=source, document=proposal.document).exists():
        raise ValidationError(
            {"existing_claim": f"Claim #{claim.pk} already credits {source.name} in this document."}
        )
    attribution_create(
        claim=claim,
        source=source,
        user=user,
        document=proposal.document,
        excerpt=proposal.excerpt,
        excerpt_start=proposal.excerpt_start,
        excerpt_end=proposal.excerpt_end,
        form=proposal.form,
        reporting_verb=proposal.reporting_verb,
        relayed_by=relayed_by if relayed_by is not None and relayed_by.pk != source.pk else None,
    )
    return claim


def _mark_accepted(proposal: ClaimProposal, claim: Claim, source: Source, relayed_by, user) -> Claim:
    proposal.status = ClaimProposal.Status.ACCEPTED
    proposal.claim = claim
    proposal.source = source
    proposal.relayed_by = relayed_by
    proposal.decided_by = user
    proposal.decided_at = timezone.now()
    proposal.save(
        update_fields=["status", "claim", "source", "relayed_by", "decided_by", "decided_at", "updated_at"]
    )
    events.publish(events.PROPOSAL_ACCEPTED, actor=user, proposal=proposal, claim=claim)
    return claim


@transaction.atomic
def proposal_reject(*, proposal_id: int, user) -> ClaimProposal:
    """Set a proposal aside; re-running the extractor will not propose it again."""
    if not user_can_review(user):
        raise role_refusal(
            user, [REVIEW_PERMISSION], saying="Only fact-checkers and editors can reject proposals."
        )
    proposal = _lock_open_proposal(proposal_id, "reject")
    proposal.status = ClaimProposal.Status.REJECTED
    proposal.decided_by = user
    proposal.decided_at = timezone.now()
    proposal.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
    return proposal
