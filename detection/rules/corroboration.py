"""Agreement rules: claims from different originators that say the same thing,
and a later figure from the same originator that revises an earlier one.

Pure functions over `ClaimFacts` like the conflict rules; the writes (the
rule-made `corroborates` and `revises` relations, closing a flag a revision
made stale) are in `detection.agreement`. See docs/detection.md, rules 7 and 8.
"""

import re
from dataclasses import dataclass
from datetime import datetime

from claims.echoes import may_share_copy
from claims.models.relations import STALE_ECHO_RATIONALE
from claims.origins import origin_key
from core.bidi import isolate

from .facts import ClaimFacts, Lexicon
from .figures import figure_range, figure_ranges_overlap
from .framing import _uses_term, contested_terms_used
from .places import places_differ
from .scope import same_count_span, same_place, same_scope, same_time_span
from .territory import control_reading
from .victims import different_victims
from .wording import word_stem


@dataclass(frozen=True)
class Agreement:
    """Two claims that say the same thing; `rationale` is one sentence for the editor."""

    claim_ids: tuple[int, int]
    rationale: str

    @property
    def pair(self) -> tuple[int, int]:
        first, second = sorted(self.claim_ids)
        return (first, second)


def origin_keys(claim: ClaimFacts) -> frozenset[str]:
    """The claim's originators (its speakers; a party counts as its side)."""
    return frozenset(origin_key(source) for source in claim.sources)


def different_originators(claim: ClaimFacts, other: ClaimFacts) -> bool:
    """Both claims have a speaker and share none, and they do not share a
    long verbatim passage (unless both excerpts are known to stand in one
    document): neither is, or may be, an echo of the other.

    Example: the Observatory's 20 and the same Observatory figure relayed by
    another outlet have the same originator and never corroborate each other;
    nor do a wire's story and a paper's printing of it word for word, even
    when each is credited to the outlet that printed it.
    """
    mine, theirs = origin_keys(claim), origin_keys(other)
    if not (mine and theirs) or mine & theirs:
        return False
    # A passage in common where a document was not recorded may be copy: an
    # unknown document never makes two origins independent.
    return not may_share_copy(claim.excerpts, other.excerpts)


def _range_words(low: float, high: float) -> str:
    if high == float("inf"):
        return f"{low:,.0f} or more"
    if low == high:
        return f"{low:,.0f}"
    return f"{low:,.0f}–{high:,.0f}"


def figures_agree(claim: ClaimFacts, other: ClaimFacts) -> Agreement | None:
    """Two figures for the same event and the same counted subject, from
    different originators, whose ranges (qualifiers honoured, exactly as the
    figure-mismatch rule reads them) share a value.

    Example: an aid agency's "85 wounded" and a district hospital's "about
    80 injured" for the same strike agree (85 lies in 68–92); the Observatory's
    20 and Russia's 200 do not.
    """
    if not (claim.is_figure and other.is_figure):
        return None
    if claim.event_id is None or claim.event_id != other.event_id or claim.subject != other.subject:
        return None
    if not (same_time_span(claim, other) and same_count_span(claim, other)):
        return None  # Another day's count, or a running total against one day's.
    if not different_originators(claim, other):
        return None
    first = figure_range(claim.value_low, claim.value_high, claim.qualifier)
    second = figure_range(other.value_low, other.value_high, other.qualifier)
    if not figure_ranges_overlap(first, second):
        return None
    return Agreement(
        claim_ids=(claim.id, other.id),
        rationale=(
            f"{claim.speaker_possessive} {claim.figure_number} and {other.speaker_possessive} "
            f"{other.figure_number} {claim.subject_display} for the same event agree "
            f"(read as {_range_words(*first)} and {_range_words(*second)})."
        ),
    )


def _framing_sides(text: str, lexicon: Lexicon) -> set[tuple[str, str]]:
    """Which side of each contested pair a text takes: ("term", t) when it uses
    the term, ("counterpart", t) when it uses one of its counterparts; a text
    using both words takes no side on that pair."""
    sides = set()
    counterparts = {term for term, _ in contested_terms_used(text, lexicon)}
    for term, _ in lexicon.contested_terms:
        uses_term = _uses_term(term, text, lexicon)
        if uses_term and term not in counterparts:
            sides.add(("term", term))
        elif term in counterparts and not uses_term:
            sides.add(("counterpart", term))
    return sides


