"""Which speaker stated which figure.

A sentence such as "the ministry said 30 people were hurt, while the
hospital put the number at 52" holds two claims: the ministry's 30 and the
hospital's 52. Each figure is bound to the speaker whose clause states it:

- the sentence is cut into clauses at connectors (", while", "whereas",
  "but", "although", ";", ", and");
- a figure goes to the nearest reporting cue before it in its clause, else
  the nearest one after it in the same clause;
- a clause with no cue of its own continues the clause before it, unless it
  opens with a new subject after a contrasting connector ("..., while the
  opposition put the figure at 1.8 million" when "put the figure at" is not
  a known cue): then nobody is known to have stated the figure;
- an attribution closing the sentence ("..., according to the governor")
  also covers the clauses joined to it by ", and";
- with one speaker and no such clause, every figure is that speaker's.

A figure that cannot be bound with confidence is proposed without a speaker
and marked `unbound`, for the editor to credit: never guessed, because a
figure credited to the wrong speaker is worse than no proposal.
"""

import functools
import re
from dataclasses import dataclass

from .figure_words import NUMBER_WORDS
from .matching import GENERIC_WORDS
from .quantities import Figure
from .vocabulary import AUXILIARIES, PASSIVE_AUXILIARIES

# Connectors after which a clause may have a new subject. "Contrasting" ones
# usually bring in another party ("..., while the hospital said 52");
# ", and" usually goes on with the same one ("..., and said four soldiers
# were wounded").
CLAUSE_BREAK = re.compile(
    r"(?P<contrast>[,;]?\s+(?:while|whereas|but|although|though|however)\s+|;\s+)|(?P<and>(?:,|\s(?:[\u2014\u2013]|--))\s+and\s+)"
    r"|(?P<with>,\s+with\s+)|(?P<bare_and>(?<=[a-z\d])\s+and\s+)",
    re.IGNORECASE,
)
# The start of a clause whose subject is an actor and whose verb follows
# ("the hospital reckoned", "local doctors counted", "the Red Cross
# believed"), not "the toll could rise" or "4 soldiers were wounded".
ACTOR_CLAUSE = re.compile(
    r"(?:(?:the|a|an|its|their|local|other|some|foreign|independent)\s+)*"
    r"(?P<subject>(?:[\w'\-]+\s+){0,2}?[\w'\-]+)\s+(?:also\s+|later\s+)?"
    r"(?P<verb>[a-z]+ed|said|says|put|puts|gave|found|told|thought|thinks|believes|reckons|counts|estimates|reports)\b"
)
ACTOR_WORDS = frozenset(
    """hospital hospitals doctors medics residents villagers witnesses officials activists monitors rescuers
    police army military ministry agency group observatory government authorities council committee
    union unions organisers organizers protesters rebels militants fighters opposition survivors locals
    journalists diplomats sources commission court coalition charity charities troops soldiers forces
    volunteers firefighters paramedics nurses guards staff""".split()
)


def _actor_clause(folded: str, position: int) -> bool:
    """Whether the clause at `position` opens with an actor and its verb."""
    match = ACTOR_CLAUSE.match(folded, position)
    if not match:
        return False
    words = match.group("subject").split()
    return any(w[:1].isupper() or w.lower().strip("'") in ACTOR_WORDS for w in words)


# "with the health ministry putting the toll at 450": an absolute clause
# whose subject is an actor of its own (not "with 40 children among them",
# "with the dead including 12 children").
WITH_ACTOR = re.compile(r"(?:(?:the|its|their)\s+)?((?:[\w'\-]+\s+){1,4}?)[a-z]+ing\b")


def _actor_follows(folded: str, position: int) -> bool:
    match = WITH_ACTOR.match(folded, position)
    if not match:
        return False
    words = match.group(1).split()
    return any(w[:1].isupper() or w.lower() in GENERIC_WORDS - {"the", "of", "and", "a", "an"} for w in words)


SUBJECT_PRONOUNS = {"it", "he", "she", "they", "we", "i"}
# Words that open a clause going on with the same subject: auxiliaries,
# adverbs and the start of a hedged number ("while nearly 90 schools ...").
GOES_ON = (
    AUXILIARIES
    | PASSIVE_AUXILIARIES
    | {
        "still",
        "only",
        "then",
        "nearly",
        "almost",
        "about",
        "around",
        "some",
        "more",
        "over",
        "at",
        "up",
        "fewer",
        "less",
        "roughly",
        "approximately",
        "close",
        "as",
        "not",
        "no",
        "many",
        "most",
        "few",
        "several",
        "dozens",
        "hundreds",
        "thousands",
        "scores",
        "tens",
    }
)


