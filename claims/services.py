"""Every write to events, claims, attributions, relations, conflict flags and
the history.

The web UI, the REST API, the admin, the Celery tasks and the management
commands all call these functions; none of them writes to these models
directly. Every change writes an AuditEntry naming its actor; a change that can
affect conflicts fires the claims_changed hook after commit, which detection
answers by queueing a check (claims never imports detection).
"""

import logging
from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from core import events
from core.exceptions import ConflictError
from core.hooks import CLAIMS_CHANGED, hook_fire_on_commit
from core.richtext import sanitize_rich_text
from core.services import model_update
from live.announce import announce

from .models import Attribution, AuditEntry, Claim, ClaimRelation, ConflictFlag, Event

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


def _queue_conflict_check(claim_id: int) -> None:
    """After the transaction commits, have the claim checked for conflicts:
    detection registers for the claims_changed hook (detection/apps.py)."""
    hook_fire_on_commit(CLAIMS_CHANGED, claim_ids=[claim_id])


def _touch_claims(*claim_ids: int) -> None:
    """Mark claims as changed when their attributions or relations change, so
    the sweep rechecks them and a dismissed flag knows its claim moved on."""
    Claim.objects.filter(pk__in=claim_ids).update(updated_at=timezone.now())
    announce(kind="claim", claim_ids=claim_ids)


def claims_recheck(*, claim_ids: list[int]) -> None:
    """Mark claims as changed and queue their conflict checks: something they
    depend on (their event, a source's side) changed."""
    if claim_ids:
        _touch_claims(*claim_ids)
        for claim_id in claim_ids:
            _queue_conflict_check(claim_id)


def source_claims_recheck(*, source_id: int) -> None:
    """The receiver of the source_changed hook (claims/apps.py): who a source
    is decides party-only sourcing and how severe a mismatch is."""
    claims_recheck(
        claim_ids=list(
            Attribution.objects.filter(source_id=source_id).values_list("claim_id", flat=True).distinct()
        )
    )


def _normalise_subject(subject: str | None) -> str:
    return " ".join((subject or "").lower().split())


def audit_record(
    *,
    action: str,
    object_type: str,
    object_id: int | None,
    actor=None,
    claim_id: int | None = None,
    flag_id: int | None = None,
    related_type: str = "",
    related_id: int | None = None,
    from_value: object = "",
    to_value: object = "",
    changes: dict | None = None,
    reason: str = "",
) -> AuditEntry:
    """Write one line of history. `claim_id`/`flag_id` put it on that claim's or
    flag's history page; the object type and id say what changed and outlive
    it. Other apps reach this through the audit_record hook (core/hooks.py)."""
    if action not in AuditEntry.Action.values:
        raise ValidationError({"action": f"'{action}' is not a history action."})
    if object_type not in AuditEntry.ObjectType.values:
        raise ValidationError({"object_type": f"'{object_type}' is not a kind of object the history knows."})
    return AuditEntry.objects.create(
        claim_id=claim_id,
        flag_id=flag_id,
        action=action,
        object_type=object_type,
        object_id=object_id,
        related_type=related_type or "",
        related_id=related_id,
        actor=actor,
        from_value=str(from_value or "")[:150],
        to_value=str(to_value or "")[:150],
        changes=changes or {},
        reason=reason or "",
    )


def _audit(
    *,
    claim: Claim | None = None,
    flag: ConflictFlag | None = None,
    action: str,
    actor=None,
    from_value: str = "",
    to_value: str = "",
    reason: str = "",
    related_type: str = "",
    related_id: int | None = None,
    changes: dict | None = None,
) -> AuditEntry:
    """A line on a claim's or a flag's own history; every audited change is
    also announced to the pages open on it (live/announce.py)."""
    if flag is not None:
        announce(kind="flag", flag_ids=[flag.pk], claim_ids=flag.claim_ids)
    if claim is not None:
        announce(kind="claim", claim_ids=[claim.pk], event_ids=[claim.event_id])
    subject = claim if claim is not None else flag
    return audit_record(
        action=action,
        object_type=AuditEntry.ObjectType.CLAIM if claim is not None else AuditEntry.ObjectType.FLAG,
        object_id=subject.pk,
        claim_id=claim.pk if claim is not None else None,
        flag_id=flag.pk if flag is not None else None,
        actor=actor,
        from_value=from_value,
        to_value=to_value,
        reason=reason,
        related_type=related_type,
        related_id=related_id,
        changes=changes,
    )


