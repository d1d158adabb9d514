"""Writes to conflict flags: acknowledge, assign, resolve, dismiss, reopen, comment, triage."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from core import events
from core.exceptions import ConflictError
from core.hooks import FLAGS_CHANGED, hook_fire

from ..models import AuditEntry, Claim, ConflictFlag
from .claims import claim_set_status
from .history import _audit

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


def flag_get_or_create_locked(
    *, rule: str, claim_a_id: int, claim_b_id: int | None, severity: int, explanation: str
) -> tuple[ConflictFlag, bool]:
    """The flag of this rule on these claims, locked for the caller's
    transaction, or a new one: (flag, created). For the writers that raise
    flags (detection's rules, anchoring's revised-source flag), which then
    write the new flag's history or update the existing one as they need.

    Safe when two workers raise the same flag at once: the unique constraint
    on (rule, claim_a, claim_b) decides. The loser's insert fails inside a
    savepoint, which leaves the caller's transaction usable, and it reads
    and locks the winner's flag instead. Must run inside a transaction (the
    lock lasts until it ends).
    """
    lookup = {"rule": rule, "claim_a_id": claim_a_id, "claim_b_id": claim_b_id}
    # At most one row (the unique constraint); no ORDER BY, so the unique index is used.
    flag = next(iter(ConflictFlag.objects.select_for_update().filter(**lookup).order_by()), None)
    if flag is not None:
        return flag, False
    try:
        with transaction.atomic():
            return ConflictFlag.objects.create(severity=severity, explanation=explanation, **lookup), True
    except IntegrityError:
        return ConflictFlag.objects.select_for_update().get(**lookup), False


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
    hook_fire(FLAGS_CHANGED, flag_ids=[flag.pk])
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
    hook_fire(FLAGS_CHANGED, flag_ids=[flag.pk])
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
    hook_fire(FLAGS_CHANGED, flag_ids=[flag.pk])
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
