"""Rule 4, party-only sourcing: a figure nobody independent has backed."""

from claims.origins import origin_summary
from core.bidi import isolate

from .facts import ClaimFacts, Finding, Rule, Severity


def party_only_sourcing(claim: ClaimFacts) -> Finding | None:
    """A figure claim whose every origin is a party to the conflict, counting
    the claims recorded as corroborating it (claims/origins.py): every source
    is a party, or an outlet credited with it only prints a party's words (its
    excerpt shares copy with the party's). A single-claim, low-severity flag:
    the figure is not wrong, it needs independent confirmation.

    Example: "Russian airstrikes killed 200 militants", credited only to
    Russia's defence ministry (a party), is flagged, and so it stays when a
    paper printing the ministry's statement word for word is credited too; the
    Observatory's count of 20 (an independent monitor) is not. A source of
    unknown affiliation is not counted as a party.
    """
    if not claim.is_figure or not claim.sources:
        return None
    every_source_a_party = all(source.is_party for source in claim.sources) and all(
        source.is_party for source in claim.corroborating_sources
    )
    if not every_source_a_party and not (claim.credits or claim.corroborating_credits):
        return None  # Nothing copied to merge: an independent source is an independent origin.
    republishers: list[str] = []
    parties = {source.name for source in claim.sources if source.is_party}
    if claim.credits or claim.corroborating_credits:
        summary = origin_summary(
            claim.credits or claim.sources, claim.corroborating_credits or claim.corroborating_sources
        )
        if not summary.party_only:
            return None
        republishers = sorted({name for origin in summary.origins for name in origin.republished_by})
        # A claim credited only to an outlet printing a party's words: the party whose words they are.
        parties = parties or {name for origin in summary.origins for name in origin.source_names}
    names = ", ".join(isolate(name) for name in sorted(parties))
    if republishers:
        names += f"; printed word for word by {', '.join(isolate(name) for name in republishers)}"
    return Finding(
        rule=Rule.PARTY_ONLY_SOURCING,
        claim_ids=(claim.id,),
        severity=Severity.LOW,
        explanation=(
            f"The figure of {claim.figure_number} {claim.subject_shown} comes only from a party to "
            f"the conflict ({names}); it needs independent confirmation."
        ),
    )
