"""Denials: one claim recorded as denying another."""

from .facts import ClaimFacts, Finding, RelationFacts, Severity, severity_raised
from .figures import sources_opposed

_QUOTED_CHARS = 120


def denial(claim: ClaimFacts, other: ClaimFacts, relation: RelationFacts) -> Finding | None:
    """A "denies" relation (from the denial to the claim it denies) opens a
    flag linking both claims: a denial is a contradiction the desk must weigh,
    not just another claim. Medium; high when the two come from opposite
    sides.

    Example: "The army denied that its forces had retreated" recorded as
    denying the wire's "government forces retreated from Aleppo".
    """
    if relation.relation_type != "denies":
        return None
    denier, denied = (claim, other) if relation.from_claim_id == claim.id else (other, claim)
    opposed = sources_opposed(denier, denied)
    quoted = denied.text if len(denied.text) <= _QUOTED_CHARS else denied.text[: _QUOTED_CHARS - 1] + "…"
    explanation = f'{denier.speaker} denies claim #{denied.id} by {denied.speaker}: "{quoted}"'
    if opposed:
        explanation += "; they are on opposite sides"
    return Finding(
        rule="denial",
        claim_ids=(claim.id, other.id),
        severity=severity_raised(Severity.MEDIUM) if opposed else Severity.MEDIUM,
        explanation=explanation + ".",
    )
