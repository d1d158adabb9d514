"""Counted figures in a sentence: value, qualifier and what is counted."""

import re
from dataclasses import dataclass

from .comparisons import starts_a_change, stated_figures
from .figure_subjects import percent_subject, subject_after, subject_around
from .figure_words import (
    AUX_BEFORE_PARTICIPLE,
    INVARIANT_PLURALS,
    NOUN_PHRASE_STOPS,
    NUMBER_WORDS,
    QUALIFIER_PHRASES,
    SCALES,
    TIME_UNITS,
    VAGUE_AMOUNTS,
    qualifier_before,
)
from .lexicon import Lexicon
from .money import money_amounts
from .sentences import is_table_row
from .text import FOLD

# The word lists moved to figure_words.py and the subject rules to
# figure_subjects.py; the lists stay importable from here.
__all__ = [
    "AUX_BEFORE_PARTICIPLE",
    "INVARIANT_PLURALS",
    "NOUN_PHRASE_STOPS",
    "NUMBER_WORDS",
    "QUALIFIER_PHRASES",
    "SCALES",
    "TIME_UNITS",
    "VAGUE_AMOUNTS",
    "Figure",
    "find_figures",
]


@dataclass
class Figure:
    value_low: int
    value_high: int
    qualifier: str
    subject: str
    text: str
    start: int = 0  # where the number begins in the sentence (after any qualifier)
    end: int = 0
    # The earlier figure or the change this one is compared with, as written
    # ("up from 90 the week before"): context, never a figure of its own.
    compared_with: str = ""

    @property
    def as_written(self) -> str:
        """The figure as the reviewer should read it: "212, up from 90"."""
        return f"{self.text}, {self.compared_with}" if self.compared_with else self.text


def _word_number(tokens: list[str]) -> tuple[int, int] | None:
    """'two hundred' -> (200, 2); 'twenty-five' -> (25, 1). Returns (value, tokens used)."""
    total, current, used = 0, 0, 0
    for token in tokens:
        word = token.lower()
        if "-" in word and all(part in NUMBER_WORDS for part in word.split("-")):
            current += sum(NUMBER_WORDS[part] for part in word.split("-"))
        elif word in NUMBER_WORDS:
            current += NUMBER_WORDS[word]
        elif word in SCALES and used:
            current = max(current, 1) * SCALES[word]
            if SCALES[word] >= 1000:
                total, current = total + current, 0
        else:
            break
        used += 1
    if not used:
        return None
    return total + current, used


NUMBER_TOKEN = re.compile(
    r"(?<![\w.,-])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s+(million|billion|thousand|hundred))?(?![\w-])"
    r"|(?<![\w-])((?:(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|"
    r"eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?)(?:\s+(?:hundred|thousand|"
    r"million|billion))*)(?![\w-])",
    re.IGNORECASE,
)
VAGUE_TOKEN = re.compile(
    r"\b(" + "|".join(re.escape(phrase) for phrase, _, _ in VAGUE_AMOUNTS) + r")\b", re.IGNORECASE
)
RANGE_TOKEN = re.compile(
    r"\bbetween\s+(\d[\d,]*)\s+and\s+(\d[\d,]*)\b|\b(\d[\d,]*)\s*(?:-|–|to)\s*(\d[\d,]*)\b", re.IGNORECASE
)


def _to_int(text: str) -> int:
    return int(text.replace(",", ""))


def find_figures(sentence: str, lexicon: Lexicon) -> list[Figure]:
    """Counted figures in a sentence, in order: value, qualifier and what is counted.

    Ranges are read first, then vague amounts, then single numbers, each
    skipping text an earlier reading already took ("between 20 and 30" is one
    range, not two numbers)."""
    folded = sentence.translate(FOLD)
    found: list[Figure] = []
    for finder in (_money, _ranges, _vague_amounts, _numbers):
        for figure, end in finder(sentence, folded, lexicon):
            if not any(figure.start < other.end and other.start < end for other in found):
                figure.end = end
                found.append(figure)
    found.sort(key=lambda figure: figure.start)
    # A reference or a change ("up from 90", "by 14") is context for the
    # stated figure, not a figure (comparisons.py).
    return stated_figures(sentence, folded.lower(), _with_elliptical_subjects(found))


