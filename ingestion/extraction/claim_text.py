"""The text of a proposed claim: the sentence without its attribution, or
the clause that states it when several speakers share a sentence."""

import re

from .binding import clauses_of
from .quantities import Figure
from .reading import SentenceReading, SpokenBy


def _claim_text(
    sentence: str, folded: str, cue_start: int | None, cue_end: int | None, according: int | None
) -> str:
    """The claim without its attribution, when that is easy to take off."""
    text = sentence
    quote = re.fullmatch(r'\s*"([^"]{12,})"\s*[,.]?\s*(.*)', folded)
    if quote and quote.group(2) and len(quote.group(2).split()) <= 10:
        text = sentence[quote.start(1) : quote.end(1)].strip(" ,")
    elif according is not None:
        head = sentence[:according].rstrip(" ,")
        tail = re.sub(r"^[^,]*,\s*", "", sentence[according:]) if "," in sentence[according:] else ""
        text = head if len(head.split()) >= 4 else tail or sentence
    elif cue_start is not None:
        after = sentence[cue_end:].strip()
        before = sentence[:cue_start].rstrip()
        said_that = re.match(r"(?:on \w+\s+)?(?:that\s+)(.+)$", after)
        if said_that and len(before.split()) <= 8:
            text = said_that.group(1)
        elif (
            before.endswith(",")
            and len(before.split()) >= 4
            and sentence.rstrip().endswith(("said.", "says.", "said on " + sentence.rsplit(" ", 1)[-1]))
        ):
            text = before.rstrip(",")
    text = text.strip().rstrip(".").strip()
    if len(text) < 12:
        text = sentence.strip()
    return text[:1].upper() + text[1:]


def sentence_text(reading: SentenceReading) -> str:
    text = reading.sentence.strip().rstrip(".").strip()
    return text[:1].upper() + text[1:]


def clause_text(reading: SentenceReading, entry: SpokenBy, figure: Figure | None) -> str:
    """With several speakers in a sentence, each claim is the clause that
    states it ("the hospital put the number at 52"), not the whole sentence."""
    position = figure.start if figure else (entry.anchors[0] if entry.anchors else 0)
    clauses = clauses_of(reading.folded)
    clause = next((c for c in clauses if position < c.end), clauses[-1])
    text = reading.sentence[clause.start : clause.end].strip(" ,;.")
    if len(text.split()) < 3:
        return claim_text_for(reading)
    return text[:1].upper() + text[1:]


def claim_text_for(reading: SentenceReading) -> str:
    first_cue = next((s.cue for s in reading.spoken if s.cue is not None), None)
    according = reading.according
    return _claim_text(
        reading.sentence,
        reading.folded,
        first_cue.start if first_cue else None,
        first_cue.end if first_cue else None,
        according[1] if according is not None and (reading.according_used or reading.spoken) else None,
    )
