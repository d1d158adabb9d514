"""A readable word-level diff between two versions of a document."""

import difflib
import re
from dataclasses import dataclass

_TOKENS = re.compile(r"\s+|\w+|[^\w\s]")


@dataclass(frozen=True)
class DiffSegment:
    kind: str  # "equal", "insert" or "delete"
    text: str


def word_diff(old: str, new: str) -> list[DiffSegment]:
    """Segments of words kept, removed and added, in reading order. Word level,
    because in a news story "12" becoming "45" is the change that matters and
    a line-level diff would mark the whole paragraph."""
    old_tokens, new_tokens = _TOKENS.findall(old), _TOKENS.findall(new)
    matcher = difflib.SequenceMatcher(a=old_tokens, b=new_tokens, autojunk=False)
    segments: list[DiffSegment] = []
    for tag, a_start, a_end, b_start, b_end in matcher.get_opcodes():
        if tag == "equal":
            segments.append(DiffSegment("equal", "".join(old_tokens[a_start:a_end])))
            continue
        if a_end > a_start:
            segments.append(DiffSegment("delete", "".join(old_tokens[a_start:a_end])))
        if b_end > b_start:
            segments.append(DiffSegment("insert", "".join(new_tokens[b_start:b_end])))
    return segments
