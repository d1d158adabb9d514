"""Sentences with offsets into the document body."""

import re
from dataclasses import dataclass

from .text import CLOSE_QUOTES, OPEN_QUOTES
from .vocabulary import ABBREVIATIONS


@dataclass
class Span:
    start: int
    end: int
    text: str


def split_sentences(body: str) -> list[Span]:
    """Sentences with their offsets. Paragraph breaks always end a sentence; a
    full stop inside a quotation does not, so a quoted exclamation stays with
    the words that introduce it."""
    spans: list[Span] = []
    for paragraph in re.finditer(r"[^\n]+", body):
        spans.extend(_split_paragraph(body, paragraph.start(), paragraph.end()))
    return spans


def _split_paragraph(body: str, start: int, end: int) -> list[Span]:
    spans = []
    sentence_start = start
    in_curly = 0
    in_straight = False
    i = start
    while i < end:
        char = body[i]
        if char in OPEN_QUOTES:
            in_curly += 1
        elif char in CLOSE_QUOTES:
            in_curly = max(0, in_curly - 1)
            if (
                in_curly == 0
                and i > start
                and body[i - 1] in ".!?"
                and _next_starts_sentence(body, i + 1, end)
            ):
                spans.append(_span(body, sentence_start, i + 1))
                sentence_start = i + 1
        elif char == '"':
            if in_straight:
                in_straight = False
                if i > start and body[i - 1] in ".!?" and _next_starts_sentence(body, i + 1, end):
                    spans.append(_span(body, sentence_start, i + 1))
                    sentence_start = i + 1
            else:
                in_straight = True
        elif char in ".!?" and not in_curly and not in_straight:
            if body[i + 1 : i + 2] in ("", " ", "\t") and _next_starts_sentence(body, i + 1, end):
                if not (char == "." and _ends_with_abbreviation(body, sentence_start, i)):
                    spans.append(_span(body, sentence_start, i + 1))
                    sentence_start = i + 1
        i += 1
    if sentence_start < end:
        spans.append(_span(body, sentence_start, end))
    return [span for span in spans if span.text]


def _next_starts_sentence(body: str, position: int, end: int) -> bool:
    rest = body[position:end]
    stripped = rest.lstrip()
    if not stripped:
        return True
    if len(stripped) == len(rest):
        return False  # no space after the stop: "6.8", "U.S."
    first = stripped[0]
    return first.isupper() or first.isdigit() or first in "\"\u201c\u2018'("


def _ends_with_abbreviation(body: str, start: int, stop_position: int) -> bool:
    match = re.search(r"([A-Za-z.]+)$", body[start:stop_position])
    if not match:
        return False
    word = match.group(1).lower().strip(".")
    return word in ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def _span(body: str, start: int, end: int) -> Span:
    text = body[start:end]
    left = len(text) - len(text.lstrip())
    right = len(text.rstrip())
    return Span(start + left, start + right, text.strip())


def is_headline(span: Span) -> bool:
    """A line with no closing punctuation: a headline, dateline or byline."""
    return not re.search(r"[.!?\"\u201d)]$", span.text)


# "This story corrects the toll given by ...", "Correction: an earlier
# version of this article said 41": the outlet's note on its own mistake. The
# figure in it is the one withdrawn, nobody's claim, so the note proposes nothing.
CORRECTION_NOTE = re.compile(
    r"^\(?(?:this\s+(?:story|article|report|version)\s+(?:corrects|has\s+been\s+corrected|was\s+corrected)\b"
    r"|corrects\s|correction\s*:|an?\s+(?:earlier|previous)\s+version\s+of\s+this\s+(?:story|article|report)\b)",
    re.IGNORECASE,
)


def is_correction_note(span: Span) -> bool:
    return CORRECTION_NOTE.match(span.text) is not None


# A row of a table: cells split by tabs or bars ("Deaths: 12 | Injured: 40"),
# or a short label and a number ("Aleppo \u2014 20 dead", "Deaths: 12.").
# Nobody says anything in it: without an attribution of its own its
# figures are someone's the editor must name, never the publication's and
# never the speaker of the line before.
TABLE_CELLS = re.compile(r"\t|\s\|\s")
LABELLED_NUMBER = re.compile(
    r"^[A-Z][\w'\u2019.-]*(?:\s+[\w'\u2019.-]+){0,3}\s*(?:[\u2014\u2013]|--?|:)\s*"
    r"(?:(?:about|some|nearly|around|at\s+least|more\s+than|over)\s+)?\d[\d,.]*"
)
# A few words after the number at most, or cells split by semicolons:
# "KYIV — 12 people were killed in a strike" is a dateline and a sentence.
ROW_TAIL = re.compile(r"(?:\s+\S+){0,3}\s*$")


def is_table_row(text: str) -> bool:
    text = text.strip()
    if TABLE_CELLS.search(text):
        return True
    labelled = LABELLED_NUMBER.match(text)
    short = len(text.split()) <= 10
    return bool(labelled and short and (ROW_TAIL.match(text, labelled.end()) or ";" in text))
