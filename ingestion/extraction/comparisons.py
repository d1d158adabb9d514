"""Figures that compare rather than state: the earlier figure a new one is
measured against, and the difference between them.

"212 cases this week, up from 90 the week before" states 212; the 90 is
the reference it is compared with. "Deaths fell by 14 to 36" states 36; the
14 is a change, not a total. Proposing the 90 or the 14 as what the speaker
claims would put a number in the tracker that nobody gave as the current
count, so neither is proposed: the stated figure carries the comparison as
context (`Figure.compared_with`), and a sentence that gives only a change
("arrests rose by 200") proposes no figure at all.
"""

import re

# Verbs and adverbs of change, in the tenses news copy uses.
CHANGE_WORDS = (
    r"(?:up|down|rise|rises|rising|rose|risen|fall|falls|falling|fell|fallen|increase|increases|increased|"
    r"increasing|decrease|decreases|decreased|decreasing|climb|climbs|climbed|climbing|drop|drops|dropped|"
    r"dropping|jump|jumps|jumped|grow|grows|grew|grown|growing|decline|declines|declined|declining|surge|"
    r"surged|soar|soared|double|doubled|doubling|triple|tripled|halve|halved|revised|raised|lowered|went|gone)"
)
# Said right before a figure, these make it the reference it is compared
# with: "up from 90", "rose from 12 to 30", "compared with 40", "as against
# 70", "fewer than the 15 recorded in May", "twice as many as the 15".
REFERENCE_BEFORE = re.compile(
    r"(?:\b" + CHANGE_WORDS + r"\b[^,.;:!?]{0,40}?\bfrom"
    r"|\bcompared\s+(?:with|to)|\bin\s+comparison\s+(?:with|to)|\bversus|\bvs\.?|\bas\s+against|[,;]\s*against"
    r"|\b(?:more|fewer|less|higher|lower|greater|larger|smaller|bigger)\s+than\s+(?:the|those)"
    r"|\bas\s+(?:many|much|high|large)\s+as\s+(?:the|those)"
    # "revising an earlier figure of 5", "its previous toll of 12": the
    # figure the new one replaces.
    r"|\b(?:an?|the|its|their|his|her)\s+(?:earlier|previous|initial|prior|first|old)\s+"
    r"(?:death\s+)?(?:figure|toll|count|tally|estimate|number)\s+of)"
    r"\s+(?:the\s+)?$"
)
# A difference: "rose by 200", "fell 14 to 36", ", up 1,200 from March", "an
# increase of 6". A percentage after a change verb is the claim itself
# ("prices rose 6 percent"), so percentages are never read as changes.
CHANGE_BEFORE = re.compile(
    r"(?:\b(?:rise|rises|rising|rose|risen|fall|falls|falling|fell|fallen|increase|increases|increased|"
    r"increasing|decrease|decreases|decreased|decreasing|climb|climbs|climbed|drop|drops|dropped|jump|"
    r"jumps|jumped|grow|grows|grew|grown|decline|declines|declined|went\s+up|went\s+down|gone\s+up|"
    r"gone\s+down)(?:\s+by)?"
    r"|(?:[,;(]|\b(?:is|was|are|were|been))\s*(?:up|down)(?:\s+by)?"
    r"|\b(?:an?|the)\s+(?:\w+\s+)?(?:increase|rise|drop|fall|decrease|jump|decline|reduction|surge)\s+of)"
    r"\s+$"
)
# After a figure: "1,200 more than in March", "30 fewer than the night
# before", "4 more had died" (an addition, not a total).
CHANGE_AFTER = re.compile(r"\s*(?:(?:more|fewer|less)\s+than\b|(?:more|fewer|additional|extra)\b)")
# Words after a figure that end a comparison's context.
CONTEXT_END = re.compile(r"[,;:!?]|\.(?:\s|$)")


# "up from 14 deaths reported by the Red Cross": the earlier figure is the
# Red Cross's own claim, credited to it (binding.py), not context.
SOMEONE_ELSES = re.compile(
    r"\s+(?:[a-z'-]+\s+){0,2}(?:reported|given|recorded|counted|announced|cited)\s+by\b"
)


# The word right before a reference or a change: the patterns above run only
# after one of them (every sentence has figures; few compare them).
REFERENCE_LAST = {"from", "with", "to", "versus", "vs", "vs.", "against", "the", "those", "of"}
CHANGE_LAST = {"by", "up", "down", "of"} | set(re.findall(r"[a-z]+", CHANGE_WORDS))


