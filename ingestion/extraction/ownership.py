"""The parts of a sentence that are not a speaker's own claim: a proposition
the speaker denies, the scene the publication describes, the numbers that
count the speakers themselves or sit in a clause describing one, and an
attribution standing in a clause of its own."""

import re

from .agents import is_denial
from .binding import clauses_of, owner_of
from .quantities import Figure
from .reading import SentenceReading
from .text import quote_spans
from .vocabulary import PASSIVE_AUXILIARIES


def denials_in(reading: SentenceReading) -> list[tuple[int, int, int]]:
    """(speaker index, start, end) of each denied proposition: from a denial
    cue's end to the next cue in the sentence (", saying ...", "and said
    ...": the denier's own words again), or the sentence's end."""
    found = []
    all_anchors = sorted(a for entry in reading.spoken for a in entry.anchors)
    for cue in reading.cues:
        if not is_denial(cue.verb, reading.lower):
            continue
        owner = next((i for i, e in enumerate(reading.spoken) if cue.start in e.anchors), None)
        if owner is None:
            continue
        # "denied claims that ...": a cue word right after the denial is
        # what is denied, not the denier speaking again; after a comma
        # ("denied this, saying ...") it is the denier speaking again.
        end = next(
            (
                a
                for a in all_anchors
                if a > cue.start
                and (len(reading.folded[cue.end : a].split()) > 2 or "," in reading.folded[cue.end : a])
            ),
            len(reading.folded),
        )
        if disputes_what_came_before(cue):
            # "Eighteen were detained, a figure the army disputed": what is
            # denied stands before the phrase, back to the cue before it.
            ends = [c.end for c in reading.cues if c.end <= cue.speaker_start]
            if reading.according is not None and reading.according[2] <= cue.speaker_start:
                ends.append(reading.according[2])
            found.append((owner, max(ends, default=0), cue.speaker_start))
        elif _passive(reading.folded, cue.start):
            # "The toll of 45 was disputed by doctors": what is denied stands
            # before the verb, back to the cue before it.
            start = max(
                (c.end for c in reading.cues if c.end <= cue.start and not c.owns_figure_only), default=0
            )
            found.append((owner, start, cue.start))
        elif end > cue.end:
            found.append((owner, cue.end, end))
    return found


# "..., a figure the army disputed", "a claim rebels rejected as false": the
# cue's speaker refers back to what was said before it.
REFERRING_BACK = re.compile(
    r"(?i)^(?:an?|the|that)\s+(?:figure|claim|number|toll|account|version|estimate|count|label)\s"
)


def disputes_what_came_before(cue) -> bool:
    """Whether a denial's speaker phrase opens with "a figure", "a claim"
    ...: the speaker disputes a figure given before it and states nothing."""
    return bool(REFERRING_BACK.match(cue.speaker or ""))


def _passive(folded: str, position: int) -> bool:
    before = folded[:position].split()
    return bool(before) and before[-1].lower() in PASSIVE_AUXILIARIES


def in_a_clause_of_its_own(reading: SentenceReading) -> bool:
    """'According to the ministry, 45 people were killed, while medics said
    at least 60 died': the ministry speaks in its own clause; it did not
    relay the medics' words."""
    clauses = clauses_of(reading.folded)

    def index(position: int) -> int:
        return next((i for i, c in enumerate(clauses) if position < c.end), len(clauses) - 1)

    own = index(reading.according[1])
    return all(index(anchor) != own for entry in reading.spoken for anchor in entry.anchors)


def figures_describing_the_scene(reading: SentenceReading) -> list[Figure]:
    """'"We are winning," the leader told a rally attended by several
    thousand people': the speaker said the quoted words; a figure after the
    cue and outside the quotation is the publication's description."""
    quotes = quote_spans(reading.folded)
    if not quotes or not reading.spoken:
        return []
    # Only a quotation closing on its own punctuation ('"...," the leader
    # told'), not scare quotes ('the army said "dozens" of militants died;
    # the militants said they lost 3 men': the 3 is the militants').
    closing = [end for _, end in quotes if end >= 2 and reading.folded[end - 2] in ",.!?"]
    after_quote = [
        anchor
        for entry in reading.spoken
        for anchor in entry.anchors
        if any(0 <= anchor - end <= 60 and ";" not in reading.folded[end:anchor] for end in closing)
    ]
    if not after_quote:
        return []
    first_cue = min(after_quote)
    later_cues = [a for entry in reading.spoken for a in entry.anchors if a > first_cue]
    return [
        figure
        for figure in reading.figures
        if figure.start > first_cue
        and not any(start < figure.start < end for start, end in quotes)
        # '..., the commander said, adding that 30 were wounded': said by him.
        and not any(cue < figure.start for cue in later_cues)
    ]


