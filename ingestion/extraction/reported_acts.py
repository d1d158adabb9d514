"""Acts that someone else reports.

Some reporting verbs of the lexicon name an act or a judgement as much as a
statement: "pledged", "vowed", "accused", "blamed", "praised", "hailed",
"urged", "condemned", "called for". On their own they credit their subject
("Donors pledged $200 million": the donors put the figure forward). But when
the sentence closes with someone else's attribution, the act is what that
someone reports, and so are its figures:

- "Japan pledged 1.5 billion euros to the fund, the finance ministry said":
  the ministry's claim, not Japan's;
- "The president hailed the release of 40 hostages, state television
  reported": state television's;
- "The coalition vowed to send 2,000 more troops, according to a senior
  diplomat": the diplomat's.

The same holds when the act is told inside someone's statement: in "The
treasury said on Monday that Norland pledged 40 million crowns" the figure is
the treasury's.

A passive inside someone's statement is theirs too: in "It said only
150,000 cases had been confirmed by laboratories" the laboratories do not
speak; the statement says what they did. (A denial in the passive, "the toll
was disputed by doctors", is kept: whose figure it was is then unclear, and
ownership.py leaves it unbound.)

Speech verbs ("said", "claimed", "told") are left alone: in "Russia said 30
soldiers died, a diplomat said" the figure is still Russia's, passed on. When
the one closing such a statement is an outlet ("..., the agency reported",
"..., Interfax said"), it is the statement's relay, not a second speaker.
"""

import re

from .agents import is_denial
from .binding import clauses_of
from .cues import Cue, passes_it_on
from .vocabulary import PASSIVE_AUXILIARIES

REPORTED_ACTS = frozenset(
    {
        "pledged", "pledges", "pledging", "vowed", "vows", "vowing", "accused", "accusing",
        "blamed", "blames", "blaming", "praised", "hailed", "urged", "condemned", "called for",
    }
)  # fmt: skip

# The closing attribution is set off by a comma: ", the ministry said",
# ", according to a senior diplomat".
_SET_OFF = re.compile(r",\s*$")


def acts_reported_by_others(cues: list[Cue], folded: str, according_at: int | None) -> list[Cue]:
    """The cues without the acts that a later, comma-set-off attribution
    reports (the attribution's speaker stands before its verb, or it is an
    "according to"): those acts are the attribution's content."""
    closing = [_closing_start(cue, folded) for cue in cues]
    if according_at is not None and _SET_OFF.search(folded[:according_at]):
        closing.append(according_at)
    starts = [start for start in closing if start is not None]
    return [
        cue
        for cue in cues
        if not (
            (cue.verb.lower() in REPORTED_ACTS or _reported_passive(cue, folded))
            and (any(start > cue.end for start in starts) or _told_inside_a_statement(cue, cues, folded))
        )
    ]


def _reported_passive(cue: Cue, folded: str) -> bool:
    """ "had been confirmed by laboratories": a passive naming its agent after
    "by", not a denial."""
    before = folded[: cue.start].split()
    return (
        bool(before)
        and before[-1].lower() in PASSIVE_AUXILIARIES
        and not cue.passive_agent
        and not is_denial(cue.verb, folded.lower())
    )


def _told_inside_a_statement(act: Cue, cues: list[Cue], folded: str) -> bool:
    """Whether a statement made earlier in the act's clause carries it ("the
    treasury said that Norland pledged ...")."""
    clause = next(
        clause for clause in clauses_of(folded) if act.start < clause.end or clause.end == len(folded)
    )
    return any(
        cue.verb.lower() not in REPORTED_ACTS
        and not _reported_passive(cue, folded)
        and clause.start <= cue.start
        and cue.end <= act.start
        for cue in cues
    )


def _closing_start(cue: Cue, folded: str) -> int | None:
    """Where a ", <speaker> said" attribution begins, if `cue` is one."""
    if cue.verb.lower() in REPORTED_ACTS or cue.speaker_start is None or cue.speaker_start >= cue.start:
        return None
    if not _SET_OFF.search(folded[: cue.speaker_start]):
        return None
    return cue.speaker_start


def outlet_closing_a_statement(cues: list[Cue], folded: str) -> tuple[list[Cue], str]:
    """ "Russia said 30 soldiers died, the agency reported": the cues without
    the outlet's, and the outlet's phrase as the relay ("" when there is
    none). Only for an outlet (cues.passes_it_on) closing the sentence after
    someone else's statement."""
    if len(cues) < 2:
        return cues, ""
    closing = cues[-1]
    start = _closing_start(closing, folded)
    earlier = [
        cue
        for cue in cues[:-1]
        if cue.speaker and cue.verb.lower() not in REPORTED_ACTS and not _reported_passive(cue, folded)
    ]
    if start is None or not earlier or not closing.speaker or not passes_it_on(closing.speaker):
        return cues, ""
    if len(folded[closing.end :].split()) > 3:
        return cues, ""  # more than "on Monday": the outlet goes on to say something of its own
    return cues[:-1], closing.speaker
