"""Finding an excerpt again in a revised text (no Django here).

The approach of annotation tools (Hypothesis, after the W3C Web Annotation
model): each excerpt keeps several selectors, the exact quote with 32
characters of text before (prefix) and after (suffix), and its position. In a
new version of the text we try, in order:

1. the exact quote. Found once: anchored. Found several times: the
   occurrence whose surrounding text best matches the prefix and suffix,
   nearest the expected position on a tie.
2. a fuzzy match near where the old position maps to in the new text (the
   two versions are diffed, so inserted or deleted paragraphs before the
   excerpt shift the expectation), and anywhere in the text for a moved
   paragraph (diff-match-patch's Bitap search on the quote's first and last
   32 characters, as Hypothesis does). A candidate is kept only when it is
   close enough to the old quote: similar wording (QUOTE_THRESHOLD), or
   somewhat similar wording (CONTEXT_QUOTE_THRESHOLD) with the same
   surroundings (CONTEXT_THRESHOLD).
3. otherwise the excerpt is orphaned: shown to an editor, never dropped and
   never pinned to text that merely looks alike.

The thresholds lean towards orphaning: a wrong anchor would silently credit a
source with words it did not write, an orphan only costs an editor a look.
"""

import re
from dataclasses import dataclass

from diff_match_patch import diff_match_patch

CONTEXT_CHARS = 32
# Similarity of wording (1 - edit distance / length) needed on its own...
QUOTE_THRESHOLD = 0.75
# ...or this much, when the text around it is also the same as before.
CONTEXT_QUOTE_THRESHOLD = 0.55
CONTEXT_THRESHOLD = 0.6
# An exact quote this short ("12", "the army") is anchored only where its
# surroundings also match: on its own it could be anywhere.
SHORT_QUOTE = 16

EXACT, FUZZY, ORPHANED = "exact", "fuzzy", "orphaned"

_NUMBER = re.compile(r"\d[\d,.]*")


@dataclass(frozen=True)
class QuoteSelector:
    exact: str
    prefix: str
    suffix: str
    start: int
    end: int


@dataclass(frozen=True)
class Anchor:
    status: str
    start: int | None = None
    end: int | None = None
    score: float = 0.0

    def text(self, body: str) -> str:
        return body[self.start : self.end] if self.start is not None else ""


def selector_for(body: str, start: int, end: int) -> QuoteSelector:
    return QuoteSelector(
        exact=body[start:end],
        prefix=body[max(0, start - CONTEXT_CHARS) : start],
        suffix=body[end : end + CONTEXT_CHARS],
        start=start,
        end=end,
    )


def _engine() -> diff_match_patch:
    engine = diff_match_patch()
    engine.Diff_Timeout = 2.0
    # Bitap: how many errors a 32-character pattern may have (0 exact, 1 anything).
    engine.Match_Threshold = 0.4
    return engine


def similarity(first: str, second: str) -> float:
    """1 - edit distance / length of the longer text: 1.0 is identical."""
    if not first and not second:
        return 1.0
    engine = _engine()
    distance = engine.diff_levenshtein(engine.diff_main(first, second, False))
    return 1.0 - distance / max(len(first), len(second))


def _context_score(selector: QuoteSelector, body: str, start: int, end: int) -> float:
    scores = []
    if selector.prefix:
        scores.append(similarity(selector.prefix, body[max(0, start - len(selector.prefix)) : start]))
    if selector.suffix:
        scores.append(similarity(selector.suffix, body[end : end + len(selector.suffix)]))
    return max(scores) if scores else 1.0


def position_map(old: str, new: str):
    """A function taking an offset in `old` to the matching offset in `new`."""
    engine = _engine()
    diffs = engine.diff_main(old, new, False)
    engine.diff_cleanupSemantic(diffs)
    return lambda offset: engine.diff_xIndex(diffs, offset)


def _exact(selector: QuoteSelector, body: str, hint: int) -> Anchor | None:
    positions, at = [], body.find(selector.exact)
    while at != -1:
        positions.append(at)
        at = body.find(selector.exact, at + 1)
    if not positions:
        return None
    # A quote found very many times: weigh only the occurrences nearest
    # where it should be (each weighing compares its surroundings).
    positions = sorted(positions, key=lambda p: abs(p - hint))[:50]
    length = len(selector.exact)
    ranked = sorted(positions, key=lambda p: (-_context_score(selector, body, p, p + length), abs(p - hint)))
    best = ranked[0]
    context = _context_score(selector, body, best, best + length)
    if length < SHORT_QUOTE and context < CONTEXT_THRESHOLD:
        return None
    return Anchor(EXACT, best, best + length, 1.0)


