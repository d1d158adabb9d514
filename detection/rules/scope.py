"""Whether two claims under one event speak of the same place and day.

An event can span several places and days (an offensive across a province,
a week-long siege). Two of its claims can only contradict, corroborate or
revise each other when they describe the same thing: research on textual
contradiction finds that checking first that two statements are about the
same event avoids most false alarms (../shared/VERIFICATION.md). A town's
toll and the city's, or Monday's toll and Tuesday's, are different counts,
and who holds a district on the 20th does not contradict who holds it on
the 28th. Every pair rule reads `same_place` (which reads places as
`places.place_key` does: "Aleppo, Syria" is Aleppo, "East Aleppo" is not);
the rules about what is counted or held at a time (figures, territory) also
read `same_time_span`, and the figure rules `same_count_span` (a running
total is not one day's count, even entered under one subject and date).
"""

import re
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from .facts import ClaimFacts
from .places import place_key, places_differ


@dataclass(frozen=True)
class SharedScope:
    """The place and day some claims all speak of (a flag's claims: the
    dispute it is filed under). `place` is written as one of the claims
    gives it, "" when they do not all name one; `day` is None when they do
    not all give one. `same_place` is False when two of them name different
    places, `same_day` when two give different days: the rules reading
    them no longer compare those claims (a stale flag)."""

    place: str = ""
    day: date | None = None
    same_place: bool = True
    same_day: bool = True

    @property
    def settled(self) -> bool:
        return self.same_place and self.same_day


def shared_scope(places: list[str], days: list[date | None]) -> SharedScope:
    """What the claims all say about where and when, for filing their flag.

    The place is the one every claim names (`place_key`: "Aleppo" and
    "Aleppo, Syria" are one place, written as the shortest of them); a claim
    naming no place leaves the pair without one, so a town's toll against an
    undated, unplaced total is filed with the event's other general figures.
    Likewise the day is given only when every claim gives the same one.

    Example: "Aleppo" and "aleppo, Syria" on 3 Oct share "Aleppo", 3 Oct;
    "Aleppo" and no place share no place; "Hill town" and "Harbour town"
    share nothing and are not the same place; nor are "East Aleppo" and
    "Aleppo".
    """
    keys = {place_key(place) for place in places}
    named = [place.strip() for place in places if place_key(place)]
    same_place = len(keys - {""}) <= 1
    place = ""
    if same_place and named and len(named) == len(places):
        place = min(named, key=lambda place: (len(place), place))
    given = {day for day in days if day is not None}
    day = next(iter(given)) if len(given) == 1 and None not in days else None
    return SharedScope(place=place, day=day, same_place=same_place, same_day=len(given) <= 1)


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


# Wording that makes a figure a running total: "142 have died since the
# heatwave began", "the toll so far". A text that says "today" but also "since"
# is still a total, so the total's wording is read first.
_RUNNING_TOTAL = re.compile(r"\b(since|so far|to date|in total|altogether|cumulative|running total)\b")
# Wording that makes a figure one day's count: "18 died on Wednesday".
_ONE_DAY = re.compile(
    r"\b(on (monday|tuesday|wednesday|thursday|friday|saturday|sunday)|yesterday|today|overnight"
    r"|(in|over) the (past|last) 24 hours|in a single day|on that day)\b"
)


class HasText(Protocol):
    """A claim's facts or a claim row: the count span is read from its text."""

    text: str


def is_running_total(claim: HasText) -> bool:
    """The figure's text makes it a running total ("since", "so far", "to date")."""
    return bool(_RUNNING_TOTAL.search(claim.text.lower()))


def _is_one_days_count(claim: HasText) -> bool:
    return not is_running_total(claim) and bool(_ONE_DAY.search(claim.text.lower()))


def same_count_span(claim: HasText, other: HasText) -> bool:
    """Two figures count over the same span: not a running total against one
    day's count, even when both are dated the day they were reported and
    entered under one subject. Read by the figure rules (mismatch,
    corroboration, revisions) and the event figure summary (which never puts
    the two in one summary: `count_span_groups`); a figure whose text says
    neither is compared as before, since an undated "300 killed" may well be
    the total.

    Example: the ministry's "142 have died since the heatwave began" and a
    hospital's "18 died on Wednesday", both dated that Wednesday, are two
    counts; the hospital's 18 and a coroner's "up to 6 on Wednesday" are one.
    """
    return not (
        (is_running_total(claim) and _is_one_days_count(other))
        or (is_running_total(other) and _is_one_days_count(claim))
    )


def count_span_groups(claims: list) -> list[list]:
    """Figures of one subject, place and day split so that every two in a
    group count over the same span (`same_count_span`): the running totals
    apart, when some figure among them is one day's count; the rest (the
    day's counts, and figures saying neither) together. One group, unsplit,
    when no two of them count over different spans.

    Example: "142 have died since the heatwave began", "18 died on
    Wednesday" and "up to 6 on Wednesday" are [[142], [18, 6]]; "142 so far"
    and an undated "150 dead" stay one group.
    """
    totals = [claim for claim in claims if is_running_total(claim)]
    rest = [claim for claim in claims if not is_running_total(claim)]
    if totals and any(not same_count_span(totals[0], claim) for claim in rest):
        return [rest, totals]
    return [claims]


def same_scope(claim: ClaimFacts, other: ClaimFacts) -> bool:
    """Same place and same day: a speaker's figure revises its earlier one
    only within one scope, and never a running total with one day's count."""
    return same_place(claim, other) and same_time_span(claim, other) and same_count_span(claim, other)


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
