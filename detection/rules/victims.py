"""Victim status: the same dead counted as combatants by one side and as
non-combatants by the other."""

from .facts import ClaimFacts, Finding, Lexicon, Severity, severity_raised
from .figures import figure_range, figure_ranges_overlap, sources_opposed
from .wording import phrase_in_text, phrase_positions, word_forms_pattern

COMBATANT, NON_COMBATANT = "combatant", "non_combatant"
# A claim without a figure is read only when it is about casualties: "the army
# pulled back to protect civilians" names civilians but says nothing about
# who died.
CASUALTY_WORDS = ("killed", "dead", "died", "victims", "casualties", "wounded", "injured", "slain")
# Framing and territory claims use victim words for other purposes.
_READ_KINDS = ("figure", "occurrence", "other")
_CATEGORY_WORDS = {COMBATANT: "combatants", NON_COMBATANT: "non-combatants"}


def victim_reading(claim: ClaimFacts, lexicon: Lexicon) -> tuple[str, str] | None:
    """The one victim category a claim names, with the word that named it:
    read from a figure's counted subject (its structured field), or from the
    text of a claim without a figure when it speaks of casualties (killed,
    dead, victims...; framing and territory claims are not read). None when it names no category, or both
    ("20 fighters and 5 civilians" takes no side).

    Example: "200 militants killed" reads as ("combatant", "militants").
    """

    def read() -> tuple[str, str] | None:
        if claim.kind not in _READ_KINDS:
            return None
        text = claim.subject_display if claim.is_figure else claim.text
        if not claim.is_figure and not any(phrase_in_text(word, text) for word in CASUALTY_WORDS):
            return None
        found: dict[str, str] = {}
        for phrase, category in lexicon.victim_categories:
            if category not in found:
                spans = phrase_positions(phrase, text)
                if spans:
                    # The words as the claim has them, for the explanation.
                    found[category] = text[spans[0][0] : spans[0][1]]
        return next(iter(found.items())) if len(found) == 1 else None

    return lexicon.remembered(("victims", claim.id, claim.subject_display, claim.text), read)


def _categories_in(text: str, lexicon: Lexicon) -> set[str]:
    return {category for phrase, category in lexicon.victim_categories if phrase_positions(phrase, text)}


def counted_victims(claim: ClaimFacts, lexicon: Lexicon) -> str | None:
    """Who a figure counts: the one category its subject names, else, for a
    generic subject ("people killed"), the one its text names ("12 civilians
    were killed"); None when neither says, or both categories are named."""
    if not claim.is_figure:
        return None

    def read() -> str | None:
        found = _categories_in(claim.subject_display, lexicon) or _categories_in(claim.text, lexicon)
        return next(iter(found)) if len(found) == 1 else None

    return lexicon.remembered(("counted-victims", claim.id, claim.subject_display, claim.text), read)


def different_victims(claim: ClaimFacts, other: ClaimFacts, lexicon: Lexicon) -> bool:
    """One figure counts combatants and the other non-combatants: different
    counts, never a figure mismatch nor a corroboration (when the subjects
    name them and the figures overlap, the victim-status rule asks who the
    dead were instead).

    Example: "12 civilians were killed" and "80 fighters were killed", both
    entered as "people killed", are not compared as one toll.
    """
    first, second = counted_victims(claim, lexicon), counted_victims(other, lexicon)
    return first is not None and second is not None and first != second


def _outcome_words(claim: ClaimFacts, lexicon: Lexicon) -> set[str]:
    """What happened to the victims, from the canonical subject with the victim
    words taken out: "militants killed" gives {"killed"}."""
    subject = claim.subject
    for phrase, _ in lexicon.victim_categories:
        subject = word_forms_pattern(phrase).sub(" ", subject)
    return set(subject.split())


def victim_status_conflict(claim: ClaimFacts, other: ClaimFacts, lexicon: Lexicon) -> Finding | None:
    """Two claims about the same event, one naming the victims as combatants
    (militants, soldiers...), the other as non-combatants (civilians,
    children...), whose figures overlap or are not given: the disagreement is
    who was killed, not how many. Medium; high when the sources are on
    opposite sides.

    Example: the ministry's "strikes killed 200 militants" against residents'
    "the dead were civilians" is flagged. 20 militants killed and 5 civilians
    killed (both can be true) is not, nor militants killed against civilians
    wounded.
    """
    if claim.event_id is None or claim.event_id != other.event_id:
        return None
    first, second = victim_reading(claim, lexicon), victim_reading(other, lexicon)
    if first is None or second is None or first[0] == second[0]:
        return None
    outcomes, other_outcomes = _outcome_words(claim, lexicon), _outcome_words(other, lexicon)
    if outcomes and other_outcomes and not outcomes & other_outcomes:
        return None  # killed against wounded: different people
    if claim.is_figure and other.is_figure:
        ranges = (
            figure_range(claim.value_low, claim.value_high, claim.qualifier),
            figure_range(other.value_low, other.value_high, other.qualifier),
        )
        if not figure_ranges_overlap(*ranges):
            return None  # 20 militants and 5 civilians can both be true
    opposed = sources_opposed(claim, other)

    def reading(facts: ClaimFacts, category: str, word: str) -> str:
        figure = f", {facts.figure_number}" if facts.is_figure else ""
        return f'{facts.speaker} calls them {_CATEGORY_WORDS[category]} ("{word}"{figure})'

    explanation = (
        f"Who the victims were is disputed for the same event: {reading(claim, *first)}, while "
        f"{reading(other, *second)}"
    )
    if opposed:
        explanation += "; the sources are on opposite sides"
    return Finding(
        rule="victim_status",
        claim_ids=(claim.id, other.id),
        severity=severity_raised(Severity.MEDIUM) if opposed else Severity.MEDIUM,
        explanation=explanation + ".",
    )
