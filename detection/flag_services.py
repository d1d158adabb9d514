"""Raising, updating and re-opening conflict flags, and noting a flag whose
condition no longer holds: the writes detection makes on ConflictFlag.

`flag_raise` is safe to run concurrently for the same claims: the database's
unique constraint on (rule, claim_a, claim_b) decides any race
(`claims.services.flag_get_or_create_locked`, shared with anchoring).
"""

import logging
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from django.core.exceptions import ValidationError
from django.db import transaction

from claims.models import AuditEntry, Claim, ConflictFlag
from claims.selectors import claim_content_changes
from claims.services import audit_record, flag_get_or_create_locked, flag_reopen
from core import events
from live.announce import announce

from .dispute_services import dispute_state_refresh_for_flags
from .rules import Rule

# Logged under detection.services, as before these writes had a module of
# their own, so log filters keep matching.
logger = logging.getLogger("detection.services")

# Explanation of a stale flag, written once into its history.
STALE_NOTE = (
    "Detection no longer finds this conflict after its claims changed; an editor should confirm and close it."
)


class Outcome(StrEnum):  # What flag_raise did with a finding.
    CREATED = "created"
    REOPENED = "reopened"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    KEPT_CLOSED = "kept closed"


@dataclass(frozen=True)
class FlagOutcome:
    flag: ConflictFlag
    outcome: Outcome

    def __str__(self) -> str:
        claims = " and ".join(f"#{pk}" for pk in self.flag.claim_ids)
        return (
            f"{self.outcome}: flag #{self.flag.pk} [{self.flag.rule}, "
            f"{self.flag.get_severity_display().lower()}] on claim {claims}: {self.flag.explanation}"
        )


def _flag_history(flag: ConflictFlag, *, action: str, **fields) -> None:
    """A line in the flag's history, written by claims' service (the system acts: no actor)."""
    audit_record(
        action=action, object_type=AuditEntry.ObjectType.FLAG, object_id=flag.pk, flag_id=flag.pk, **fields
    )


