"""What the rules find in one sentence before it becomes candidates: its
cues, figures and framing, who speaks in it, and the kind and form of the
claim it carries."""

import re
from dataclasses import dataclass, field

from .cues import Cue, according_to, find_cues
from .lexicon import Lexicon, term_pattern
from .matching import KnownSource
from .quantities import Figure, find_figures
from .sentences import Span
from .text import fold, normalise_name, quote_spans

TERRITORY_WORDS = re.compile(
    r"\b(control|controls|captured|seized|retreat|retreated|withdrew|withdrawal|entry|entered|"
    r"positions|held|advance|advanced|took over|fell|recaptured|limited to|encircled)\b"
)
FRAMING_PATTERN = re.compile(
    r"\b(framed|framing|described|describing|called|calling|characterised|characterized|branded|"
    r"labelled|labeled)\b[^.;]{0,80}?\b(as|it)\b"
)


def _framing_terms(lower: str, lexicon: Lexicon) -> list[str]:
    found = []
    for term in lexicon.framing_terms:
        if term in lower and term_pattern(r"(?<![\w\-])", term, r"(?![\w\-])").search(lower):
            if not any(term in longer for longer in found):
                found.append(term)
    return found


def kind_hint(name: str, lexicon: Lexicon) -> str:
    lower = normalise_name(name)
    for term, kind in lexicon.source_kind_hints:
        if term in lower and term_pattern(r"\b", term, r"\b").search(lower):
            return kind
    return ""


def is_only_quote(folded: str) -> bool:
    return bool(re.fullmatch(r'\s*"[^"]+"\s*', folded))


def has_direct_quote(folded: str) -> bool:
    """A quotation of someone's words, not scare quotes around a term: five
    words or more, or words ending in punctuation ("We will return,")."""
    for start, end in quote_spans(folded):
        inner = folded[start + 1 : end - 1].strip()
        if len(inner.split()) >= 5 or (len(inner.split()) >= 2 and inner[-1:] in ",.!?"):
            return True
    return False


@dataclass
class SpokenBy:
    """Someone who speaks in a sentence: the name shown, the matched source,
    the cue and the phrase as written."""

    name: str
    source: KnownSource | None
    verb: str
    cue: Cue | None = None
    raw: str = ""
    about: str = ""  # "a teacher who fled": helps guess a new source's kind
    anchors: list[int] = field(default_factory=list)  # where this speaker's cues are in the sentence
    similar: KnownSource | None = None  # a new source whose name is close to this existing one
    group: int | None = None  # speakers of one joint statement share it (joint.py)
    # Someone speaks here but the words cannot say who: the figures are
    # proposed unbound, credited to nobody (joint_binding.py).
    unknown: bool = False


@dataclass
class SentenceReading:
    """What the rules found in one sentence, before it becomes candidates."""

    span: Span
    folded: str
    lower: str
    cues: list[Cue]
    according: tuple[str, int, int] | None
    figures: list[Figure]
    anonymous: bool
    statement: bool
    direct_quote: bool
    framing: list[str]
    spoken: list[SpokenBy] = field(default_factory=list)
    relay_text: str = ""
    according_used: bool = False
    # A cue whose speaker could not be found: its figures are someone's,
    # not the publication's, so they are proposed unbound.
    unresolved_speaker: bool = False
    # In a list after a line ending in ":", that line's speakers (proposals.py).
    list_speakers: list[SpokenBy] | None = None

    @property
    def sentence(self) -> str:
        return self.span.text


def read_sentence(span: Span, lexicon: Lexicon) -> SentenceReading:
    sentence = span.text
    folded = fold(sentence)
    lower = folded.lower()
    return SentenceReading(
        span=span,
        folded=folded,
        lower=lower,
        cues=find_cues(folded, lower, lexicon),
        according=according_to(folded, lower, lexicon),
        figures=find_figures(sentence, lexicon),
        anonymous=any(marker in lower for marker in lexicon.anonymity_markers),
        statement=any(
            m in lower and term_pattern(r"\b", m, r"\b").search(lower) for m in lexicon.statement_markers
        ),
        direct_quote=has_direct_quote(folded),
        framing=_framing_in(folded, lower, lexicon),
    )


def _framing_in(folded: str, lower: str, lexicon: Lexicon) -> list[str]:
    framing = _framing_terms(lower, lexicon)
    if FRAMING_PATTERN.search(lower):
        framed = re.search(r'\bas\s+(?:a\s+|an\s+)?"([^"]{2,60})"', folded) or re.search(
            r'\b(?:calling|called)\s+(?:it|them|the \w+)\s+"([^"]{2,60})"', folded
        )
        if framed and framed.group(1).lower() not in framing:
            framing.append(framed.group(1).lower())
    return framing


def claim_kind(reading: SentenceReading, figure: Figure | None) -> str:
    if figure:
        return "figure"
    if reading.framing and FRAMING_PATTERN.search(reading.lower):
        return "framing"
    if TERRITORY_WORDS.search(reading.lower):
        return "territory"
    return "other"


def claim_form(reading: SentenceReading, entry: SpokenBy) -> str:
    if not entry.name:
        return "paraphrase"
    # An unnamed source stays anonymous however it is introduced: "according
    # to an official who spoke on condition of anonymity" is anonymous.
    if reading.anonymous:
        return "anonymous"
    if entry.verb == "according to":
        return "according_to"
    if reading.direct_quote or is_only_quote(reading.folded):
        return "direct_quote"
    if reading.statement or entry.verb in STATEMENT_VERBS:
        return "statement"
    return "paraphrase"


STATEMENT_VERBS = ("released a statement", "issued a statement")
