"""Rule 1, figure mismatch: two figures for the same thing at the same event
that cannot both be true."""

import math

from .facts import ClaimFacts, Finding, Rule, Severity, severity_raised
from .scope import same_scope

# "About 200" is read as 200 give or take 15 percent (170 to 230): copy rounds
# "about" figures to a round number, often the nearest 50 for hundreds.
ABOUT_TOLERANCE = 0.15

_NUMBER_WORDS = {
    2: "twice",
    3: "three times",
    4: "four times",
    5: "five times",
    6: "six times",
    7: "seven times",
    8: "eight times",
    9: "nine times",
    10: "ten times",
}


def figure_range(value_low: int, value_high: int | None, qualifier: str) -> tuple[float, float]:
    """The values a hedged figure allows, as (lowest, highest).

    Example: "at least 20" is (20, infinity), "up to 20" is (0, 20),
    "about 200" is (170, 230), "dozens" stored as the range 24–99 is (24, 99).
    """
    high = value_high if value_high is not None else value_low
    if qualifier == "at_least":
        return (float(value_low), math.inf)
    if qualifier == "up_to":
        return (0.0, float(high))
    if qualifier == "about":
        return (math.floor(value_low * (1 - ABOUT_TOLERANCE)), math.ceil(high * (1 + ABOUT_TOLERANCE)))
    return (float(value_low), float(high))


def figure_ranges_overlap(first: tuple[float, float], second: tuple[float, float]) -> bool:
    """Whether two figure ranges share at least one value, so both can be true.

    Example: (20, inf) for "at least 20" overlaps (200, 200); (20, 20) and
    (200, 200) do not.
    """
    return first[0] <= second[1] and second[0] <= first[1]


def figure_gap_ratio(higher: tuple[float, float], lower: tuple[float, float]) -> float:
    """How many times the higher range's smallest value exceeds the lower
    range's largest: the least disagreement consistent with both figures.

    Example: 200 against 20 is 10.0; "at least 200" against "up to 50" is 4.0;
    anything against a figure of zero is infinite.
    """
    if lower[1] <= 0:
        return math.inf
    return higher[0] / lower[1]


def _ratio_words(ratio: float) -> str:
    if math.isinf(ratio):
        return "far above"
    rounded = round(ratio)
    if rounded in _NUMBER_WORDS and abs(ratio - rounded) < 0.05:
        return f"{_NUMBER_WORDS[rounded]}"
    if ratio < 1.95:
        return "higher than"
    return f"{ratio:.1f} times" if ratio < 20 else f"{ratio:,.0f} times"


def figure_mismatch_severity(ratio: float, *, sources_opposed: bool) -> int:
    """Low under 1.5 times, medium under 3, high under 10, critical from 10;
    one level higher when the two figures come from opposite sides.

    Example: 200 against 20 (ratio 10) is critical; 30 against 20 from two
    independent monitors is medium.
    """
    if ratio < 1.5:
        severity = Severity.LOW
    elif ratio < 3:
        severity = Severity.MEDIUM
    elif ratio < 10:
        severity = Severity.HIGH
    else:
        severity = Severity.CRITICAL
    return severity_raised(severity) if sources_opposed else severity


def sources_opposed(first: ClaimFacts, second: ClaimFacts) -> bool:
    """Some source of one claim is a party on the other side from some source of the other."""
    return any(a.is_opposed_to(b) for a in first.sources for b in second.sources)


def figure_mismatch(claim: ClaimFacts, other: ClaimFacts) -> Finding | None:
    """Two figure claims about the same event, place and day and the same
    quantity subject whose ranges, qualifiers honoured, do not overlap.

    Example: Russia's "200 militants killed" and the Observatory's "20
    insurgents killed" for the same airstrikes conflict (ten times apart,
    critical); "at least 20" and "200" do not.
    """
    if not (claim.is_figure and other.is_figure):
        return None
    if claim.event_id is None or claim.event_id != other.event_id or claim.subject != other.subject:
        return None
    if not same_scope(claim, other):
        return None  # Another place's or another day's count.
    first = figure_range(claim.value_low, claim.value_high, claim.qualifier)
    second = figure_range(other.value_low, other.value_high, other.qualifier)
    if figure_ranges_overlap(first, second):
        return None
    if first[0] > second[1]:
        higher, lower, higher_range, lower_range = claim, other, first, second
    else:
        higher, lower, higher_range, lower_range = other, claim, second, first
    ratio = figure_gap_ratio(higher_range, lower_range)
    opposed = sources_opposed(claim, other)
    explanation = (
        f"{higher.speaker_possessive} figure of {higher.figure_number} {higher.subject_shown} is "
        f"{_ratio_words(ratio)} {lower.speaker_possessive} {lower.figure_number} for the same event"
    )
    if _ratio_words(ratio) == "higher than":
        explanation = (
            f"{higher.speaker_possessive} figure of {higher.figure_number} {higher.subject_shown} "
            f"does not match {lower.speaker_possessive} {lower.figure_number} for the same event"
        )
    if opposed:
        explanation += ", and they come from opposite sides"
    return Finding(
        rule=Rule.FIGURE_MISMATCH,
        claim_ids=(claim.id, other.id),
        severity=figure_mismatch_severity(ratio, sources_opposed=opposed),
        explanation=explanation + ".",
        records_contradiction=True,
    )
