"""Marking claims as changed and queueing their conflict checks (the claims_changed hook)."""

from django.utils import timezone

from core.hooks import CLAIMS_CHANGED, hook_fire_on_commit
from live.announce import announce

from ..models import Attribution, Claim, ClaimRelation
from .credibility import claims_cap_party_only


def _queue_conflict_check(claim_id: int) -> None:
    """After the transaction commits, have the claim checked for conflicts:
    detection registers for the claims_changed hook (detection/apps.py)."""
    hook_fire_on_commit(CLAIMS_CHANGED, claim_ids=[claim_id])


def _touch_claims(*claim_ids: int) -> None:
    """Mark claims as changed, so the sweep rechecks them, without saying
    their content changed (_content_changed does): a conflict an editor closed
    stays closed."""
    Claim.objects.filter(pk__in=claim_ids).update(updated_at=timezone.now())
    announce(kind="claim", claim_ids=claim_ids)


def _content_changed(*claim_ids: int) -> None:
    """Mark claims whose content changed: what the detection rules compare
    (the statement, the figure, what is counted, place, date, who did it, the
    credits, an editor's relation). A conflict an editor closed re-opens only
    after such a change (detection/flag_services.py); a move to another
    event, an event's edit or a status change only touches the claims."""
    now = timezone.now()
    Claim.objects.filter(pk__in=claim_ids).update(updated_at=now, content_changed_at=now)
    announce(kind="claim", claim_ids=claim_ids)


def claims_recheck(*, claim_ids: list[int]) -> None:
    """Mark claims as changed and queue their conflict checks: something they
    depend on (their event, a source's side) changed, not what they say, so
    a conflict an editor closed stays closed unless the check finds it anew
    between claims whose content changed."""
    if claim_ids:
        _touch_claims(*claim_ids)
        for claim_id in claim_ids:
            _queue_conflict_check(claim_id)


def source_claims_recheck(*, source_id: int) -> None:
    """The receiver of the source_changed hook (claims/apps.py): who a source
    is decides party-only sourcing and how severe a mismatch is."""
    claim_ids = list(
        Attribution.objects.filter(source_id=source_id).values_list("claim_id", flat=True).distinct()
    )
    # Claims backed by a claim credited to this source count its origin too.
    claim_ids += list(
        ClaimRelation.objects.filter(
            relation_type=ClaimRelation.Type.CORROBORATES, to_claim_id__in=claim_ids
        ).values_list("from_claim_id", flat=True)
    ) + list(
        ClaimRelation.objects.filter(
            relation_type=ClaimRelation.Type.CORROBORATES, from_claim_id__in=claim_ids
        ).values_list("to_claim_id", flat=True)
    )
    claims_cap_party_only(
        claim_ids=sorted(set(claim_ids)),
        reason="A source of this claim is now recorded as a party to the conflict; every origin is a party.",
    )
    claims_recheck(claim_ids=sorted(set(claim_ids)))