def _money(sentence: str, folded: str, _lexicon: Lexicon):
    for amount in money_amounts(folded):
        qualifier, qualifier_start = qualifier_before(folded, amount.start)
        start = qualifier_start if qualifier_start is not None else amount.start
        figure = Figure(
            amount.value,
            amount.value,
            qualifier or "exact",
            amount.subject,
            sentence[start : amount.end],
            amount.number_start,
        )
        yield figure, amount.end


def _ranges(_sentence: str, folded: str, lexicon: Lexicon):
    for match in RANGE_TOKEN.finditer(folded):
        groups = [g for g in match.groups() if g]
        low, high = _to_int(groups[0]), _to_int(groups[1])
        if low >= high or _looks_like_year(folded, match.start(), groups[0]):
            continue
        if starts_a_change(folded.lower(), match.start()):
            continue  # "rose from 12 to 30": 12 is the reference, 30 the figure
        subject = subject_around(folded, match.start(), match.end(), lexicon)
        if subject is not None:
            yield Figure(low, high, "range", subject, match.group(0), match.start()), match.end()


def _vague_amounts(sentence: str, folded: str, lexicon: Lexicon):
    for match in VAGUE_TOKEN.finditer(folded):
        phrase = match.group(1).lower()
        low, high = next((lo, hi) for p, lo, hi in VAGUE_AMOUNTS if p == phrase)
        subject = subject_after(folded, match.end(), lexicon, vague=True)
        if subject is None:
            continue
        qualifier = "about" if low == high else "range"
        text, start = match.group(0), match.start()
        hedge, hedge_start = qualifier_before(folded, match.start())
        if hedge is not None and low == high:
            # "under a dozen" is at most 12; a vague range keeps its own bounds.
            qualifier, text = hedge, sentence[hedge_start : match.end()]
        yield Figure(low, high, qualifier, subject, text, start), match.end()


def _number_value(folded: str, match: re.Match) -> tuple[int, int] | None:
    """The value of a digit or word number, or None when it is not a count
    (a year, a label such as "Camp 4")."""
    if match.group(1):
        raw = match.group(1)
        if _looks_like_year(folded, match.start(), raw) or _is_part_of_a_name(folded, match.start()):
            return None
        number = float(raw.replace(",", ""))
        if match.group(2):
            number *= SCALES[match.group(2).lower()]
        return int(number), int(number) if number == int(number) else int(number) + 1
    parsed = _word_number(match.group(3).split())
    return None if parsed is None else (parsed[0], parsed[0])


def _refers_back(folded: str, match: re.Match) -> bool:
    """ "The two countries", "the three men": a small number after a definite
    determiner points at things already known; it is not a figure anyone
    claims."""
    if not match.group(3):
        return False
    words = folded[: match.start()].lower().split()
    return (
        bool(words)
        and words[-1] in {"the", "these", "those", "both"}
        and NUMBER_WORDS.get(match.group(3).split()[0].lower(), 99) < 10
    )


# "3 of the 12 hostages were freed": the figure is 3, counting what the
# whole counts; the 12 is how many there were, not a second claim of freed
# hostages.
# "2 of the dam's 6 turbines were damaged", "two of Dravik's six
# turbines": a possessor may stand before the whole; the part may be a word.
_PART_NUMBER = r"(?:\d[\d,]*|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
_BEFORE_WHOLE = (
    r"\s+of\s+(?:the\s+|its\s+|their\s+|those\s+)?(?:(?:[a-z\-]+\s+){0,2}?[A-Za-z\-]+(?:'s|s')\s+)?"
)
PART_OF = re.compile(_BEFORE_WHOLE + r"(?P<whole>" + _PART_NUMBER + r")\b", re.IGNORECASE)
WHOLE_AFTER_PART = re.compile(r"(?<![\w-])" + _PART_NUMBER + _BEFORE_WHOLE + r"$", re.IGNORECASE)


def _numbers(sentence: str, folded: str, lexicon: Lexicon):
    for match in NUMBER_TOKEN.finditer(folded):
        value = _number_value(folded, match)
        if value is None or _refers_back(folded, match):
            continue
        low, high = value
        whole = PART_OF.match(folded, match.end())
        if WHOLE_AFTER_PART.search(folded[max(0, match.start() - 50) : match.start()]):
            continue  # "3 of the 12 hostages were freed": the 12 is the whole, not what was freed
        subject = percent_subject(folded, match) or subject_around(
            folded,
            whole.start("whole") if whole else match.start(),
            whole.end("whole") if whole else match.end(),
            lexicon,
        )
        qualifier, qualifier_start = qualifier_before(folded, match.start())
        start = qualifier_start if qualifier_start is not None else match.start()
        cell = subject is None and _table_cell(folded, start, match.end())
        subject = subject or (cell and _row_label(folded, start)) or None
        if subject is None and not cell and not ELLIPTICAL_AFTER.match(folded, match.end()):
            continue
        if subject is None and not cell and not _elliptical(folded, start):
            continue
        if qualifier is None:
            qualifier = "exact" if low == high else "range"
        text = sentence[start : match.end()]
        yield Figure(low, high, qualifier, subject or "", text, match.start()), match.end()