@dataclass
class Clause:
    start: int
    end: int
    contrast: bool  # opened by a contrasting connector
    new_subject: bool  # opens with a noun phrase of its own
    # Opens with an actor doing something ("..., and local doctors counted
    # 45 bodies"): someone else's words, even after a plain ", and".
    actor: bool = False


@dataclass
class Binding:
    """One proposal's speaker (index into the sentence's speakers, or None)
    and figure. `unbound`: a figure nobody could be credited with."""

    speaker: int | None
    figure: Figure | None
    unbound: bool = False


@functools.lru_cache(maxsize=64)
def clauses_of(folded: str) -> tuple[Clause, ...]:
    """The sentence's clauses (cached: binding, claim texts and according-to
    all ask for the same sentence's clauses)."""
    return tuple(_clauses(folded))


def _clauses(folded: str) -> list[Clause]:
    clauses: list[Clause] = []
    start, contrast = 0, False
    opening = re.match(r"with\s+", folded, re.IGNORECASE)
    if opening and _actor_follows(folded, opening.end()) and "," in folded:
        # "With the ministry putting the toll at 450, the UN said 300": the
        # opening clause is not the UN's.
        comma = folded.index(",")
        clauses.append(Clause(0, comma, False, True))
        start, contrast = comma + 1, True
    actor = False
    for match in CLAUSE_BREAK.finditer(folded, start):
        if match.group("with") and not _actor_follows(folded, match.end()):
            continue
        if match.group("bare_and") and not (
            _actor_clause(folded, match.end()) and re.search(r"\d", folded[: match.start()])
        ):
            continue  # "Russia and Syria said", "killed and wounded": no new clause
        clauses.append(Clause(start, match.start(), contrast, _opens_with_subject(folded, start), actor))
        start, contrast = match.end(), bool(match.group("contrast") or match.group("with"))
        actor = bool(match.group("and") or match.group("bare_and")) and _actor_clause(folded, start)
        actor = actor or bool(ATTRIBUTED_CLAUSE.match(folded, start))
    clauses.append(Clause(start, len(folded), contrast, _opens_with_subject(folded, start), actor))
    return clauses


# "..., but according to the health ministry the number is 120": a clause
# that opens by naming where its figure comes from is someone else's words,
# never the clause before's speaker's (the sentence reads one according-to
# speaker, so that figure is left unbound rather than given to the first).
ATTRIBUTED_CLAUSE = re.compile(r"(?i)according\s+to\b")


def _opens_with_subject(folded: str, start: int) -> bool:
    """Whether a clause opens with a noun phrase of its own ("while the
    hospital ...", "while local medics ..."), rather than going on with the
    same subject ("but is treating 75", "while nearly 90 schools closed")."""
    words = folded[start : start + 60].split()
    if not words or start == 0:
        return False
    first = words[0].strip("\"'(").lower()
    if ATTRIBUTED_CLAUSE.match(folded, start):
        return True  # "according" is no participle going on with the subject
    if first in SUBJECT_PRONOUNS or first in GOES_ON or first in NUMBER_WORDS:
        return False  # "it put the figure at ..." is resolved to the speaker before
    if first[:1].isdigit() or (words[0][:1].islower() and first.endswith(("ed", "ing"))):
        return False
    return first.isalpha()


def _clause_index(clauses, position: int) -> int:
    for index, clause in enumerate(clauses):
        if position < clause.end:
            return index
    return len(clauses) - 1


# How close a figure must stand before "reported by X" to be X's.
BACKWARD_REACH = 40


