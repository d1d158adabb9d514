"""Writes to claims: create, edit, status, delete, accepting a suggested corroboration."""

import logging
from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from core import events
from core.exceptions import ConflictError
from core.hooks import FLAGS_DELETING, hook_fire
from core.lost_updates import VersionCheck, check_unchanged
from core.services import model_update
from live.announce import announce

from ..models import AuditEntry, Claim, ConflictFlag, Event
from .attributions import attribution_create
from .credibility import claims_cap_party_only
from .history import _audit, audit_record
from .recheck import _content_changed, _queue_conflict_check

logger = logging.getLogger(__name__)


CLAIM_FIELDS = (
    "text",
    "kind",
    "event",
    "quantity_subject",
    "value_low",
    "value_high",
    "qualifier",
    "place",
    "occurred_on",
    "credibility",
    "responsible_party",
)

# The fields the detection rules compare: an edit of one of them is a change of
# the claim's content (Claim.content_changed_at), which re-opens a conflict an
# editor closed. Its event, credibility and status are not: a claim moved by
# an event merge says the same thing as before.
CONTENT_FIELDS = tuple(field for field in CLAIM_FIELDS if field not in ("event", "credibility"))


def _normalise_subject(subject: str | None) -> str:
    return " ".join((subject or "").lower().split())


def _prepare_claim(claim: Claim) -> None:
    """Normalise a claim before validation: one value means an exact figure."""
    claim.text = " ".join((claim.text or "").split())
    claim.quantity_subject = _normalise_subject(claim.quantity_subject)
    claim.place = (claim.place or "").strip()
    claim.responsible_party = " ".join((claim.responsible_party or "").split())
    if claim.value_low is not None and claim.value_high is None:
        claim.value_high = claim.value_low
    if claim.kind == Claim.Kind.FIGURE and claim.value_low is not None and not claim.qualifier:
        claim.qualifier = (
            Claim.Qualifier.EXACT if claim.value_low == claim.value_high else Claim.Qualifier.RANGE
        )
    if not claim.text:
        raise ValidationError({"text": "Write the claim as reported."})


@transaction.atomic
def claim_create(
    *,
    text: str,
    created_by=None,
    kind: str = Claim.Kind.OTHER,
    event: Event | None = None,
    quantity_subject: str = "",
    value_low: int | None = None,
    value_high: int | None = None,
    qualifier: str = "",
    place: str = "",
    occurred_on: date | None = None,
    credibility: int = Claim.Credibility.CANNOT_JUDGE,
    attributions: Iterable[dict] = (),
    responsible_party: str = "",
) -> Claim:
    """Record a claim with its attributions in one transaction, then queue a
    conflict check once it has committed.

    `attributions` are keyword dicts for attribution_create (without `claim`).
    If any of them is invalid nothing is saved.
    """
    claim = Claim(
        text=text,
        kind=kind,
        event=event,
        quantity_subject=quantity_subject,
        value_low=value_low,
        value_high=value_high,
        qualifier=qualifier or "",
        place=place,
        occurred_on=occurred_on,
        credibility=credibility,
        responsible_party=responsible_party or "",
        created_by=created_by,
    )
    _prepare_claim(claim)
    claim.full_clean()
    claim.save()
    _audit(claim=claim, action=AuditEntry.Action.CREATED, actor=created_by, to_value=claim.status)
    for index, attribution_fields in enumerate(attributions):
        try:
            attribution_create(claim=claim, user=created_by, queue_check=False, **attribution_fields)
        except ValidationError as error:
            # Name which attribution was wrong so a form or API can point at it.
            raise ValidationError({f"attributions[{index}]": error.messages}) from error
    _refuse_party_only_credibility(claim)
    _queue_conflict_check(claim.pk)
    events.publish(events.CLAIM_CREATED, actor=created_by, claim=claim)
    return claim


@transaction.atomic
def claim_update(
    *, claim_id: int, user=None, unchanged_since: VersionCheck | None = None, **changes
) -> Claim:
    """Edit a claim's content. Its verification status goes through claim_set_status."""
    claim = Claim.objects.select_for_update().get(pk=claim_id)
    check_unchanged(unchanged_since, claim)
    was_one_number = claim.value_low == claim.value_high

    def prepare(claim: Claim) -> None:
        # A new low value alone moves a single number (low == high) as a whole, but
        # only the low end of a range: a range never silently becomes one number.
        if "value_low" in changes and "value_high" not in changes and was_one_number:
            claim.value_high = None
        _prepare_claim(claim)

    # The claim's own cleaning (_prepare_claim) decides whitespace.
    edited = model_update(instance=claim, data=changes, allowed=CLAIM_FIELDS, prepare=prepare, strip=False)
    if "credibility" in changes:
        _refuse_party_only_credibility(claim)
    if edited:
        _audit(claim=claim, action=AuditEntry.Action.EDITED, actor=user, changes=edited)
    if set(edited) & set(CONTENT_FIELDS):
        _content_changed(claim.pk)
    _queue_conflict_check(claim.pk)
    return claim


