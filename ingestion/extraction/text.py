"""Folding and comparing text: curly quotes, names, quotations."""

import re

# Curly quotes and apostrophes are folded to straight ones for matching. Every
# replacement is one character for one, so offsets in the folded copy are
# offsets in the original.
FOLD = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})
OPEN_QUOTES = {"\u201c"}
CLOSE_QUOTES = {"\u201d"}


def fold(text: str) -> str:
    return text.translate(FOLD)


def normalise_name(name: str) -> str:
    """For comparing names: straight apostrophes, lower case, no leading 'the'."""
    name = " ".join(fold(name).lower().replace("\u2019", "'").split())
    name = re.sub(r"^(the|a|an)\s+", "", name)
    # "U.N." is "UN", "U.S. State Department" "US State Department".
    name = re.sub(r"(?<![\w.])((?:[a-z]\.){2,})", lambda m: m.group(1).replace(".", ""), name)
    return name.strip(" ,.;:'\"")


def quote_spans(folded: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r'"[^"]*"', folded)]


def inside(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < position < e for s, e in spans)
