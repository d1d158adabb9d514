"""Republished copy: the same passage, word for word, under two sources.

Several outlets repeating one statement are one origin (the Admiralty code's
"confirmed" needs independent sources; ../shared/VERIFICATION.md). When an
outlet prints wire copy as it came, or lifts a passage from another outlet,
and the newsroom credits each outlet as the claim's source, they look like two
originators. A long verbatim passage shared by their excerpts shows they are
one text passed on: an echo, never a corroboration.

Pure functions over excerpts, read by the origin counts (claims/origins.py:
the claim page, the API, the corroboration suggestions, the credibility cap)
and by detection (the corroboration rule, the figure summaries), so every part
of the tracker tells copy from a second origin the same way.
"""

import re
from functools import lru_cache

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


# Excerpts are compared many times over (every pair of candidate claims in a
# detection batch, every pair of origins on a page): their runs are worked
# out once per process for the excerpts seen most recently, kept as hashes
# (a long excerpt has hundreds of runs; 64-bit hashes of them collide too
# rarely to matter and take a fraction of the memory).
@lru_cache(maxsize=4096)
def _passages(words: str) -> frozenset[int]:
    """Every run of ECHO_MIN_WORDS words in a row of copy_words() text, hashed."""
    split = words.split()
    return frozenset(
        hash(tuple(split[start : start + ECHO_MIN_WORDS])) for start in range(len(split) - ECHO_MIN_WORDS + 1)
    )


def passage_shared(words: str, other_words: str) -> bool:
    """The two copy_words() texts share ECHO_MIN_WORDS or more words in a row."""
    if not words or not other_words:
        return False
    return not _passages(words).isdisjoint(_passages(other_words))


def shares_copy(excerpts, other_excerpts) -> bool:
    """Some excerpt of one shares a passage of ECHO_MIN_WORDS words or more,
    word for word, with some excerpt of the other in another document: known
    copy. Excerpts are (document id, copy_words) pairs. A document id of None
    is an excerpt whose document was not recorded: unknown, not another
    document, so it never shows copy here (see may_share_copy).

    One sentence of one article naming two speakers ("both the monitor and
    the hospital put the toll at 31 ...") is not copy: it is one document.

    Example: a wire's "Rescue workers pulled 31 bodies from the rubble of the
    collapsed apartment block overnight, the civil defence said" and a paper
    printing that sentence with a clause before or after it share copy; "31
    bodies were recovered" in both is common wording, not copy.
    """
    return any(
        document is not None
        and other_document is not None
        and document != other_document
        and passage_shared(words, other_words)
        for document, words in excerpts
        for other_document, other_words in other_excerpts
    )


def may_share_copy(excerpts, other_excerpts) -> bool:
    """Some excerpt of one shares a passage with some excerpt of the other,
    and they are not known to stand in one document: known copy, or a
    passage one of them quotes without its document recorded. Two such
    excerpts can never be told apart as independent origins.

    Example: an outlet credited with a ministry's twelve words, its page not
    recorded, may have printed the statement or been named beside the
    ministry in one sentence: neither a second origin nor, by that alone,
    the ministry's echo (claims/origins.py).
    """
    return any(
        not (document is not None and document == other_document) and passage_shared(words, other_words)
        for document, words in excerpts
        for other_document, other_words in other_excerpts
    )