def _refuse_party_only_credibility(claim: Claim) -> None:
    """A claim only parties vouch for stays at credibility 3 or worse (claims/origins.py)."""
    from ..origins import party_only_credibility_error

    message = party_only_credibility_error(claim_id=claim.pk, credibility=claim.credibility)
    if message:
        raise ValidationError({"credibility": message})


@transaction.atomic
def claim_set_status(
    *, claim_id: int, user, status: str, reason: str, because_of_flag_id: int | None = None
) -> Claim:
    """Change a claim's verification status; the history records who, from, to and why.

    `because_of_flag_id` names the conflict whose resolution made the change,
    as the entry's related object: detection reads it to tell a resolution's
    own status change from a real edit of the claim."""
    if status not in Claim.Status.values:
        raise ValidationError({"status": f"'{status}' is not a verification status."})
    if not (reason or "").strip():
        raise ValidationError({"reason": "Say why the status changes."})
    claim = Claim.objects.select_for_update().get(pk=claim_id)
    if claim.status == status:
        raise ConflictError(f"The claim is already {claim.get_status_display().lower()}.")
    previous = claim.status
    claim.status = status
    claim.save(update_fields=["status", "updated_at"])
    _audit(
        claim=claim,
        action=AuditEntry.Action.STATUS,
        actor=user,
        from_value=previous,
        to_value=status,
        reason=reason.strip(),
        related_type=AuditEntry.ObjectType.FLAG if because_of_flag_id else "",
        related_id=because_of_flag_id,
    )
    _queue_conflict_check(claim.pk)
    events.publish(
        events.CLAIM_STATUS_CHANGED,
        actor=user,
        claim=claim,
        from_status=previous,
        to_status=status,
        reason=reason.strip(),
    )
    return claim


@transaction.atomic
def claim_delete(*, claim_id: int, user=None, unchanged_since: VersionCheck | None = None) -> None:
    """Delete a claim with its attributions, relations, flags and history.
    Claims it was related to are rechecked, since a relation went away."""
    claim = Claim.objects.select_for_update().get(pk=claim_id)
    check_unchanged(unchanged_since, claim)
    related_ids = set(claim.relations_from.values_list("to_claim_id", flat=True)) | set(
        claim.relations_to.values_list("from_claim_id", flat=True)
    )
    text = str(claim)
    event_id = claim.event_id
    # Its flags go with it: the disputes they were filed under are recomputed first.
    flag_ids = list(
        ConflictFlag.objects.filter(Q(claim_a_id=claim_id) | Q(claim_b_id=claim_id)).values_list(
            "id", flat=True
        )
    )
    if flag_ids:
        hook_fire(FLAGS_DELETING, flag_ids=flag_ids)
    claim.delete()
    announce(kind="claim", claim_ids=[claim_id], event_ids=[event_id])
    # Written after the delete: the entry outlives the claim (its history
    # rows stay, their claim emptied), with the type and id of what went.
    audit_record(
        action=AuditEntry.Action.DELETED,
        object_type=AuditEntry.ObjectType.CLAIM,
        object_id=claim_id,
        actor=user,
        from_value=text,
    )
    logger.info("Claim %s deleted by %s", claim_id, user)
    if related_ids:
        claims_cap_party_only(
            claim_ids=related_ids,
            user=user,
            reason=f"A corroborating claim (#{claim_id}) was deleted; every origin left is a party to the conflict.",
        )
        # Their relations to it went with it: a change of what they are compared with.
        _content_changed(*related_ids)
        for related_id in related_ids:
            _queue_conflict_check(related_id)


@transaction.atomic
def claim_corroboration_accept(*, claim_id: int, user) -> Claim:
    """Accept the tracker's suggestion: mark the claim corroborated because two
    or more independent origins, at least one not a party, now back it.

    Checked again here, under a lock, against the claim as it is now: the
    suggestion may be stale (a corroboration removed, a status changed). The
    history names the origins that justified it.
    """
    from ..origins import claim_origins

    claim = Claim.objects.select_for_update().get(pk=claim_id)
    if claim.status != Claim.Status.UNVERIFIED:
        raise ConflictError(
            f"The claim is {claim.get_status_display().lower()} now; only an unverified claim is suggested "
            "for corroboration.",
            code="claim_not_unverified",
        )
    summary = claim_origins(claim_ids=[claim.pk])[claim.pk]
    if not summary.supports_corroboration:
        raise ConflictError(
            f"{summary}: corroboration needs two or more independent origins, at least one not a party.",
            code="not_corroborated",
        )
    return claim_set_status(
        claim_id=claim.pk,
        user=user,
        status=Claim.Status.CORROBORATED,
        reason=f"Accepted the suggestion: {summary}.",
    )
