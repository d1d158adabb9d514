"""Rule 4, party-only sourcing: a figure nobody independent has backed."""

from core.bidi import isolate

from .facts import ClaimFacts, Finding, Rule, Severity


def party_only_sourcing(claim: ClaimFacts) -> Finding | None:
    """A figure claim whose every source is a party to the conflict, with no
    claim from a non-party source recorded as corroborating it. A single-claim,
    low-severity flag: the figure is not wrong, it needs independent confirmation.

    Example: "Russian airstrikes killed 200 militants", credited only to
    Russia's defence ministry (a party), is flagged; the Observatory's count of
    20 (an independent monitor) is not. A source of unknown affiliation is not
    counted as a party.
    """
    if not claim.is_figure or not claim.sources:
        return None
    if not all(source.is_party for source in claim.sources):
        return None
    if any(not source.is_party for source in claim.corroborating_sources):
        return None
    names = ", ".join(isolate(name) for name in sorted({source.name for source in claim.sources}))
    return Finding(
        rule=Rule.PARTY_ONLY_SOURCING,
        claim_ids=(claim.id,),
        severity=Severity.LOW,
        explanation=(
            f"The figure of {claim.figure_number} {claim.subject_shown} comes only from a party to "
            f"the conflict ({names}); it needs independent confirmation."
        ),
    )