def _audit_attribution(attribution: Attribution, *, action: str, user) -> AuditEntry:
    """A credit added to or removed from a claim, on the claim's history."""
    source = str(attribution.source)
    return audit_record(
        action=action,
        object_type=AuditEntry.ObjectType.ATTRIBUTION,
        object_id=attribution.pk,
        claim_id=attribution.claim_id,
        related_type=AuditEntry.ObjectType.SOURCE,
        related_id=attribution.source_id,
        actor=user,
        **({"from_value": source} if action == AuditEntry.Action.DELETED else {"to_value": source}),
    )


def _audit_relation(relation: ClaimRelation, *, action: str, user) -> AuditEntry:
    """A relation added or removed, on its from-claim's history."""
    kind = relation.relation_type
    return audit_record(
        action=action,
        object_type=AuditEntry.ObjectType.RELATION,
        object_id=relation.pk,
        claim_id=relation.from_claim_id,
        related_type=AuditEntry.ObjectType.CLAIM,
        related_id=relation.to_claim_id,
        actor=user,
        **({"from_value": kind} if action == AuditEntry.Action.DELETED else {"to_value": kind}),
    )


def _audit_event(event_id: int, *, action: str, user, **fields) -> AuditEntry:
    return audit_record(
        action=action, object_type=AuditEntry.ObjectType.EVENT, object_id=event_id, actor=user, **fields
    )


# Events


@transaction.atomic
def event_create(
    *,
    title: str,
    user=None,
    start_date: date | None = None,
    end_date: date | None = None,
    place: str = "",
    description: str = "",
) -> Event:
    """Create an event that claims can be grouped under."""
    event = Event(
        title=" ".join((title or "").split()),
        start_date=start_date,
        end_date=end_date,
        place=(place or "").strip(),
        description=sanitize_rich_text(description),
    )
    event.full_clean()
    event.save()
    _audit_event(event.pk, action=AuditEntry.Action.CREATED, user=user, to_value=event.title)
    return event


@transaction.atomic
def event_update(*, event_id: int, user=None, **changes) -> Event:
    """Change an event; its claims are rechecked because 'same event' changed meaning."""
    event = Event.objects.select_for_update().get(pk=event_id)
    edited = model_update(
        instance=event,
        data=changes,
        allowed=("title", "start_date", "end_date", "place", "description"),
        normalise={"description": sanitize_rich_text},
    )
    if edited:
        _audit_event(event.pk, action=AuditEntry.Action.EDITED, user=user, changes=edited)
    announce(kind="event", event_ids=[event.pk])
    claims_recheck(claim_ids=list(event.claims.values_list("id", flat=True)))
    return event


# Claims


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
def claim_update(*, claim_id: int, user=None, **changes) -> Claim:
    """Edit a claim's content. Its verification status goes through claim_set_status."""
    claim = Claim.objects.select_for_update().get(pk=claim_id)
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
    _queue_conflict_check(claim.pk)
    return claim


def _refuse_party_only_credibility(claim: Claim) -> None:
    """A claim only parties vouch for stays at credibility 3 or worse (claims/origins.py)."""
    from .origins import party_only_credibility_error

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


# Attributions


@transaction.atomic
def attribution_create(
    *,
    claim: Claim,
    source,
    user=None,
    document=None,
    excerpt: str = "",
    excerpt_start: int | None = None,
    excerpt_end: int | None = None,
    form: str = Attribution.Form.PARAPHRASE,
    reporting_verb: str = "",
    relayed_by=None,
    queue_check: bool = True,
) -> Attribution:
    """Credit a claim to a source, optionally with the exact words and where
    they stand in the document.

    When only the excerpt is given, its offsets are found in the document;
    when offsets are given, the excerpt must match the text there.
    """
    excerpt = excerpt or ""
    if document is not None and excerpt and excerpt_start is None and excerpt_end is None:
        position = document.body.find(excerpt)
        if position == -1:
            raise ValidationError({"excerpt": "This excerpt does not appear in the document."})
        excerpt_start, excerpt_end = position, position + len(excerpt)
    if document is not None and excerpt_start is not None and excerpt_end is not None and not excerpt:
        excerpt = document.body[excerpt_start:excerpt_end]
    quote_prefix = quote_suffix = ""
    if document is not None and excerpt_start is not None and excerpt_end is not None:
        # The quote selector's context: 32 characters either side.
        quote_prefix = document.body[max(0, excerpt_start - 32) : excerpt_start]
        quote_suffix = document.body[excerpt_end : excerpt_end + 32]
    attribution = Attribution(
        claim=claim,
        source=source,
        document=document,
        excerpt=excerpt,
        excerpt_start=excerpt_start,
        excerpt_end=excerpt_end,
        quote_prefix=quote_prefix,
        quote_suffix=quote_suffix,
        form=form,
        reporting_verb=(reporting_verb or "").strip().lower(),
        relayed_by=relayed_by,
        created_by=user,
    )
    attribution.full_clean()
    attribution.save()
    _audit_attribution(attribution, action=AuditEntry.Action.CREATED, user=user)
    _touch_claims(claim.pk)
    if queue_check:
        _queue_conflict_check(claim.pk)
    return attribution


