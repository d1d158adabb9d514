"""The history: every write leaves an AuditEntry naming its actor."""

from django.core.exceptions import ValidationError

from live.announce import announce

from ..models import Attribution, AuditEntry, Claim, ClaimRelation, ConflictFlag


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
