"""Measure re-anchoring on the revised-article pairs (anchoring/corpus):
`manage.py evaluate_anchoring` prints the table in docs/versions.md."""

from dataclasses import dataclass, field

from .quotes import EXACT, FUZZY, ORPHANED, anchor_quote, position_map, selector_for

# An anchor is right when it covers the expected text: at least half of the
# union of the two spans is shared.
MIN_OVERLAP = 0.5


@dataclass
class AnchoringReport:
    excerpts: int = 0
    exact: int = 0
    fuzzy: int = 0
    orphaned: int = 0
    # Expected gone and orphaned, or anchored on the expected text.
    right: int = 0
    # Anchored on the wrong text, or anchored although the text was removed.
    wrong: int = 0
    # Still in the revision but orphaned (an editor re-links it by hand).
    missed: int = 0
    boundaries_exact: int = 0
    details: list = field(default_factory=list)


def _overlap(first: tuple[int, int], second: tuple[int, int]) -> float:
    shared = max(0, min(first[1], second[1]) - max(first[0], second[0]))
    union = max(first[1], second[1]) - min(first[0], second[0])
    return shared / union if union else 0.0


def evaluate(pairs) -> AnchoringReport:
    report = AnchoringReport()
    for pair in pairs:
        old, new = pair["old"], pair["new"]
        mapping = position_map(old, new)
        for excerpt in pair["excerpts"]:
            start = old.index(excerpt["old"])
            end = start + len(excerpt["old"])
            anchor = anchor_quote(
                selector_for(old, start, end),
                new,
                hint=mapping(start),
                hint_end=mapping(end),
                previous_body=old,
                previous_span=(start, end),
            )
            report.excerpts += 1
            setattr(report, anchor.status, getattr(report, anchor.status) + 1)
            expected = excerpt["new"]
            if expected is None:
                verdict = "right" if anchor.status == ORPHANED else "wrong"
            elif anchor.status == ORPHANED:
                verdict = "missed"
            else:
                where = new.index(expected)
                span = (where, where + len(expected))
                verdict = "right" if _overlap((anchor.start, anchor.end), span) >= MIN_OVERLAP else "wrong"
                if verdict == "right" and (anchor.start, anchor.end) == span:
                    report.boundaries_exact += 1
            setattr(report, verdict, getattr(report, verdict) + 1)
            report.details.append((pair["name"], excerpt["old"][:50], anchor.status, verdict))
    return report


assert {EXACT, FUZZY, ORPHANED} == {"exact", "fuzzy", "orphaned"}
