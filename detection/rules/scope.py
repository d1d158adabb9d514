"""Whether two claims under one event speak of the same place and day.

An event can span several places and days (an offensive across a province,
a week-long siege). Two of its claims can only contradict, corroborate or
revise each other when they describe the same thing: research on textual
contradiction finds that checking first that two statements are about the
same event avoids most false alarms (../shared/VERIFICATION.md). A town's
toll and the city's, or Monday's toll and Tuesday's, are different counts,
and who holds a district on the 20th does not contradict who holds it on
the 28th. Every pair rule reads `same_place`; the rules about what is counted
or held at a time (figures, territory) also read `same_time_span`.
"""

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from itertools import combinations

from .facts import ClaimFacts

_WORD = re.compile(r"\w+")


# A sweep compares each claim with up to 500 candidates: read each place once.
@lru_cache(maxsize=4096)
def _place_words(place: str) -> frozenset[str]:
    return frozenset(_WORD.findall(place.lower()))


def places_differ(place: str, other_place: str) -> bool:
    """Both places are given and neither names the other.

    Example: "Tal Rifaat" and "Aleppo city" differ; "Aleppo" and "Aleppo,
    Syria" do not (one's words are all in the other), nor does a place and
    no place (unknown is not different).
    """
    words, other_words = _place_words(place), _place_words(other_place)
    if not words or not other_words:
        return False
    return not (words <= other_words or other_words <= words)


def place_key(place: str) -> str:
    """A place as a dispute's key reads it: its words, lower-cased, each once,
    in alphabetical order, so the same place written the same way (any case,
    punctuation or word order, as `places_differ` compares) is one key.

    Example: "Aleppo, Syria" and "syria  aleppo" both give "aleppo syria".
    """
    return " ".join(sorted(_place_words(place)))


@dataclass(frozen=True)
class SharedScope:
    """The place and day some claims all speak of (a flag's claims: the
    dispute it is filed under). `place` is written as one of the claims
    gives it, "" when they do not all name one; `day` is None when they do
    not all give one. `settled` is False when two of them name different
    places or days (the rules no longer compare them: a stale flag)."""

    place: str = ""
    day: date | None = None
    settled: bool = True


def shared_scope(places: list[str], days: list[date | None]) -> SharedScope:
    """What the claims all say about where and when, for filing their flag.

    The place is the one every claim names: of two places that name one
    another, the one with fewer words (its words are in the other's); a
    claim naming no place leaves the pair without one, so a town's toll
    against an undated, unplaced total is filed with the event's other
    general figures. Likewise the day is given only when every claim gives
    the same one.

    Example: "Aleppo" and "Aleppo city" on 3 Oct share "Aleppo", 3 Oct;
    "Aleppo" and no place share no place; "Hill town" and "Harbour town"
    share nothing, and are not settled.
    """
    settled = not any(places_differ(first, second) for first, second in combinations(places, 2))
    named = [place for place in places if _place_words(place)]
    place = ""
    if settled and named and len(named) == len(places):
        place = min(named, key=lambda place: (len(_place_words(place)), place))
    given = {day for day in days if day is not None}
    if len(given) > 1:
        settled = False
    day = given.pop() if len(given) == 1 and None not in days else None
    return SharedScope(place=place, day=day, settled=settled)


def same_place(claim: ClaimFacts, other: ClaimFacts) -> bool:
    """The claims' places (each claim's own, else its event's) do not differ.

    Example: 12 killed in Tal Rifaat and 140 killed in Aleppo city, both under
    "Northern offensive", are not compared by any rule.
    """
    return not places_differ(claim.place, other.place)


def same_time_span(claim: ClaimFacts, other: ClaimFacts) -> bool:
    """The claims' dates, when both give one, are the same day; under an event
    that runs over several days, a dated claim and an undated one are not the
    same span either (the undated one may be the total so far). Read for what
    is counted or held at a time (figures, territory); a framing or a claim
    about who the dead were is often dated by its statement, not by the act.

    Example: 12 killed on Monday and 85 killed on Tuesday of the same siege
    are two daily tolls, not two accounts of one toll; nor are Monday's 12
    and an undated 300 killed in the week-long siege.
    """
    if claim.occurred_on and other.occurred_on:
        return claim.occurred_on == other.occurred_on
    if claim.occurred_on or other.occurred_on:
        return not (claim.event_spans_days or other.event_spans_days)
    return True


def same_scope(claim: ClaimFacts, other: ClaimFacts) -> bool:
    """Same place and same day: a speaker's figure revises its earlier one
    only within one scope."""
    return same_place(claim, other) and same_time_span(claim, other)


def share_a_speaker(claim: ClaimFacts, other: ClaimFacts) -> bool:
    """Some source is credited with both claims: one voice reported twice
    (relayed by two outlets, paraphrased in other words, or restating itself
    later), so the two are never a conflict between sources. A speaker's
    later figure is its revision (rule 8); its other restatements are left
    to an editor, who can record a contradiction by hand.

    Example: the army's "redeployment" relayed by one outlet and the same
    army statement paraphrased by another as "withdrew" are one speaker, not
    a framing conflict.
    """
    return bool({source.id for source in claim.sources} & {source.id for source in other.sources})
