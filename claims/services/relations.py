"""Writes to relations between claims."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from core.exceptions import ConflictError
from core.lost_updates import VersionCheck, check_unchanged

from ..models import AuditEntry, Claim, ClaimRelation
from .credibility import claims_cap_party_only
from .history import _audit_relation
from .recheck import _content_changed, _queue_conflict_check


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
                _content_changed(from_id, to_id)
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
def relation_delete(*, relation_id: int, user=None, unchanged_since: VersionCheck | None = None) -> None:
    """Remove a relation; both claims are rechecked."""
    relation = ClaimRelation.objects.select_for_update().get(pk=relation_id)
    check_unchanged(unchanged_since, relation)
    claim_ids = (relation.from_claim_id, relation.to_claim_id)
    _audit_relation(relation, action=AuditEntry.Action.DELETED, user=user)
    relation.delete()
    if relation.relation_type == ClaimRelation.Type.CORROBORATES:
        claims_cap_party_only(
            claim_ids=claim_ids,
            user=user,
            reason="A corroborating claim was unlinked; every origin left is a party to the conflict.",
        )
    _content_changed(*claim_ids)
    for claim_id in claim_ids:
        _queue_conflict_check(claim_id)