def bind_figures(
    folded: str,
    anchors: list[list[int]],
    figures: list[Figure],
    backward: frozenset[int] = frozenset(),
    possessive: frozenset[int] = frozenset(),
) -> list[Binding]:
    """`anchors[i]`: where speaker i's cues are in the sentence; `backward`:
    cues that speak about the figure just before them ("14 deaths reported
    by the Red Cross"); `possessive`: cues that own only the figure they
    name ("the ministry's figure of 45"). Returns one binding per (speaker,
    figure) pair, plus one per speaker with no figure, plus one per figure
    nobody can be credited with."""
    if not anchors:
        return [Binding(None, figure) for figure in figures] or [Binding(None, None)]
    clauses = clauses_of(folded)
    # "14 deaths reported by the Red Cross", "the ministry's figure of 45":
    # these speak about their own figure only, never the rest of the sentence.
    owns_one = possessive | backward
    speaking = [[anchor for anchor in positions if anchor not in owns_one] for positions in anchors]
    owners = _clause_owners(clauses, speaking)
    # "12 people died (police said)": an attribution in brackets covers the
    # figures just before it, never the rest of the sentence.
    # A cue in brackets speaks only inside them, or for the figures just
    # before them when the bracket names a source (_bracketed_after).
    with_cue, brackets = _cue_brackets(folded, speaking, figures)
    outside = [[anchor for anchor in positions if not _within(anchor, with_cue)] for positions in speaking]
    owners_outside = _clause_owners(clauses, outside) if with_cue else owners
    bindings: list[Binding] = []
    for figure in figures:
        speaker = owner_of(folded, figure.start, anchors, backward, possessive)
        if speaker is None and brackets:
            speaker = _bracketed_after(figure.start, clauses, speaking, outside, brackets)
        if speaker is None and _in_an_aside_of_its_own(folded, figure.start, with_cue):
            bindings.append(Binding(None, figure, unbound=True))
            continue
        if speaker is None:
            inside = _within(figure.start, with_cue)
            speaker = _speaker_for_figure(
                figure.start, clauses, speaking if inside else outside, owners if inside else owners_outside
            )
        bindings.append(Binding(speaker, figure, unbound=speaker is None))
    with_figures = {b.speaker for b in bindings}
    bindings.extend(Binding(index, None) for index in range(len(anchors)) if index not in with_figures)
    bindings.sort(key=lambda b: (b.figure.start if b.figure else -1, -1 if b.speaker is None else b.speaker))
    return bindings


