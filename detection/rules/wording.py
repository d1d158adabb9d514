"""Matching lexicon words in claim text, allowing for their other forms.

A lexicon lists one form of a word ("retreat", "liberated", "redeployment");
copy uses others ("retreated", "retreating", "liberation", "redeployed"). We
strip one common English ending to find the stem, then accept the stem with
any common ending. This is deliberately simple and documented rather than a
full stemmer: it errs towards matching, and the editor sees the words that
matched in every flag's explanation.
"""

import re
from functools import lru_cache

# Longest first, so "redeployment" loses "ment" rather than just a letter.
_ENDINGS_TO_STRIP = ("ations", "ation", "ments", "ment", "ings", "ing", "als", "al", "ed", "es", "s", "e")
# What a stem may be followed by. "n" covers "withdrawn", "ure" covers "seizure".
_ENDINGS_ALLOWED = r"(?:e|es|s|ed|d|ing|ings|ment|ments|ion|ions|ation|ations|al|als|n|ure|ures)?"
# Stems shorter than this are kept whole: "fled" must not become "fl".
_SHORTEST_STEM = 4


def word_stem(word: str) -> str:
    """The word without one common ending.

    Example: word_stem("retreated") == "retreat"; word_stem("fled") == "fled".
    """
    word = word.lower()
    for ending in _ENDINGS_TO_STRIP:
        if word.endswith(ending) and len(word) - len(ending) >= _SHORTEST_STEM:
            return word[: -len(ending)]
    return word


@lru_cache(maxsize=2048)
def word_forms_pattern(phrase: str) -> re.Pattern:
    """A pattern matching the phrase with each word in any common form, as
    whole words, ignoring case; words may be joined by spaces or hyphens.

    Example: word_forms_pattern("retreat") matches "retreated" and
    "retreating" but not "retreatist".
    """
    words = phrase.lower().split()
    parts = [re.escape(word_stem(word)) + _ENDINGS_ALLOWED for word in words]
    return re.compile(r"\b" + r"[\s\-]+".join(parts) + r"\b", re.IGNORECASE)


def phrase_in_text(phrase: str, text: str) -> bool:
    """Whether the text uses the phrase in any of its forms.

    Example: phrase_in_text("withdrawal", "troops withdrew") is False (an
    irregular form: list "withdrew" in the lexicon too), while
    phrase_in_text("retreat", "forces retreated") is True.
    """
    return word_forms_pattern(phrase).search(text or "") is not None


def phrase_positions(phrase: str, text: str) -> list[tuple[int, int]]:
    """Every (start, end) where the phrase occurs in the text, in any form."""
    return [match.span() for match in word_forms_pattern(phrase).finditer(text or "")]
