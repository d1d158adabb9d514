"""Disagreements beyond numbers: who the victims were, who is responsible,
denials, and how a document's reporting verbs lean. Rule codes here; each
rule has its own module (victims.py, responsibility.py, denial.py,
attribution.py)."""


class DisagreementRule:
    """Rule codes stored in `ConflictFlag.rule` by the disagreement rules."""

    VICTIM_STATUS = "victim_status"
    RESPONSIBILITY = "contested_responsibility"
    DENIAL = "denial"
    ATTRIBUTION_BALANCE = "attribution_balance"


def disagreement_pair_findings(claim, other, lexicon) -> list:
    """Every disagreement rule over one pair of claims (lower id first)."""
    from .responsibility import contested_responsibility
    from .victims import victim_status_conflict

    findings = [victim_status_conflict(claim, other, lexicon), contested_responsibility(claim, other)]
    return [finding for finding in findings if finding is not None]


def disagreement_relation_findings(claim, other, relation) -> list:
    """Every disagreement rule over a recorded relation between two claims."""
    from .denial import denial

    findings = [denial(claim, other, relation)]
    return [finding for finding in findings if finding is not None]
