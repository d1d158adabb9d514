"""The conflict-detection rules: one small, documented function each.

- `figures.figure_mismatch`: figures for the same thing that cannot both be true.
- `framing.framing_conflict`: the same action in opposing loaded words.
- `territory.territorial_control_conflict`: who holds a place, told two incompatible ways.
- `sourcing.party_only_sourcing`: a figure only parties to the conflict vouch for.
- `contradictions.verified_contradiction`: two verified claims recorded as contradicting.
- `contradictions.editor_declared_contradiction`: an editor's "contradicts" opens a flag.

Every rule compares claims only within one scope (`scope.py`), reading
places one way (`places.place_key`: "Aleppo, Syria" is Aleppo, "East Aleppo"
is not). See docs/detection.md for what each means for an editor.
"""

from .facts import ClaimFacts, Finding, Lexicon, RelationFacts, Rule, SourceFacts

__all__ = ["ClaimFacts", "Finding", "Lexicon", "RelationFacts", "Rule", "SourceFacts"]
