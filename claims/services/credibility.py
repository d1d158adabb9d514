"""Keeping the party-only credibility cap true after a claim's sourcing changes.

`claim_create` and `claim_update` refuse a grade better than 3 for a claim
only parties vouch for (claims/origins.py). A claim graded 1 or 2 while it had
an independent origin can lose it later: the attribution or the corroborating
claim is removed, or its source turns out to be a party. Its grade then goes
back to 3 ("possibly true"), with a line on its history saying why: the grade
never claims more than the sourcing supports, and the editor sees what moved it.
"""

from django.db import transaction
from django.utils import timezone

from ..models import AuditEntry, Claim
from .history import _audit


@transaction.atomic
def claims_cap_party_only(*, claim_ids, user=None, reason: str) -> list[int]:
    """Set claims graded better than the party-only cap, whose every origin is
    now a party, to the cap. Idempotent: a claim already at the cap or with an
    independent origin is left alone. Returns the ids of the claims capped."""
    from ..origins import PARTY_ONLY_BEST_CREDIBILITY, claim_origins

    graded = list(
        Claim.objects.select_for_update()
        .filter(pk__in=list(claim_ids), credibility__lt=PARTY_ONLY_BEST_CREDIBILITY)
        .order_by("id")
    )
    if not graded:
        return []
    summaries = claim_origins(claim_ids=[claim.pk for claim in graded])
    capped = []
    for claim in graded:
        if not summaries[claim.pk].party_only:
            continue
        before = claim.credibility
        claim.credibility = PARTY_ONLY_BEST_CREDIBILITY
        claim.updated_at = timezone.now()
        claim.save(update_fields=["credibility", "updated_at"])
        _audit(
            claim=claim,
            action=AuditEntry.Action.EDITED,
            actor=user,
            changes={"credibility": [str(before), str(PARTY_ONLY_BEST_CREDIBILITY)]},
            reason=reason,
        )
        capped.append(claim.pk)
    return capped
