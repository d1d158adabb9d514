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
from functools import lru_cache

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