def _claims_changed_after(claim_ids: list[int], moment: datetime) -> list[int]:
    """Claims of the flag whose content changed after `moment`
    (Claim.content_changed_at: the statement, figure, counted subject, place,
    date, responsible party, credits or an editor's relation). A move to
    another event (an event merge or edit, an event deleted with its claims
    ungrouped), a status or credibility change is no such change: the editor
    who closed the conflict decided on the same claims as before.
    """
    return list(
        Claim.objects.filter(pk__in=claim_ids, content_changed_at__gt=moment)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def flag_raise(*, rule: str, claim_ids: tuple[int, ...], severity: int, explanation: str) -> FlagOutcome:
    """Raise a conflict flag for the claims, or find the one already raised.

    Get-or-create under the database's unique constraint on (rule, claim_a,
    claim_b): two workers checking the same pair at once both end up with the
    one flag. An existing flag is handled by its status:
    - open or acknowledged: its severity and explanation follow the claims;
    - dismissed or resolved: left closed, unless one of its claims changed
      after it was closed, in which case it is re-opened with a note saying so.
    The system is the actor in the history (AuditEntry.actor is empty).
    """
    if rule not in Rule.values:
        raise ValidationError({"rule": f"'{rule}' is not a detection rule."})
    ids = sorted(set(claim_ids))
    if not 1 <= len(ids) <= 2:
        raise ValidationError({"claim_ids": "A flag is about one claim or a pair of claims."})
    claim_a, claim_b = ids[0], (ids[1] if len(ids) == 2 else None)
    explanation = explanation[:500]

    with transaction.atomic():
        flag, created = flag_get_or_create_locked(
            rule=rule, claim_a_id=claim_a, claim_b_id=claim_b, severity=severity, explanation=explanation
        )
        if created:
            raised = f"Raised by the {rule.replace('_', ' ')} rule."
            _flag_history(flag, action=AuditEntry.Action.CREATED, to_value=flag.status, reason=raised)
            announce(kind="flag", flag_ids=[flag.pk], claim_ids=ids)
            logger.info("Raised flag %s (%s) on claims %s.", flag.pk, rule, ids)
            events.publish(events.FLAG_RAISED, flag=flag)
            return FlagOutcome(flag, Outcome.CREATED)

        if flag.is_active:
            if flag.severity == severity and flag.explanation == explanation:
                return FlagOutcome(flag, Outcome.UNCHANGED)
            severity_changed = flag.severity != severity
            flag.severity, flag.explanation = severity, explanation
            flag.save(update_fields=["severity", "explanation", "updated_at"])
            if severity_changed:
                dispute_state_refresh_for_flags(flag_ids=[flag.pk])
            announce(kind="flag", flag_ids=[flag.pk], claim_ids=ids)
            return FlagOutcome(flag, Outcome.UPDATED)

        changed = _claims_changed_after(ids, flag.resolved_at) if flag.resolved_at else ids
        if not changed:
            return FlagOutcome(flag, Outcome.KEPT_CLOSED)
        return _flag_reopen_for_changed_claims(flag, changed, severity=severity, explanation=explanation)


def _flag_reopen_for_changed_claims(
    flag: ConflictFlag, changed: list[int], *, severity: int, explanation: str
) -> FlagOutcome:
    """Re-open a closed flag whose claims changed since, saying so (inside flag_raise's lock)."""
    closed_as = flag.status
    closed_on = flag.resolved_at.strftime("%Y-%m-%d %H:%M UTC") if flag.resolved_at else "an unknown date"
    which = " and ".join(f"#{pk}" for pk in changed)
    rule = flag.rule
    # What changed, from the claims' history: "claim #12: figure; claim #14:
    # credited to Reuters" (an editor re-reading the decision starts there).
    what = claim_content_changes(claim_ids=changed, since=flag.resolved_at) if flag.resolved_at else {}
    why = "; ".join(f"claim #{pk}: {', '.join(what[pk])}" for pk in changed if what.get(pk))
    flag = flag_reopen(
        flag_id=flag.pk,
        user=None,
        reason=(
            f"Re-opened by the {rule.replace('_', ' ')} rule: claim {which} changed after the flag "
            f"was {closed_as} on {closed_on}{f' ({why})' if why else ''}, and the conflict still stands."
        ),
    )
    flag.severity, flag.explanation = severity, explanation
    flag.save(update_fields=["severity", "explanation", "updated_at"])
    # flag_reopen refreshed the dispute for the status; the severity changed after.
    dispute_state_refresh_for_flags(flag_ids=[flag.pk])
    logger.info("Re-opened flag %s (%s): claims %s changed after it was %s.", flag.pk, rule, which, closed_as)
    return FlagOutcome(flag, Outcome.REOPENED)


def flag_note_stale(*, flag_id: int) -> bool:
    """Say in an open flag's history that its rule no longer finds the conflict.

    We do not close the flag ourselves: an editor may already be working on
    it, and a conflict that quietly vanished from the queue is exactly what
    editors should not learn about from a reader. The note is written once
    (not again while it is the flag's latest history line). Returns whether a
    note was written.
    """
    with transaction.atomic():
        flag = ConflictFlag.objects.select_for_update().get(pk=flag_id)
        if not flag.is_active:
            return False
        # A flag's history is a handful of rows: read them all rather than
        # ORDER BY ... LIMIT 1, which can tempt PostgreSQL into walking the
        # whole created_at index.
        history = sorted(flag.history.order_by(), key=lambda entry: (entry.created_at, entry.pk))
        latest = history[-1] if history else None
        if latest is not None and latest.action == AuditEntry.Action.STALE:
            return False
        _flag_history(flag, action=AuditEntry.Action.STALE, reason=STALE_NOTE)
    logger.info("Flag %s no longer holds; noted in its history.", flag_id)
    return True