def _cue_brackets(
    folded: str, speaking: list[list[int]], figures: list[Figure]
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The brackets holding a cue, as (open, close) offsets (an unclosed one
    runs to the sentence's end), and among them those with no number of
    their own, which name the source of the figures before them ("(police
    said)", "(according to the ministry)", "(the ministry's figure)")."""
    with_cue, attributions = [], []
    for opened in re.finditer(r"\(", folded):
        closed = folded.find(")", opened.end())
        span = (opened.start(), len(folded) if closed < 0 else closed)
        if not any(span[0] < anchor < span[1] for positions in speaking for anchor in positions):
            continue
        with_cue.append(span)
        # "(police said 15)": a number of its own, read as a figure or not,
        # makes the bracket a claim beside the one before it, not its source.
        has_number = any(span[0] < figure.start < span[1] for figure in figures) or _names_a_number(
            folded[span[0] : span[1]]
        )
        if not has_number:
            attributions.append(span)
    return with_cue, attributions


# "(the ministry's figure was 20)", "(the official toll is 20)": a bracket
# that says whose figure, or which count, it gives holds another count than
# the sentence's, even with no cue to name its owner.
_ASIDE_OWNER = re.compile(
    r"[A-Za-z](?:'s|s')\s|\b(?:figure|figures|toll|count|tally|estimate|estimates|number)\s*(?:was|is|were|are|:|stood|stands)"
)


def _in_an_aside_of_its_own(folded: str, position: int, with_cue: list[tuple[int, int]]) -> bool:
    """Whether the figure stands in a bracket, holding no cue, that names
    another owner or count before it: the sentence's speaker never gives it."""
    opened = folded.rfind("(", 0, position)
    if opened < 0 or ")" in folded[opened:position] or _within(position, with_cue):
        return False
    return bool(_ASIDE_OWNER.search(folded[opened:position]))


def _names_a_number(text: str) -> bool:
    return bool(re.search(r"\d", text)) or any(
        word in NUMBER_WORDS for word in re.findall(r"[a-z]+", text.lower())
    )


def _within(position: int, brackets: list[tuple[int, int]]) -> bool:
    return any(opened < position < closed for opened, closed in brackets)


def _bracketed_after(
    position: int,
    clauses: list[Clause],
    speaking: list[list[int]],
    outside: list[list[int]],
    brackets: list[tuple[int, int]],
) -> int | None:
    """The speaker of the first attribution in brackets after this figure in
    its clause, when no speaker outside brackets comes before the figure in
    that clause or between it and the bracket ("The army said 12 died
    (police said)" stays the army's)."""
    clause = clauses[_clause_index(clauses, position)]
    later = [span for span in brackets if position < span[0] < clause.end]
    if not later or _within(position, brackets):
        return None
    opened, closed = min(later)
    if any(clause.start <= anchor < opened for positions in outside for anchor in positions):
        return None
    inside = [(anchor, speaker) for speaker, positions in enumerate(speaking) for anchor in positions]
    inside = [item for item in inside if opened < item[0] < closed]
    return min(inside)[1] if inside else None


# From a possessor to its figure: "'s own revised death toll of about ".
_POSSESSED = re.compile(
    r"[^,;.\d]*?(?:'s|s')\s+[^,;.\d]*?\bof\s+(?:about\s+|some\s+|around\s+|at\s+least\s+)?"
    r"|[^,;.\d]*?(?:'s|s')\s+[^,;.\d]*?\b(?:was|is|stood\s+at|stands\s+at)\s+"
    r"(?:about\s+|some\s+|around\s+|at\s+least\s+|more\s+than\s+|nearly\s+)?"
    # "the army's claim that 80 fighters": the first figure of what it claims.
    r"|[^,;.\d]*?(?:'s|s')\s+[a-z]+\s+that\s+[^,;.\d]*?"
)


def owner_of(
    folded: str, position: int, anchors: list[list[int]], backward: frozenset[int], possessive: frozenset[int]
) -> int | None:
    """Whose figure this is by the words around it alone: "<X>'s figure of
    N", "N deaths reported by X"; None when they name no owner."""
    speaker = possessed_by(folded, position, anchors, possessive)
    return speaker if speaker is not None else _reported_by(folded, position, anchors, backward)


def possessed_by(
    folded: str, position: int, anchors: list[list[int]], possessive: frozenset[int]
) -> int | None:
    """The possessor of "<X>'s figure of N", when this figure is that N."""
    for speaker, positions in enumerate(anchors):
        for anchor in positions:
            if anchor in possessive and anchor < position and _POSSESSED.fullmatch(folded[anchor:position]):
                return speaker
    return None


def _reported_by(
    folded: str, position: int, anchors: list[list[int]], backward: frozenset[int]
) -> int | None:
    """The speaker of "reported by X" right after this figure: only the
    figure's own words may stand between ("14 deaths reported by")."""
    after = [
        (anchor, speaker)
        for speaker, positions in enumerate(anchors)
        for anchor in positions
        if anchor in backward and 0 < anchor - position <= BACKWARD_REACH
    ]
    if not after:
        return None
    anchor, speaker = min(after)
    between = folded[position:anchor].split()
    if len(between) > 4 or any(word[:1].isdigit() for word in between[1:]):
        return None
    return speaker


def _clause_owners(clauses: list[Clause], anchors: list[list[int]]) -> list[int | None]:
    """The speaker each clause belongs to: its own cue's, or the clause
    before's when it goes on without a new subject."""
    owners: list[int | None] = [None] * len(clauses)
    for speaker, positions in enumerate(anchors):
        for position in positions:
            index = _clause_index(clauses, position)
            if owners[index] is None:
                owners[index] = speaker
    for index in range(1, len(clauses)):
        clause = clauses[index]
        if owners[index] is None and not (clause.new_subject and (clause.contrast or clause.actor)):
            owners[index] = owners[index - 1]
    # An attribution closing the sentence covers the clauses joined to it by
    # ", and": "Rescuers recovered eight bodies, and 50 people are missing,
    # according to the governor" gives both figures to the governor; not
    # across a clause where another actor speaks ("Doctors counted 45
    # bodies, and the ministry said 30 died").
    for index in range(len(clauses) - 2, -1, -1):
        later = clauses[index + 1]
        if owners[index] is None and not later.contrast and not later.actor:
            owners[index] = owners[index + 1]
    return owners


def _speaker_for_figure(
    position: int, clauses: list[Clause], anchors: list[list[int]], owners: list[int | None]
) -> int | None:
    index = _clause_index(clauses, position)
    clause = clauses[index]
    in_clause = [
        (anchor, speaker)
        for speaker, positions in enumerate(anchors)
        for anchor in positions
        if clause.start <= anchor < clause.end
    ]
    before = [item for item in in_clause if item[0] <= position]
    if before:
        return max(before)[1]
    after = [item for item in in_clause if item[0] > position]
    if after:
        return min(after)[1]
    return owners[index]