# Words that introduce a place's size in an apposition or a "where" clause:
# "Avdiivka, a town of 30,000 people", "the camp, home to 45,000 refugees",
# "Kharkiv, a city with 1.4 million residents", "where 300,000 people live".
PLACE_SIZE = re.compile(
    r",[^,;]{0,60}?\b(?:(?:town|city|village|country|nation|region|province|island|camp|enclave|territory|"
    r"neighbou?rhood|suburb|port|capital|municipality|district)\s+(?:of|with)|home\s+to|population\s+of|where)\s+"
    r"(?:about\s+|some\s+|around\s+|nearly\s+|roughly\s+|more\s+than\s+|an\s+estimated\s+|over\s+)?$"
)


def figures_describing_a_place(reading: SentenceReading) -> list[Figure]:
    """ "The army said it had retaken Avdiivka, a town of 30,000 people
    before the war": how big a place is, set beside it by the publication,
    is background, not what the speaker said; proposed in the publication's
    voice, never credited to the speaker."""
    found = []
    for figure in reading.figures:
        number_start = figure.start
        head = reading.lower[max(0, number_start - 120) : number_start]
        if PLACE_SIZE.search(head):
            found.append(figure)
    return found


def figures_describing_a_speaker(reading: SentenceReading) -> list[Figure]:
    """'A spokesman for the coalition, which has carried out 300 strikes,
    said 12 civilians died': the clause describing the speaker is the
    publication's background, not what the speaker said. Its figures are
    the publication's own, never the speaker's."""
    ranges = []
    anchors = [anchor for entry in reading.spoken for anchor in entry.anchors]
    for entry in reading.spoken:
        description = entry.cue.description.strip(" ,") if entry.cue is not None else ""
        if not description:
            continue
        position = reading.folded.rfind(description, 0, entry.cue.start)
        # "The mayor, who said last week that 300 homes were destroyed,
        # told ...": a description in which someone speaks is a claim.
        if position != -1 and not any(position <= a < position + len(description) for a in anchors):
            ranges.append((position, position + len(description)))
    return [figure for figure in reading.figures if any(a <= figure.start < b for a, b in ranges)]


# A description of the speaker that opens by relating it to someone else's
# words: "The company, disputing the 400 job losses, said ...".
OTHERS_WORDS = re.compile(
    r"(?i)^\s*(?:disputing|contradicting|rejecting|denying|questioning|challenging|dismissing|citing|"
    r"quoting|echoing|repeating|responding\s+to|reacting\s+to|asked\s+about)\b"
)


def figures_others_gave_in_a_description(reading: SentenceReading) -> list[Figure]:
    """The figures of a description of the speaker in which it disputes,
    cites or echoes someone ("The company, disputing the 400 job losses,
    said it would cut 150 posts"): someone's figure, not the publication's
    background nor the speaker's own."""
    found = []
    for entry in reading.spoken:
        description = entry.cue.description.strip(" ,") if entry.cue is not None else ""
        if not OTHERS_WORDS.match(description):
            continue
        position = reading.folded.rfind(description, 0, entry.cue.start)
        if position != -1:
            found += [f for f in reading.figures if position <= f.start < position + len(description)]
    return found


def figures_outside_speakers(reading: SentenceReading) -> list[Figure]:
    """A number inside the speaker's own description ("two residents", "Two
    police officers who asked not to be named") counts speakers, not what
    they claim."""
    speaker_ranges = [
        (s.cue.speaker_start, s.cue.start)
        for s in reading.spoken
        if s.cue is not None and s.cue.speaker_start is not None
    ]
    if reading.according is not None:
        speaker_ranges.append((reading.according[1], reading.according[2]))
    for entry in reading.spoken:
        # "Two officials, speaking on condition of anonymity, said ...": the
        # speaker's own words wherever they stand before the cue.
        position = reading.folded.find(entry.raw) if entry.raw else -1
        if position != -1 and entry.anchors and position < entry.anchors[0]:
            speaker_ranges.append((position, position + len(entry.raw)))
    return [f for f in reading.figures if not any(a <= f.start < b for a, b in speaker_ranges)]


