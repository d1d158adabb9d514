"""Cleaning a speaker phrase and remembering who has spoken."""

import re

from .figure_words import NUMBER_WORDS
from .lexicon import Lexicon
from .matching import KnownSource
from .text import fold, normalise_name
from .vocabulary import AUXILIARIES, DETERMINERS, NOT_SPEAKERS, ORGANISATION_WORDS, PERSON_TITLES, TITLES

# Words after which a capitalised run is still part of one name ("Ministry
# of Defence", "Doctors for Peace"), not a person named after a role.
NAME_JOINERS = {"of", "for", "and", "the", "de", "al", "on", "in", "at", "with", "from", "by"}


def clean_speaker(phrase: str, lexicon: Lexicon) -> str:
    """'A government official who asked not to be named' -> 'government official';
    'Opposition leader Sana Vell' -> 'Sana Vell'; 'Colonel Idris Kano' -> 'Idris Kano'."""
    words = _strip_descriptions(phrase, lexicon).split()
    # Strip trailing adverbs and auxiliaries ("officials have", "police also").
    while words and words[-1].lower() in AUXILIARIES:
        words.pop()
    while words and words[0].lower() in DETERMINERS:
        words.pop(0)
    words = _name_after_role(words)
    while (
        len(words) > 1
        and words[0].lower().strip(".") in {t.strip(".") for t in TITLES}
        and words[1][:1].isupper()
    ):
        words.pop(0)
    return " ".join(_name_after_person_title(words)).strip(" ,;:'")


def _strip_descriptions(phrase: str, lexicon: Lexicon) -> str:
    phrase = fold(phrase).strip(" ,;:\"'")
    phrase = re.sub(r"^[\"']+|[\"']+$", "", phrase).strip()
    for marker in lexicon.anonymity_markers:
        if marker in phrase.lower():
            phrase = re.sub(r",?\s*(who\s+)?" + re.escape(marker) + r".*$", "", phrase, flags=re.IGNORECASE)
    # "..., a figure the army disputed": the army.
    phrase = re.sub(
        r"(?i)^(?:an?|the|that)\s+(?:figure|claim|number|toll|account|version|estimate|count)\s+(?:that\s+)?"
        r"(?=(?:the|its|their)\s+\w)",
        "",
        phrase,
    )
    phrase = re.sub(r"\s+(who|which|that)\s+.*$", "", phrase)
    # "a survey published on Friday by the Delmar Institute": who made it.
    made_by = re.match(
        r"(?i)^(?:an?\s+|the\s+)?(?:new\s+|latest\s+)?(?:survey|poll|study|report|count|statement|analysis)"
        r"\s+(?:[\w,]+\s+){0,5}?by\s+(.+)$",
        phrase,
    )
    if made_by:
        phrase = made_by.group(1)
    # "two villagers reached by phone" -> "two villagers"
    phrase = re.sub(r"\s+(?:reached|contacted|interviewed|speaking)\s+(?:by|to|on|from)\b.*$", "", phrase)
    # "the authority's figures", "local council figures", "the company's
    # annual report" -> the authority, the local council, the company: who
    # keeps the figures is the speaker.
    phrase = re.sub(
        r"(?:'s)?\s+(own\s+)?((?:annual|latest|official|new|daily|weekly|monthly)\s+)?"
        r"(figures|data|count|tally|records|estimates?|statistics|numbers|toll|list|reports?|survey)$",
        "",
        phrase,
    )
    # "the territory's health ministry", "the city's emergency service": a
    # common-noun owner only says where; the speaker is what follows.
    return re.sub(r"^(?:[Tt]he\s+)?[a-z]+'s\s+(?=\S+\s*\S)", "", phrase)


def _name_after_role(words: list[str]) -> list[str]:
    """A name after a lower-case role: "Opposition leader Sana Vell"."""
    run: list[str] = []
    for word in reversed(words):
        if not word[:1].isupper():
            break
        run.insert(0, word)
    if run and len(run) < len(words):
        previous = words[len(words) - len(run) - 1].lower()
        if previous not in NAME_JOINERS and previous.isalpha():
            return run
    return words


def _name_after_person_title(words: list[str]) -> list[str]:
    """ "Transport Minister Elena Vaz" -> "Elena Vaz"."""
    for index in range(len(words) - 2, 0, -1):
        tail = words[index + 1 :]
        if (
            words[index].lower() in PERSON_TITLES
            and 2 <= len(tail) <= 3
            and all(w[:1].isupper() for w in tail)
            and not any(w.lower() in ORGANISATION_WORDS for w in tail)
        ):
            return tail
    return words


def is_name(phrase: str) -> bool:
    words = [w for w in fold(phrase).strip(" ,").split() if w.lower() not in DETERMINERS]
    return bool(words) and all(w[:1].isupper() for w in words) and len(words) <= 5


def plausible_speaker(phrase: str) -> bool:
    words = phrase.split()
    if not words or len(words) > 9:
        return False
    first = words[0].lower()
    if first in NOT_SPEAKERS or first in NUMBER_WORDS and len(words) == 1:
        return False
    if first in {"up", "down"} or any(re.fullmatch(r"[\d,.]+", word) for word in words):
        return False  # "up from 14", "20 people": numbers, not a speaker
    return bool(re.search(r"[A-Za-z]{2,}", phrase))


class SpeakerMemory:
    """Who has spoken so far in the document, for 'it said' and 'the ministry'."""

    def __init__(self):
        self.history: list[tuple[str, KnownSource | None]] = []

    def add(self, name: str, source: KnownSource | None):
        self.history.append((name, source))

    def last(self):
        return self.history[-1] if self.history else None

    def by_head_noun(self, noun: str):
        # The last few speakers only: "the ministry" refers back a paragraph
        # or two, and a long document must not make every look-up slower.
        for name, source in reversed(self.history[-30:]):
            names = [name] + ([source.name, *source.aliases] if source else [])
            if any(normalise_name(n).split()[-1:] == [noun] for n in names if normalise_name(n)):
                return name, source
        return None
