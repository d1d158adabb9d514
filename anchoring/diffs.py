"""A readable word-level diff between two versions of a document."""

import re
from dataclasses import dataclass

from diff_match_patch import diff_match_patch

_TOKENS = re.compile(r"\s+|\w+|[^\w\s]")
# A page must not hang on a huge upload: the diff gives its best within this
# time (diff-match-patch then returns a coarser but correct diff).
DIFF_TIMEOUT_SECONDS = 1.0
_KIND = {-1: "delete", 0: "equal", 1: "insert"}


@dataclass(frozen=True)
class DiffSegment:
    kind: str  # "equal", "insert" or "delete"
    text: str


def _encode(tokens: list[str], table: dict[str, str], back: list[str]) -> str:
    """Each distinct word, space run or punctuation mark as one character,
    so the diff works on words (diff-match-patch's line-mode recipe)."""
    out = []
    for token in tokens:
        if token not in table:
            table[token] = chr(len(back) + 0x100)
            back.append(token)
        out.append(table[token])
    return "".join(out)


def word_diff(old: str, new: str) -> list[DiffSegment]:
    """Segments of words kept, removed and added, in reading order. Word level,
    because in a news story "12" becoming "45" is the change that matters and
    a line-level diff would mark the whole paragraph."""
    table: dict[str, str] = {}
    back: list[str] = []
    old_coded = _encode(_TOKENS.findall(old), table, back)
    new_coded = _encode(_TOKENS.findall(new), table, back)
    engine = diff_match_patch()
    engine.Diff_Timeout = DIFF_TIMEOUT_SECONDS
    diffs = engine.diff_main(old_coded, new_coded, False)
    engine.diff_cleanupSemantic(diffs)
    segments = []
    for operation, coded in diffs:
        text = "".join(back[ord(char) - 0x100] for char in coded)
        if text:
            segments.append(DiffSegment(_KIND[operation], text))
    return segments