def figures_denied(
    reading: SentenceReading,
    denials: list[tuple[int, int, int]],
    described: list[Figure],
    anchors,
    possessive,
    backward=frozenset(),
) -> list[Figure]:
    """The figures inside a denied proposition ("denied reports that 30
    people died"): what the denier says is false, never the denier's own
    figure, so they are proposed unbound for the editor to credit. A figure
    given as someone's ("disputed the ministry's figure of 45") stays its
    owner's (cues.FIGURE_OF), and so does one given as reported by someone
    ("denied that the 30 deaths reported by medics ...")."""
    return [
        figure
        for figure in reading.figures
        if figure not in described
        and any(
            start <= figure.start < end and not _stated_before(reading, figure, owner, end)
            for owner, start, end in denials
        )
        and owner_of(reading.folded, figure.start, anchors, backward, possessive) is None
    ]


def _stated_before(reading: SentenceReading, figure: Figure, denier: int, end: int) -> bool:
    """ "The union said 18 were detained, a figure the army disputed": the
    18 the army disputes is the union's, which speaks before it."""
    if not REFERRING_BACK.match(reading.folded[end:]):
        return False
    return any(
        anchor < figure.start
        for index, entry in enumerate(reading.spoken)
        if index != denier
        for anchor in entry.anchors
    )


# "When asked whether 150 prisoners had escaped", "Asked about the 40 tonnes
# reported by local media", "pressed on how many of the 200 fans ...": the
# question put to the speaker, up to the end of its clause.
QUESTION = re.compile(
    r"(?i)\b(?:asked|pressed|questioned)\s+(?:(?:about|on|over|whether|if|how|why|what|when|where|to\s+"
    r"(?:confirm|comment\s+on|explain|say))\b)[^,;:]*"
)


def figures_in_a_question(reading: SentenceReading) -> list[Figure]:
    """The figures of a question put to the speaker ("Asked whether 150
    prisoners had escaped, a spokesman declined to comment"): what the
    speaker was asked about is nobody's claim, least of all the one who
    answers (a figure the question gives as someone's, "the 40 tonnes
    reported by local media", stays its owner's: proposals.py)."""
    spans = [(m.start(), m.end()) for m in QUESTION.finditer(reading.folded)]
    anchors = sorted(a for entry in reading.spoken for a in entry.anchors)
    found = []
    for figure in reading.figures:
        for start, end in spans:
            # The question ends where someone speaks after it.
            end = min([a for a in anchors if a > start] + [end])
            if start < figure.start < end:
                found.append(figure)
                break
    return found


# "the ministry had not recorded 31 deaths", "she never saw 40 bodies": a
# count or a statement of a figure that the sentence says did not happen.
# The figure is no one's claim (often another party's, denied), so it goes
# to the editor unbound. Only verbs of counting, finding or saying: "could
# not reach 30 villages" counts villages.
NEGATED_COUNT = re.compile(
    r"(?:\bnot|\bnever|n't)\s+(?:yet\s+|even\s+|been\s+|officially\s+|independently\s+)?"
    r"(?:say|said|record|recorded|count|counted|see|seen|saw|confirm|confirmed|find|found|report|reported|"
    r"register|registered|verify|verified|give|given|gave|claim|claimed|estimate|estimated|accept|accepted)"
    r"\s+(?:the\s+|all\s+|about\s+|some\s+|around\s+|nearly\s+|more\s+than\s+|at\s+least\s+|"
    r"as\s+many\s+as\s+|anything\s+like\s+)?$"
)


def figures_negated(reading: SentenceReading) -> list[Figure]:
    """The figures right after a negated verb of counting or saying, in what
    a cue before them reports ("The minister did not say 40 ..., the
    spokesman said" is left to the rules for a negated cue)."""
    lower = reading.folded.lower()
    return [
        f
        for f in reading.figures
        if NEGATED_COUNT.search(lower[max(0, f.start - 60) : f.start])
        and any(cue.end <= f.start for cue in reading.cues)
    ]