def framings_agree(claim: ClaimFacts, other: ClaimFacts, lexicon: Lexicon) -> Agreement | None:
    """Two framing claims about the same event, from different originators,
    that take the same side of a contested pair of words and the opposite side
    of none.

    Example: a wire report that government forces "retreated" and a
    resident's account that the troops "withdrew" agree (both counterparts
    of "redeployment"); the army's "redeployment" agrees with neither.
    """
    if claim.kind != "framing" or other.kind != "framing":
        return None
    if claim.event_id is None or claim.event_id != other.event_id:
        return None
    if not different_originators(claim, other):
        return None
    mine = lexicon.remembered(("framing-sides", claim.text), lambda: _framing_sides(claim.text, lexicon))
    theirs = lexicon.remembered(("framing-sides", other.text), lambda: _framing_sides(other.text, lexicon))
    shared = mine & theirs
    if not shared:
        return None
    opposite = {("counterpart" if side == "term" else "term", term) for side, term in mine}
    if opposite & theirs:
        return None
    side, term = sorted(shared)[0]
    words = f'"{term}"' if side == "term" else f'a counterpart of "{term}"'
    return Agreement(
        claim_ids=(claim.id, other.id),
        rationale=f"{claim.speaker} and {other.speaker} describe the same event in the same words ({words}).",
    )


def territories_agree(claim: ClaimFacts, other: ClaimFacts, lexicon: Lexicon) -> Agreement | None:
    """Two territory claims about the same place at the same event, from
    different originators, whose readings of who holds how much overlap.

    Example: "insurgents control most of Aleppo" (opposition 50–95 %) and
    "government forces hold only the airport" (opposition 85–100 %) agree;
    a claim the lexicons cannot read agrees with nothing.
    """
    if claim.kind != "territory" or other.kind != "territory":
        return None
    if claim.event_id is None or claim.event_id != other.event_id:
        return None
    if not claim.place or not other.place or places_differ(claim.place, other.place):
        return None
    if not different_originators(claim, other):
        return None
    if not same_time_span(claim, other):
        return None
    first = lexicon.remembered(("control", claim.text), lambda: control_reading(claim.text, lexicon))
    second = lexicon.remembered(("control", other.text), lambda: control_reading(other.text, lexicon))
    if first is None or second is None:
        return None
    side = first.side
    first_range, second_range = first.for_side(side), second.for_side(side)
    if not (first_range[0] <= second_range[1] and second_range[0] <= first_range[1]):
        return None
    return Agreement(
        claim_ids=(claim.id, other.id),
        rationale=(
            f"{claim.speaker} and {other.speaker} agree on who holds {claim.place.title()}: the {side} side "
            f"holds {first_range[0]}–{first_range[1]}% by one account and "
            f"{second_range[0]}–{second_range[1]}% by the other."
        ),
    )


# Words that say something did not happen: an occurrence claim using one is
# a denial or a correction, never a confirmation (read by whole word).
NEGATIONS = frozenset(
    {
        "no",
        "not",
        "never",
        "none",
        "nobody",
        "deny",
        "denies",
        "denied",
        "denial",
        "false",
        "untrue",
        "didn't",
        "wasn't",
        "weren't",
        "hasn't",
        "haven't",
        "without",
        "fabricated",
        "rejected",
        "rejects",
    }
)
# Words too common to show that two accounts describe the same thing.
_COMMON_WORDS = frozenset(
    {
        "that",
        "this",
        "with",
        "from",
        "were",
        "have",
        "been",
        "into",
        "their",
        "there",
        "they",
        "said",
        "says",
        "late",
        "early",
        "some",
        "also",
        "after",
        "before",
        "near",
        "around",
        "about",
        "over",
        "city",
        "friday",
        "saturday",
        "sunday",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "along",
        "which",
        "whose",
    }
)
_WORD = re.compile(r"[a-z][a-z']+")


def _words(text: str) -> list[str]:
    return _WORD.findall((text or "").lower())