def _snap(body: str, start: int, end: int) -> tuple[int, int]:
    """Widen a fuzzy span to whole words."""
    start, end = min(start, len(body)), min(end, len(body))
    while 0 < start < len(body) and body[start - 1].isalnum() and body[start].isalnum():
        start -= 1
    while 0 < end < len(body) and body[end - 1].isalnum() and body[end].isalnum():
        end += 1
    return start, end


def _candidates(selector: QuoteSelector, body: str, hint: int, hint_end: int):
    engine = _engine()
    exact, length = selector.exact, len(selector.exact)
    head, tail = exact[: engine.Match_MaxBits], exact[-engine.Match_MaxBits :]
    # Where the diff says the old span went.
    if hint_end > hint:
        yield hint, hint_end
    # Near the expected place first, then anywhere (a moved paragraph).
    for distance in (1000, max(len(body), 1000) * 10):
        engine.Match_Distance = distance
        start = engine.match_main(body, head, min(max(hint, 0), len(body)))
        if start != -1:
            tail_at = engine.match_main(body, tail, min(start + length - len(tail), len(body)))
            if tail_at != -1 and tail_at + len(tail) > start:
                yield start, tail_at + len(tail)
            yield start, min(start + length, len(body))
        end_at = engine.match_main(body, tail, min(max(hint_end - len(tail), 0), len(body)))
        if end_at != -1:
            yield max(end_at + len(tail) - length, 0), end_at + len(tail)


def _was_already_elsewhere(candidate: str, previous_body: str, previous_span: tuple[int, int] | None) -> bool:
    """The candidate text stood, word for word, somewhere else in the previous
    version: it is another passage that was already there, not a revision of
    this excerpt (a neighbouring "In Fell, the council said 70 houses..." is
    not what became of a cut "In Rook, the council said 40 houses...")."""
    candidate = candidate.strip()
    at = previous_body.find(candidate) if candidate else -1
    while at != -1:
        end = at + len(candidate)
        if previous_span is None or end <= previous_span[0] or at >= previous_span[1]:
            return True
        at = previous_body.find(candidate, at + 1)
    return False


def anchor_quote(
    selector: QuoteSelector,
    body: str,
    *,
    hint: int | None = None,
    hint_end: int | None = None,
    previous_body: str | None = None,
    previous_span: tuple[int, int] | None = None,
) -> Anchor:
    """Find `selector` in `body`. `hint`/`hint_end`: where the excerpt's span
    in the previous version maps to in this text (see position_map), when
    known. `previous_body`/`previous_span`: that previous version and the
    excerpt's span in it (None if it was orphaned there), so that a fuzzy
    match never lands on a passage that was already there."""
    if not selector.exact.strip():
        return Anchor(ORPHANED)
    hint = selector.start if hint is None else hint
    hint_end = (hint + len(selector.exact)) if hint_end is None else hint_end
    found = _exact(selector, body, hint)
    if found is not None:
        return found
    best: Anchor | None = None
    length = len(selector.exact)
    seen = set()
    for start, end in _candidates(selector, body, hint, hint_end):
        start, end = _snap(body, max(start, 0), min(end, len(body)))
        if (start, end) in seen or not (0.5 * length <= end - start <= 1.5 * length):
            continue
        seen.add((start, end))
        wording = similarity(selector.exact, body[start:end])
        context = _context_score(selector, body, start, end)
        if previous_body is not None and _was_already_elsewhere(
            body[start:end], previous_body, previous_span
        ):
            continue
        good = wording >= QUOTE_THRESHOLD or (
            wording >= CONTEXT_QUOTE_THRESHOLD and context >= CONTEXT_THRESHOLD
        )
        if good and (best is None or wording > best.score):
            best = Anchor(FUZZY, start, end, round(wording, 3))
    return best or Anchor(ORPHANED)


def figures_in(text: str) -> list[str]:
    return [number.rstrip(",.") for number in _NUMBER.findall(text)]


def what_changed(old: str, new: str) -> str:
    """'figure' when the numbers differ, 'wording' when only words do, '' when
    the same (spacing alone, "noon ," becoming "noon,", is not a change)."""
    if "".join(old.split()) == "".join(new.split()):
        return ""
    if figures_in(old) != figures_in(new):
        return "figure"
    return "wording"