# "The army said 20 soldiers died, but the monitors said 200.": a number
# closing a reported clause counts what the sentence's figure before it
# counts.
ELLIPTICAL_BEFORE = re.compile(
    r"\b(?:said|says|say|estimated|reported|counted|claimed|put\s+(?:it|them|the\s+(?:[a-z]+\s+){0,3}?[a-z]+)\s+at)\s+$"
)
# "... — the police said 20 — and ...": a dash closing an aside ends it too.
ELLIPTICAL_AFTER = re.compile(r"\s*(?:[.;!?]|,\s|\s(?:[\u2014\u2013]|--)\s|$)")


# A number alone in a cell of a table row ("Deaths: 40 (UN); 55
# (ministry)"): it counts what its row's label or the cell before counts.
CELL_BEFORE = re.compile(r"(?:^|[;|\t:])\s*$")
CELL_AFTER = re.compile(r"\s*(?:\([^()\d]*\))?\s*(?:[;|\t]|\.?$)")
ROW_LABEL = re.compile(r"(?:^|[;|\t])\s*(?P<label>[A-Za-z]+):\s*$")
# Labels that say what a row counts.
COUNT_LABELS = {
    "deaths", "dead", "killed", "injured", "wounded", "hurt", "missing", "displaced", "arrested",
    "evacuated", "homeless", "casualties", "detained", "rescued",
}  # fmt: skip


def _table_cell(folded: str, start: int, end: int) -> bool:
    return bool(CELL_BEFORE.search(folded[:start]) and CELL_AFTER.match(folded, end) and is_table_row(folded))


def _row_label(folded: str, start: int) -> str | None:
    label = ROW_LABEL.search(folded[:start])
    return label.group("label").lower() if label and label.group("label").lower() in COUNT_LABELS else None


def _elliptical(folded: str, start: int) -> bool:
    return bool(ELLIPTICAL_BEFORE.search(folded[max(0, start - 60) : start].lower()))


def _with_elliptical_subjects(found: list[Figure]) -> list[Figure]:
    """A figure read as elliptical takes the subject of the figure before it
    in the sentence; with none before it, it counts nothing and is dropped."""
    kept: list[Figure] = []
    for figure in found:
        if not figure.subject:
            earlier = next((f for f in reversed(kept) if f.subject), None)
            if earlier is None:
                continue
            figure.subject = earlier.subject
        kept.append(figure)
    return kept


def _looks_like_year(folded: str, start: int, raw: str) -> bool:  # noqa: ARG001
    if "," in raw or "." in raw or not raw.isdigit():
        return False
    value = int(raw)
    if not 1800 <= value <= 2100:
        return False
    # A bare four-digit number in this range is read as a year ("since 2021",
    # "a 2019 agreement"); counts that large are written with a comma.
    return True


def _is_part_of_a_name(folded: str, start: int) -> bool:
    """'Camp 4', 'Route 7', 'Article 5': a number that labels, not counts
    ("her rival Pavel Dorn 39 percent" counts)."""
    if re.match(r"[\d,.]+\s*(?:percent|per cent|%)", folded[start : start + 20]):
        return False
    before = folded[:start].rstrip().split()
    if len(before) >= 2 and before[-2].lower() in {"told", "tells", "telling"}:
        return False  # "told AFP 18 people died": who heard it, then the count
    if len(before) == 1:
        # Opening the sentence, a capital is no sign of a name ("Some 30
        # people"): only a word that labels ("Route 7 was closed").
        return before[0].lower() in LABEL_NOUNS
    return len(before) >= 2 and before[-1][:1].isupper() and before[-1].isalpha()


LABEL_NOUNS = frozenset(
    """route road highway camp district zone sector block gate building article resolution section chapter
    phase ward unit platform terminal runway pier flight tower hall room floor station line bus checkpoint
    """.split()
)
