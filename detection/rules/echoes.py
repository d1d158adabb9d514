"""Republished copy: the same passage, word for word, under two sources.

Several outlets repeating one statement are one origin (the Admiralty code's
"confirmed" needs independent sources; ../shared/VERIFICATION.md). When an
outlet prints wire copy as it came, or lifts a passage from another outlet,
and the newsroom credits each outlet as the claim's source, the two claims
look like two originators. A long verbatim excerpt shared by both shows they
are one text passed on: an echo, never a corroboration.
"""

import re

# A passage this long, word for word, is copied rather than said twice
# independently: two reporters rarely write the same twelve words in a row,
# while a short phrase ("at least 20 people were killed") is common wording.
ECHO_MIN_WORDS = 12

_WORD = re.compile(r"\w+")


def copy_words(excerpt: str) -> str:
    """The excerpt as lower-case words separated by single spaces, or "" when
    it is too short to recognise copy (punctuation and quote marks ignored)."""
    words = _WORD.findall((excerpt or "").lower())
    return " ".join(words) if len(words) >= ECHO_MIN_WORDS else ""


def shares_copy(excerpts: frozenset[tuple], other_excerpts: frozenset[tuple]) -> bool:
    """Some excerpt of one is, word for word, inside some excerpt of the
    other in another document. Excerpts are (document id, copy_words). One
    sentence of one article naming two speakers ("both the monitor and the
    hospital put the toll at 31 ...") is not copy: it is one document.

    Example: a wire's "Rescue workers pulled 31 bodies from the rubble of the
    collapsed apartment block overnight, the civil defence said" and a paper
    printing that sentence with one more clause after it share copy.
    """
    return any(
        (document is None or document != other_document)
        and (f" {words} " in f" {other_words} " or f" {other_words} " in f" {words} ")
        for document, words in excerpts
        for other_document, other_words in other_excerpts
    )
