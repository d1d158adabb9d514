"""Rule 3, territorial control: accounts of who holds a place that cannot both be true.

Each territory claim is read as "side S holds between L and H percent of the
place", from two lexicons: the holder words ("insurgents" → opposition,
"government forces" → government) and the extent wording ("large parts" →
25–80 %, "only" → 0–15 %). A claim about the other side is turned round on the
assumption that two sides contest the place: "the government holds only
0–15 %" means "the opposition holds 85–100 %". Two claims whose ranges for
the same side do not overlap disagree.

A claim the lexicons cannot read (no holder word, or no extent wording) is
left alone: the rule would rather miss a conflict than invent one.
"""

import re
from dataclasses import dataclass

from core.bidi import isolate

from .facts import ClaimFacts, Finding, Lexicon, Rule, Severity
from .figures import sources_opposed
from .places import places_differ
from .responsibility import is_nationality
from .scope import same_time_span
from .wording import phrase_positions


@dataclass(frozen=True)
class ControlReading:
    """What a territory claim says: `side` holds `share_low`–`share_high` percent."""

    side: str
    holder_phrase: str
    # The extent wording with the rest of its clause, as written.
    extent_phrase: str
    share_low: int
    share_high: int

    def for_side(self, side: str) -> tuple[int, int]:
        if side == self.side:
            return (self.share_low, self.share_high)
        return (100 - self.share_high, 100 - self.share_low)


def control_reading(text: str, lexicon: Lexicon) -> ControlReading | None:
    """Read who holds how much from a territory claim's text.

    The extent wording is the first in the text (the longest on a tie); the
    holder is the nearest holder word before it, or failing that the first
    after it ("large parts of Aleppo are held by insurgents").

    Example: "Insurgents have entered large parts of Aleppo" reads as the
    opposition holding 25–80 %; "Government forces hold only the airport"
    as the government holding 0–15 %.
    """
    extents = [
        (start, -(end - start), phrase, low, high)
        for phrase, low, high in lexicon.control_extents
        for start, end in phrase_positions(phrase, text)
    ]
    if not extents:
        return None
    extent_start, negative_length, _, share_low, share_high = min(extents)
    # For the explanation: the wording and the rest of its clause, e.g.
    # "only Aleppo's airport and a military academy" (at most twelve words).
    clause = re.split(r"[.;:!?]", text[extent_start:], maxsplit=1)[0]
    extent_words = " ".join(clause.split()[:12]) or text[extent_start : extent_start - negative_length]
    # Longest first on a tie, so "government forces" wins over "government".
    found = [
        (start, end - start, side)
        for phrase, side in lexicon.control_holders
        for start, end in phrase_positions(phrase, text)
    ]
    holders = [
        holder
        for holder in found
        if not _inside_a_longer_holder(holder, found) and not _ends_a_groups_name(text, holder[0])
    ]
    before = [holder for holder in holders if holder[0] < extent_start]
    after = [holder for holder in holders if holder[0] > extent_start]
    if before:
        start, length, side = max(before)
    elif after:
        start, length, side = min(after, key=lambda holder: (holder[0], -holder[1]))
    else:
        return None
    holder_words = text[start : start + length].lower()
    return ControlReading(side, holder_words, extent_words, share_low, share_high)


def _inside_a_longer_holder(holder: tuple[int, int, str], found: list[tuple[int, int, str]]) -> bool:
    """A holder word inside a longer holder phrase of the lexicon: "army" in
    "free syrian army" when an editor entered the group with its side."""
    start, length, _ = holder
    return any(
        other_start <= start and start + length <= other_start + other_length and other_length > length
        for other_start, other_length, _ in found
    )


# Capitalised words that start a clause or name a day, never a word of a
# group's name: "Yesterday Syrian Army units hold...", "On Monday Syrian
# Army...". A closed class (articles, prepositions, conjunctions, time words).
_NOT_PART_OF_A_NAME = frozenset(
    {
        "the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our",
        "on", "in", "at", "by", "since", "after", "before", "until", "during", "from", "as", "of",
        "and", "but", "so", "while", "when", "where", "then", "now", "also", "still", "meanwhile",
        "however", "yesterday", "today", "tonight", "tomorrow", "overnight", "earlier", "later",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "january", "february", "march", "april", "may", "june", "july", "august", "september",
        "october", "november", "december",
    }
)  # fmt: skip


def _ends_a_groups_name(text: str, start: int) -> bool:
    """The holder word ends a capitalised name with a word of its own, so it
    names a group, not the holder the word alone means: "Free Syrian Army"
    and "Kosovo Liberation Army" are not the army of a state, while "the
    Syrian Army" is (a nationality qualifies it). Two actors sharing a word
    are never read as one; a name it cannot read leaves the claim unread
    rather than credited to the wrong side.
    """
    if not text[start : start + 1].isupper():
        return False
    for word in reversed(text[:start].split()):
        if not word[:1].isupper() or word[-1] in ".,;:!?)":
            return False
        bare = word.strip("'\"‘’“”").lower().removesuffix("'s").removesuffix("’s")
        if bare in _NOT_PART_OF_A_NAME:
            return False
        if not is_nationality(bare):
            return True
    return False


def territorial_control_conflict(claim: ClaimFacts, other: ClaimFacts, lexicon: Lexicon) -> Finding | None:
    """Two territory claims about the same place at the same event (and the
    same day, when both are dated) whose readings give one side shares that
    cannot both be true.

    Example: the army's "insurgents have entered large parts of Aleppo"
    (opposition 25–80 %) against residents' "government forces hold only the
    airport and a military academy" (opposition 85–100 %): flagged. "Insurgents
    hold most of Aleppo" against the residents' claim agrees and is not.
    """
    if claim.kind != "territory" or other.kind != "territory":
        return None
    if claim.event_id is None or claim.event_id != other.event_id:
        return None
    if not claim.place or not other.place or places_differ(claim.place, other.place):
        return None  # Who holds "Aleppo" is not who holds "East Aleppo" (rules/places.py).
    if not same_time_span(claim, other):
        return None  # Control changes: the 20th's account and the 28th's can both be true.
    first = lexicon.remembered(("control", claim.text), lambda: control_reading(claim.text, lexicon))
    second = lexicon.remembered(("control", other.text), lambda: control_reading(other.text, lexicon))
    if first is None or second is None:
        return None
    side = first.side
    first_range, second_range = first.for_side(side), second.for_side(side)
    if first_range[0] <= second_range[1] and second_range[0] <= first_range[1]:
        return None
    opposed = sources_opposed(claim, other)
    return Finding(
        rule=Rule.TERRITORIAL_CONTROL,
        claim_ids=(claim.id, other.id),
        severity=Severity.HIGH if opposed else Severity.MEDIUM,
        explanation=(
            f'According to {claim.speaker}, {first.holder_phrase} hold "{isolate(first.extent_phrase)}"; '
            f"according to {other.speaker}, {second.holder_phrase} hold "
            f'"{isolate(second.extent_phrase)}": the {side} side would hold {first_range[0]}–{first_range[1]}% '
            f"by one account and {second_range[0]}–{second_range[1]}% by the other."
        ),
        records_contradiction=True,
    )