def _last_word(head: str) -> str:
    words = head[-20:].split()
    return words[-1].strip(",;(") if words else ""


# A figure someone expects, not one they count: "the number of dead could
# rise to 300", "is expected to climb to 50", "may reach 1,000", "is set to
# top 2 million". The claim model has no forecast, so it is never proposed
# as the count; it stays as context for a stated figure beside it.
PROJECTION_BEFORE = re.compile(
    r"\b(?:could|may|might|would|will|should|(?:is|are|was|were)\s+(?:expected|likely|set|feared|projected|"
    r"forecast|predicted|tipped|poised|due)\s+to|threatens?\s+to)\s+(?:\w+ly\s+|well\s+|soon\s+|eventually\s+)?"
    r"(?:rise|climb|reach|increase|grow|top|exceed|hit|surpass|double|soar|jump|go\s+up|pass|be\s+as\s+high\s+as"
    r"|be\s+higher\s+than)(?:\s+(?:to|above|beyond|past|over))?"
    r"\s+(?:about\s+|some\s+|around\s+|at\s+least\s+|more\s+than\s+|over\s+|nearly\s+|as\s+many\s+as\s+)?$"
)
PROJECTION_LAST = {"to", "above", "beyond", "past", "over", "as", "than"} | set(
    "reach top exceed hit surpass double pass about some around least more nearly many".split()
)


def comparison_role(lower: str, start: int, end: int, *, percentage: bool) -> tuple[str, int]:
    """How a figure whose text runs from `start` to `end` (qualifier included)
    is used: "" (stated), "reference", "change" or "projection"; and where
    the comparison's words begin, for the context kept with the stated
    figure."""
    head = lower[max(0, start - 80) : start]
    offset = start - len(head)
    last = _last_word(head)
    projection = PROJECTION_BEFORE.search(head) if last in PROJECTION_LAST else None
    if projection:
        return "projection", offset + projection.start()
    if last not in REFERENCE_LAST and last not in CHANGE_LAST:
        return ("change", start) if not percentage and CHANGE_AFTER.match(lower, end) else ("", start)
    reference = REFERENCE_BEFORE.search(head) if last in REFERENCE_LAST else None
    if reference and not SOMEONE_ELSES.match(lower, end):
        return "reference", offset + reference.start()
    if reference:
        return "", start
    if percentage:
        return "", start
    change = CHANGE_BEFORE.search(head) if last in CHANGE_LAST else None
    if change:
        words = change.group(0)
        return "change", offset + change.start() + len(words) - len(words.lstrip(",;( "))
    if CHANGE_AFTER.match(lower, end):
        return "change", start
    return "", start


def starts_a_change(lower: str, start: int) -> bool:
    """ "rose from 12 to 30": the "12 to 30" after a change's "from" is a
    reference and a new figure, not a range."""
    head = lower[max(0, start - 80) : start]
    return _last_word(head) == "from" and bool(REFERENCE_BEFORE.search(head))


def context_text(sentence: str, lower: str, begin: int, end: int) -> str:
    """The comparison as written, from its first word to the end of its
    clause: "up from 90 the week before"."""
    stop = CONTEXT_END.search(lower, end)
    finish = stop.start() if stop else len(sentence)
    return " ".join(sentence[begin:finish].split())[:80]


# Every number, for the context scan (most count nothing on their own: "up
# from 90 the week before").
BARE_NUMBER = re.compile(r"(?<![\w.,])\d[\d,]*(?:\.\d+)?")
PERCENT_AFTER = re.compile(r"\s*(?:%|per\s*cent\b)")


def stated_figures(sentence: str, lower: str, found: list) -> list:
    """The figures a sentence states, without the references and changes
    among them; the stated figure nearest before a comparison (else after it)
    keeps the comparison as written in `compared_with`."""
    stated = [
        figure
        for figure in found
        if not comparison_role(
            lower, figure.end - len(figure.text), figure.end, percentage="percent" in figure.subject
        )[0]
    ]
    if not stated:
        return stated
    compared = []
    for match in BARE_NUMBER.finditer(lower):
        percentage = bool(PERCENT_AFTER.match(lower, match.end()))
        role, begin = comparison_role(lower, match.start(), match.end(), percentage=percentage)
        if role:
            compared.append((match.start(), context_text(sentence, lower, begin, match.end())))
    for position, context in compared:
        before = [f for f in stated if f.start < position]
        owner = before[-1] if before else next((f for f in stated if f.start > position), None)
        if owner is not None and not owner.compared_with:
            owner.compared_with = context
    return stated
