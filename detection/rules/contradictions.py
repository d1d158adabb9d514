"""Rules 5 and 6: contradictions people have recorded between claims."""

from core.bidi import isolate

from .facts import ClaimFacts, Finding, RelationFacts, Rule, Severity


def verified_contradiction(claim: ClaimFacts, other: ClaimFacts, relation: RelationFacts) -> Finding | None:
    """Two claims recorded as contradicting each other that are both marked
    verified: at most one can be right, so this is critical.

    Example: an editor verifies "the army holds the airport" and, later, a
    claim recorded as contradicting it; the second verification raises a
    critical flag.
    """
    if relation.relation_type != "contradicts":
        return None
    if claim.status != "verified" or other.status != "verified":
        return None
    return Finding(
        rule=Rule.VERIFIED_CONTRADICTION,
        claim_ids=(claim.id, other.id),
        severity=Severity.CRITICAL,
        explanation=(
            f"Claims #{min(claim.id, other.id)} and #{max(claim.id, other.id)} are both marked verified "
            "but are recorded as contradicting each other: at most one can be right."
        ),
    )


def editor_declared_contradiction(
    claim: ClaimFacts, other: ClaimFacts, relation: RelationFacts, *, pair_has_active_flag: bool
) -> Finding | None:
    """A "contradicts" relation an editor recorded opens a flag, unless a flag
    is already open or acknowledged for that pair (from any rule), so the
    conflict is worked on in the queue like any other.

    Example: a fact-checker records that the wire's "government forces
    retreated" contradicts a ministry claim that "all positions are held";
    a medium-severity flag opens for the two claims.
    """
    if relation.relation_type != "contradicts" or relation.origin != "editor":
        return None
    if pair_has_active_flag:
        return None
    who = isolate(relation.created_by_name) or "An editor"
    return Finding(
        rule=Rule.EDITOR_CONTRADICTION,
        claim_ids=(claim.id, other.id),
        severity=Severity.MEDIUM,
        explanation=(
            f"{who} recorded that {claim.speaker_possessive} claim #{claim.id} and "
            f"{other.speaker_possessive} claim #{other.id} contradict each other."
        ),
    )