@transaction.atomic
def attribution_delete(*, attribution_id: int, user=None) -> None:
    """Remove a credit; the claim is rechecked (its sourcing changed)."""
    attribution = Attribution.objects.select_for_update().select_related("source").get(pk=attribution_id)
    claim_id = attribution.claim_id
    _audit_attribution(attribution, action=AuditEntry.Action.DELETED, user=user)
    attribution.delete()
    _touch_claims(claim_id)
    _queue_conflict_check(claim_id)


# Relations


def _ordered_pair(relation_type: str, from_id: int, to_id: int) -> tuple[int, int]:
    if relation_type in ClaimRelation.SYMMETRIC_TYPES and from_id > to_id:
        return to_id, from_id
    return from_id, to_id


def relation_create(
    *,
    from_claim: Claim,
    to_claim: Claim,
    relation_type: str,
    origin: str = ClaimRelation.Origin.EDITOR,
    rationale: str = "",
    created_by=None,
) -> ClaimRelation:
    """Relate two claims. Symmetric relations are stored once, lower id first;
    the same pair twice raises ConflictError (the API's 409)."""
    if relation_type not in ClaimRelation.Type.values:
        raise ValidationError({"relation_type": f"'{relation_type}' is not a relation type."})
    if from_claim.pk == to_claim.pk:
        raise ValidationError({"to_claim": "A claim cannot be related to itself."})
    from_id, to_id = _ordered_pair(relation_type, from_claim.pk, to_claim.pk)
    relation = ClaimRelation(
        from_claim_id=from_id,
        to_claim_id=to_id,
        relation_type=relation_type,
        origin=origin,
        rationale=(rationale or "").strip(),
        created_by=created_by,
    )
    relation.full_clean(validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            relation.save()
            _audit_relation(relation, action=AuditEntry.Action.CREATED, user=created_by)
            # A relation a rule recorded is the detector's own output, not a
            # change to the claims: touching them would re-open dismissed flags.
            if origin == ClaimRelation.Origin.EDITOR:
                _touch_claims(from_id, to_id)
                _queue_conflict_check(from_id)
                _queue_conflict_check(to_id)
    except IntegrityError as error:
        if ClaimRelation.objects.filter(
            from_claim_id=from_id, to_claim_id=to_id, relation_type=relation_type
        ).exists():
            raise ConflictError(
                f"Claims #{from_id} and #{to_id} are already related as '{relation_type}'.",
                code="duplicate_relation",
            ) from error
        raise
    return relation


@transaction.atomic
def relation_delete(*, relation_id: int, user=None) -> None:
    """Remove a relation; both claims are rechecked."""
    relation = ClaimRelation.objects.select_for_update().get(pk=relation_id)
    claim_ids = (relation.from_claim_id, relation.to_claim_id)
    _audit_relation(relation, action=AuditEntry.Action.DELETED, user=user)
    relation.delete()
    _touch_claims(*claim_ids)
    for claim_id in claim_ids:
        _queue_conflict_check(claim_id)


# Conflict flags. Each action locks the flag row so that two editors acting at
# once are serialised: the second sees the first's result and gets a clear
# ConflictError instead of silently overwriting it.


def _lock_flag(flag_id: int) -> ConflictFlag:
    return ConflictFlag.objects.select_for_update().get(pk=flag_id)


def _refuse_if_closed(flag: ConflictFlag, verb: str) -> None:
    if flag.status in ConflictFlag.CLOSED_STATUSES:
        who = flag.resolved_by.get_username() if flag.resolved_by_id else "someone"
        raise ConflictError(
            f"Cannot {verb}: this flag was already {flag.status} by {who}.", code="flag_closed"
        )


@transaction.atomic
def flag_acknowledge(*, flag_id: int, user, note: str = "") -> ConflictFlag:
    """Say someone is looking at the conflict."""
    flag = _lock_flag(flag_id)
    _refuse_if_closed(flag, "acknowledge")
    if flag.status == ConflictFlag.Status.ACKNOWLEDGED:
        raise ConflictError("This flag is already acknowledged.", code="flag_acknowledged")
    previous = flag.status
    flag.status = ConflictFlag.Status.ACKNOWLEDGED
    flag.save(update_fields=["status", "updated_at"])
    _audit(
        flag=flag,
        action=AuditEntry.Action.STATUS,
        actor=user,
        from_value=previous,
        to_value=flag.status,
        reason=note,
    )
    return flag


@transaction.atomic
def flag_assign(*, flag_id: int, user, assignee, note: str = "") -> ConflictFlag:
    """Give the conflict to an editor or fact-checker (or None to unassign)."""
    flag = _lock_flag(flag_id)
    _refuse_if_closed(flag, "assign")
    if assignee is not None and not assignee.is_active:
        raise ValidationError({"assignee": "This account is not active."})
    if assignee is not None and not assignee.has_perm("claims.triage_conflictflag"):
        raise ValidationError({"assignee": "This person's role cannot act on conflicts."})
    previous = flag.assignee.get_username() if flag.assignee_id else ""
    flag.assignee = assignee
    flag.save(update_fields=["assignee", "updated_at"])
    _audit(
        flag=flag,
        action=AuditEntry.Action.ASSIGNED,
        actor=user,
        from_value=previous,
        to_value=assignee.get_username() if assignee else "",
        reason=note,
    )
    events.publish(events.FLAG_ASSIGNED, actor=user, flag=flag)
    return flag


def _close_flag(*, flag: ConflictFlag, user, status: str, note: str) -> None:
    previous = flag.status
    now = timezone.now()
    # Claim the transition: the row changes only if it still has the status we
    # read. The row lock above already serialises this on PostgreSQL; the
    # conditional update keeps it true on databases without row locks.
    changed = ConflictFlag.objects.filter(pk=flag.pk, status=previous).update(
        status=status, resolution_note=note, resolved_by=user, resolved_at=now, updated_at=now
    )
    if changed != 1:
        raise ConflictError("Someone else changed this flag a moment ago; reload it.", code="flag_changed")
    flag.status, flag.resolution_note, flag.resolved_by, flag.resolved_at = status, note, user, now
    _audit(
        flag=flag,
        action=AuditEntry.Action.STATUS,
        actor=user,
        from_value=previous,
        to_value=status,
        reason=note,
    )


@transaction.atomic
def flag_resolve(
    *,
    flag_id: int,
    user,
    note: str,
    mark_claim_id: int | None = None,
    mark_status: str = Claim.Status.DISPUTED,
) -> ConflictFlag:
    """Close a conflict with the editor's reasoning; optionally mark one of its
    claims disputed or false. The history keeps who decided and why."""
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": "Explain how the conflict was resolved."})
    flag = _lock_flag(flag_id)
    _refuse_if_closed(flag, "resolve")
    if mark_claim_id is not None:
        if mark_claim_id not in flag.claim_ids:
            raise ValidationError({"mark_claim_id": "That claim is not part of this conflict."})
        if mark_status not in (Claim.Status.DISPUTED, Claim.Status.FALSE):
            raise ValidationError({"mark_status": "A resolution marks a claim disputed or false."})
    _close_flag(flag=flag, user=user, status=ConflictFlag.Status.RESOLVED, note=note)
    if mark_claim_id is not None:
        claim = Claim.objects.get(pk=mark_claim_id)
        if claim.status != mark_status:
            claim_set_status(
                claim_id=mark_claim_id,
                user=user,
                status=mark_status,
                reason=f"Conflict #{flag.pk} resolved: {note}",
                because_of_flag_id=flag.pk,
            )
    events.publish(events.FLAG_RESOLVED, actor=user, flag=flag)
    return flag


@transaction.atomic
def flag_dismiss(*, flag_id: int, user, reason: str) -> ConflictFlag:
    """Close a flag as not a real conflict. It stays dismissed unless one of its
    claims changes afterwards."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why this is not a real conflict."})
    flag = _lock_flag(flag_id)
    _refuse_if_closed(flag, "dismiss")
    _close_flag(flag=flag, user=user, status=ConflictFlag.Status.DISMISSED, note=reason)
    events.publish(events.FLAG_DISMISSED, actor=user, flag=flag)
    return flag


@transaction.atomic
def flag_reopen(*, flag_id: int, user=None, reason: str) -> ConflictFlag:
    """Put a closed flag back in the queue, saying why (an editor, or the
    detector when a claim changed after the flag was closed)."""
    flag = _lock_flag(flag_id)
    if flag.status not in ConflictFlag.CLOSED_STATUSES:
        raise ConflictError("This flag is not closed.", code="flag_not_closed")
    previous = flag.status
    flag.status = ConflictFlag.Status.OPEN
    flag.resolved_by = None
    flag.resolved_at = None
    # The earlier verdict stays in the history, not on an open flag.
    flag.resolution_note = ""
    flag.save(update_fields=["status", "resolved_by", "resolved_at", "resolution_note", "updated_at"])
    _audit(
        flag=flag,
        action=AuditEntry.Action.REOPENED,
        actor=user,
        from_value=previous,
        to_value=flag.status,
        reason=reason,
    )
    events.publish(events.DISPUTE_REOPENED, actor=user, flag=flag, reason=reason)
    return flag


@transaction.atomic
def flag_comment(*, flag_id: int, user, note: str) -> ConflictFlag:
    """Add a remark to a conflict's history without changing it, open or closed
    (e.g. a note that arrived after a colleague had already closed the flag)."""
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": "Write the comment."})
    flag = _lock_flag(flag_id)
    _audit(flag=flag, action=AuditEntry.Action.NOTE, actor=user, reason=note)
    return flag


def flags_triage_many(*, flag_ids: list[int], user, action: str, reason: str = "") -> dict:
    """Assign to `user`, acknowledge or dismiss several flags at once (the
    queue's bulk actions). Each flag goes through its own service, so each is
    locked, checked and audited on its own; one that cannot take the action
    (a colleague closed it a moment ago) is reported and skipped, the others
    go ahead. Returns {"done": [ids], "skipped": {id: message}}."""
    if action not in ("assign", "acknowledge", "dismiss"):
        raise ValidationError({"action": f"'{action}' is not a bulk action."})
    if action == "dismiss" and not (reason or "").strip():
        raise ValidationError({"reason": "Say why these are not real conflicts."})
    if not flag_ids:
        raise ValidationError({"flags": "Choose at least one conflict."})
    done, skipped = [], {}
    for flag_id in sorted(set(flag_ids)):
        try:
            if action == "assign":
                flag_assign(flag_id=flag_id, user=user, assignee=user, note=reason)
            elif action == "acknowledge":
                flag_acknowledge(flag_id=flag_id, user=user, note=reason)
            else:
                flag_dismiss(flag_id=flag_id, user=user, reason=reason)
        except ConflictFlag.DoesNotExist:
            skipped[flag_id] = "No such conflict."
        except ConflictError as error:
            skipped[flag_id] = error.message
        else:
            done.append(flag_id)
    return {"done": done, "skipped": skipped}


# Deletions (editors only; the API and admin call these).


@transaction.atomic
def claim_delete(*, claim_id: int, user=None) -> None:
    """Delete a claim with its attributions, relations, flags and history.
    Claims it was related to are rechecked, since a relation went away."""
    claim = Claim.objects.select_for_update().get(pk=claim_id)
    related_ids = set(claim.relations_from.values_list("to_claim_id", flat=True)) | set(
        claim.relations_to.values_list("from_claim_id", flat=True)
    )
    text = str(claim)
    event_id = claim.event_id
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
        _touch_claims(*related_ids)
        for related_id in related_ids:
            _queue_conflict_check(related_id)


@transaction.atomic
def event_delete(*, event_id: int, user=None) -> None:
    """Delete an event; its claims stay, ungrouped, and are rechecked."""
    event = Event.objects.select_for_update().get(pk=event_id)
    claim_ids = list(event.claims.values_list("id", flat=True))
    title = event.title
    event.delete()
    _audit_event(event_id, action=AuditEntry.Action.DELETED, user=user, from_value=title)
    claims_recheck(claim_ids=claim_ids)


@transaction.atomic
def claim_corroboration_accept(*, claim_id: int, user) -> Claim:
    """Accept the tracker's suggestion: mark the claim corroborated because two
    or more independent origins, at least one not a party, now back it.

    Checked again here, under a lock, against the claim as it is now: the
    suggestion may be stale (a corroboration removed, a status changed). The
    history names the origins that justified it.
    """
    from .origins import claim_origins

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