def _content_stems(text: str, place: str) -> dict[str, str]:
    """The text's content words by stem (stem -> the word as written first)."""
    place_words = set(_words(place))
    stems: dict[str, str] = {}
    for word in _words(text):
        if len(word) >= 4 and word not in _COMMON_WORDS and word not in place_words and word not in NEGATIONS:
            stems.setdefault(word_stem(word), word)
    return stems


def occurrences_agree(claim: ClaimFacts, other: ClaimFacts) -> Agreement | None:
    """Two occurrence claims under the same event, from different
    originators, that both report it happened: dates and places do not
    differ (when both give one), neither uses a negation ("denied", "no",
    "not"...), and they share at least one content word other than the place
    (stemmed, so "airstrikes" and "airstrike" match).

    Example: the Observatory's "airstrikes hit residential areas of Aleppo
    late on Friday" and the wire's "airstrikes, clashes and gunfire spread
    panic among Aleppo's residents" agree that the airstrikes happened; "the
    army denied any airstrikes" agrees with neither. What is corroborated is
    the occurrence (the shared words are named), not every detail of each text.
    """
    if claim.kind != "occurrence" or other.kind != "occurrence":
        return None
    if claim.event_id is None or claim.event_id != other.event_id:
        return None
    if not same_time_span(claim, other) or not different_originators(claim, other):
        return None
    if NEGATIONS & set(_words(claim.text)) or NEGATIONS & set(_words(other.text)):
        return None
    mine = _content_stems(claim.text, claim.place)
    shared = sorted(mine[stem] for stem in mine.keys() & _content_stems(other.text, other.place).keys())
    if not shared:
        return None
    return Agreement(
        claim_ids=(claim.id, other.id),
        rationale=(
            f"{claim.speaker} and {other.speaker} both report that it happened "
            f"(occurrence claims under the same event sharing the words: {', '.join(shared)})."
        ),
    )


def claims_agree(claim: ClaimFacts, other: ClaimFacts, lexicon: Lexicon) -> Agreement | None:
    """Rule 7, corroboration: the first of the agreements that holds, for two
    claims about the same place (a town's toll never corroborates another
    town's); figures and territory also need the same day."""
    if not same_place(claim, other):
        return None
    return (
        (None if different_victims(claim, other, lexicon) else figures_agree(claim, other))
        or framings_agree(claim, other, lexicon)
        or territories_agree(claim, other, lexicon)
        or occurrences_agree(claim, other)
    )


@dataclass(frozen=True)
class Revision:
    """`newer` revises `older`: a speaker's later figure for the same thing.
    `supersedes` says whether every speaker of `older` has moved on (only then
    is the older figure history that no rule compares any more)."""

    newer: int
    older: int
    rationale: str
    supersedes: bool = True


def speaker_ids(claim: ClaimFacts) -> frozenset[int]:
    return frozenset(source.id for source in claim.sources)


def _same_numbers(claim: ClaimFacts, other: ClaimFacts) -> bool:
    """The two figures give the same numbers, whatever their hedges."""

    def numbers(facts: ClaimFacts) -> tuple:
        return (facts.value_low, facts.value_high if facts.value_high is not None else facts.value_low)

    return numbers(claim) == numbers(other)


