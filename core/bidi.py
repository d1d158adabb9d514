"""Keeping right-to-left control characters in user text from reordering the
sentences the tracker writes around it.

A source named "Monitor\u202e" (RIGHT-TO-LEFT OVERRIDE) turned a flag
explanation's "20" into "02" on screen (issue 13). Two defences:

- `isolate(text)` prepares user text for embedding in a generated sentence (a
  flag explanation, an email line): it removes directional controls, and if
  right-to-left letters remain (a genuine Arabic or Hebrew name) it wraps the
  text in FIRST STRONG ISOLATE ... POP DIRECTIONAL ISOLATE, so the name still
  reads right-to-left but its direction cannot pull the neighbouring figures
  into its run. Left-to-right text needs no isolate and gets none, so
  sentences about it stay plain text that search and tests can match.
- `strip_bidi_controls(text)` removes the embedding, override and isolate
  controls outright, for identifiers (source names) and data files (CSV), where
  an invisible control has no business.

The implicit marks (U+200E LRM, U+200F RLM, U+061C ALM) are kept: they cannot
override or leave a run open, and right-to-left writers use them.
"""

import re
import unicodedata

# U+202A-U+202E: embeddings and overrides; U+2066-U+2069: isolates.
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
FIRST_STRONG_ISOLATE = "\u2068"
POP_DIRECTIONAL_ISOLATE = "\u2069"


def strip_bidi_controls(text: str) -> str:
    """`text` without directional embedding, override or isolate controls."""
    return BIDI_CONTROLS.sub("", text) if text else text


# Bidi classes of right-to-left letters (Hebrew R, Arabic AL).
_RIGHT_TO_LEFT = frozenset({"R", "AL"})


def has_right_to_left_letters(text: str) -> bool:
    return any(unicodedata.bidirectional(char) in _RIGHT_TO_LEFT for char in text)


def isolate(text) -> str:
    """`text` made safe to embed in a sentence; "" stays "".

    Example: isolate("Monitor\u202e") == "Monitor";
    isolate("مرصد") == "\u2068مرصد\u2069".
    """
    text = strip_bidi_controls(str(text or ""))
    if not text or not has_right_to_left_letters(text):
        return text
    return f"{FIRST_STRONG_ISOLATE}{text}{POP_DIRECTIONAL_ISOLATE}"


def without_isolation(text: str) -> str:
    """The user's text inside an `isolate` result (for grammar: "Monitors'")."""
    return text.removeprefix(FIRST_STRONG_ISOLATE).removesuffix(POP_DIRECTIONAL_ISOLATE)
