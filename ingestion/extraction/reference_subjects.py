"""Figures whose subject only points back at another figure.

"Local officials said the figure was nearer 1,800" and "her deputy said the
true number was closer to 120" count whatever the figure they answer counts.
Read alone their subject is "figure" or "number": the rules would then never
compare them with the figure they dispute, and would compare any two such
figures of one event with each other, whatever each counts.

A bare reference takes the subject of the figure it answers when exactly one
thing was counted just before it: earlier in its own sentence, or else in the
sentence before. Anything less clear leaves it as written, for the editor.
"""

from bisect import bisect_right
from dataclasses import replace
from typing import TYPE_CHECKING

from claims.subjects import is_reference_subject

if TYPE_CHECKING:  # pragma: no cover - typing only
    from .proposals import Candidate


def resolve_reference_subjects(
    candidates: list["Candidate"], sentence_starts: list[int]
) -> list["Candidate"]:
    """`candidates` in text order; `sentence_starts` the offset where each
    sentence of the body begins, ascending. Returns the candidates with every
    answerable bare reference given the subject it answers."""

    def sentence_of(candidate: "Candidate") -> int:
        position = candidate.figure_start if candidate.figure_start is not None else candidate.excerpt_start
        return bisect_right(sentence_starts, position) - 1

    counted = [
        (sentence_of(candidate), candidate.figure_start or 0, candidate.figure.subject)
        for candidate in candidates
        if candidate.figure is not None and not is_reference_subject(candidate.figure.subject)
    ]
    resolved = []
    for candidate in candidates:
        if candidate.figure is not None and is_reference_subject(candidate.figure.subject):
            subject = _answered_subject(counted, sentence_of(candidate), candidate.figure_start or 0)
            if subject:
                candidate = replace(candidate, figure=replace(candidate.figure, subject=subject))
        resolved.append(candidate)
    return resolved


def _answered_subject(counted: list[tuple[int, int, str]], sentence: int, position: int) -> str | None:
    earlier_here = {subject for at, start, subject in counted if at == sentence and start < position}
    if earlier_here:
        return _only(earlier_here)
    return _only({subject for at, _start, subject in counted if at == sentence - 1})


def _only(subjects: set[str]) -> str | None:
    distinct = {" ".join(subject.lower().split()) for subject in subjects if subject}
    if len(distinct) != 1:
        return None  # Nothing counted, or several things: which one is meant?
    return next(subject for subject in subjects if subject)