def figure_revisions(claims: list[ClaimFacts], reported_at: dict[int, datetime]) -> list[Revision]:
    """Rule 8, revision: among figure claims of one event, each speaker's
    figures for the same counted subject form its history; each later figure
    revises that speaker's latest earlier one about the same place and day
    (ordered by when it was reported, then by id). A speaker's tolls for two
    different days or places are two counts, not a revision. A figure credited
    to several speakers is in each one's history; it is superseded once every
    one of its speakers has given a later figure.

    Example: a ministry's "at least 45 dead" in the morning and "112 dead"
    in the evening (alone or with its army): the evening figure revises the
    morning one, and only the evening figure is compared with other sources'.
    Its 12 dead on Monday and 85 on Tuesday of a siege revise nothing.

    An outlet passing on a figure the speaker has since revised (credited to
    the speaker only through the relay, `relayed_speakers`, with the numbers
    of one of its earlier figures) is a stale echo, not a revision: the
    monitor's 20 at 08:00, its 35 at 12:00 and an outlet relaying the 20 at
    18:00 leave the 35 its latest figure, which supersedes the echo.
    """
    histories: dict[tuple, list[ClaimFacts]] = {}
    names: dict[int, str] = {}
    for claim in claims:
        if claim.is_figure and claim.event_id is not None and claim.sources:
            for source in claim.sources:
                names[source.id] = isolate(source.name)
                histories.setdefault((claim.event_id, claim.subject, source.id), []).append(claim)
    # (newer id, older id) -> (older, newer, the speaker whose history links them)
    pairs: dict[tuple[int, int], tuple[ClaimFacts, ClaimFacts, int]] = {}
    # Older claim id -> its speakers that have given a later figure since.
    moved_on: dict[int, set[int]] = {}
    # (latest id, echo id) -> the earlier figure of the speaker the echo repeats.
    echoed: dict[tuple[int, int], ClaimFacts] = {}
    for (_, _, speaker), history in histories.items():
        if len(history) < 2:
            continue
        # A figure not in reported_at: when its content last changed, which an
        # event merge or a status change does not move.
        history.sort(key=lambda claim: (reported_at.get(claim.id, claim.content_changed_at), claim.id))
        # The speaker's own history: every figure but the stale echoes.
        standing = [history[0]]
        for newer in history[1:]:
            older = next((claim for claim in reversed(standing) if same_scope(claim, newer)), None)
            repeated = None
            if older is not None and speaker in newer.relayed_speakers and not _same_numbers(newer, older):
                repeated = next(
                    (
                        claim
                        for claim in reversed(standing)
                        if same_scope(claim, newer) and _same_numbers(claim, newer)
                    ),
                    None,
                )
            if repeated is not None:
                # The speaker's latest figure stays `older`, which supersedes the echo.
                pairs.setdefault((older.id, newer.id), (newer, older, speaker))
                echoed[(older.id, newer.id)] = repeated
                moved_on.setdefault(newer.id, set()).add(speaker)
                continue
            standing.append(newer)
            if older is None:
                continue
            pairs.setdefault((newer.id, older.id), (older, newer, speaker))
            moved_on.setdefault(older.id, set()).add(speaker)
    # A claim crediting one speaker only through an outlet (a stale echo of
    # it) and another directly (that one's own revision) would be linked to
    # the same earlier claim both ways: the direct speaker's revision stands,
    # and the earlier claim, still the relayed speaker's latest figure, is
    # not superseded by it (its `supersedes` counts only speakers moved on).
    for echo_pair in [
        pair for pair in echoed if (pair[1], pair[0]) in pairs and (pair[1], pair[0]) not in echoed
    ]:
        del pairs[echo_pair]
        del echoed[echo_pair]
    revisions = []
    for older, newer, speaker in pairs.values():
        repeated = echoed.get((newer.id, older.id))
        if repeated is not None:
            rationale = (
                f"Claim #{older.id} {STALE_ECHO_RATIONALE} {names[speaker]}: "
                f"{older.figure_number} {older.subject_display} (claim #{repeated.id}). It has since revised "
                f"it to {newer.figure_number} (claim #{newer.id}), which stays its latest figure."
            )
        elif newer.figure_number == older.figure_number:
            rationale = (
                f"{names[speaker]} repeated its figure of {newer.figure_number} "
                f"{newer.subject_display} (first in claim #{older.id})."
            )
        elif _same_numbers(newer, older):
            # "40" then "about 40": the same count, hedged otherwise; calling it
            # "revised from 40 to about 40" would read as a new count.
            rationale = (
                f"{names[speaker]} repeated its figure for {newer.subject_display} as {newer.figure_number} "
                f"(it said {older.figure_number} in claim #{older.id})."
            )
        else:
            rationale = (
                f"{names[speaker]} revised its figure for {newer.subject_display} "
                f"from {older.figure_number} (claim #{older.id}) to {newer.figure_number}."
            )
        revisions.append(
            Revision(
                newer=newer.id,
                older=older.id,
                rationale=rationale,
                supersedes=moved_on[older.id] >= speaker_ids(older),
            )
        )
    return revisions
