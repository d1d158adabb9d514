"""Measure the extractor against hand-labelled articles.

A corpus is a folder of `<name>.txt` articles, each with a `<name>.json`
label file:

    {"sources": [{"name": "Interior Ministry", "aliases": []}],
     "claims": [{"excerpt": "...", "speaker": "Interior Ministry" | [alternatives] | null,
                 "figure": 312 | [low, high] | null, "relayed_by": "Reuters"}]}

A labelled claim is a passage (found in the text by its excerpt) credited to
a speaker (null: the publication's own voice) with at most one figure (the
first counted figure in the passage). Three scores, each with precision
(how many of the extractor's answers are right) and recall (how many of the
labelled answers it found):

- excerpt: a proposal overlaps a labelled passage;
- speaker: a proposal names a speaker, on a labelled passage, and it is the
  labelled speaker (names compared without case, "the" or curly quotes);
- figure: a proposal gives a figure, on a labelled passage, equal to the
  labelled value (low and high).

The known sources listed in the label file are given to the extractor, as
the Source table would be in the app.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path

from .extraction import Candidate, KnownSource, Lexicon, extract_claims, normalise_name


@dataclass
class Score:
    true_positives_predicted: int = 0
    predicted: int = 0
    true_positives_expected: int = 0
    expected: int = 0

    @property
    def precision(self) -> float:
        return self.true_positives_predicted / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives_expected / self.expected if self.expected else 1.0

    def add(self, other: "Score") -> None:
        self.true_positives_predicted += other.true_positives_predicted
        self.predicted += other.predicted
        self.true_positives_expected += other.true_positives_expected
        self.expected += other.expected


@dataclass
class Report:
    excerpt: Score = field(default_factory=Score)
    speaker: Score = field(default_factory=Score)
    figure: Score = field(default_factory=Score)
    articles: int = 0
    mistakes: list[str] = field(default_factory=list)

    def as_table(self) -> str:
        lines = [
            f"Articles: {self.articles}",
            f"{'':10} {'precision':>9} {'recall':>7}   (right/predicted, found/labelled)",
        ]
        for name in ("speaker", "figure", "excerpt"):
            score = getattr(self, name)
            lines.append(
                f"{name:10} {score.precision:9.2f} {score.recall:7.2f}   "
                f"({score.true_positives_predicted}/{score.predicted}, "
                f"{score.true_positives_expected}/{score.expected})"
            )
        return "\n".join(lines)


@dataclass
class _Label:
    start: int
    end: int
    speakers: list[str]
    figure: tuple[int, int] | None


def _load_labels(text: str, data: dict, name: str) -> list[_Label]:
    labels = []
    for claim in data["claims"]:
        start = text.find(claim["excerpt"])
        if start == -1:
            raise ValueError(f"{name}: labelled excerpt not in the article: {claim['excerpt'][:60]}")
        speaker = claim.get("speaker")
        speakers = [] if speaker is None else [speaker] if isinstance(speaker, str) else list(speaker)
        figure = claim.get("figure")
        if isinstance(figure, int):
            figure = (figure, figure)
        elif figure is not None:
            figure = (figure[0], figure[1])
        labels.append(
            _Label(start, start + len(claim["excerpt"]), [normalise_name(s) for s in speakers], figure)
        )
    return labels


def _overlapping(candidate: Candidate, labels: list[_Label]) -> _Label | None:
    for label in labels:
        if candidate.excerpt_start < label.end and label.start < candidate.excerpt_end:
            return label
    return None


def evaluate_article(text: str, data: dict, *, lexicon: Lexicon, name: str = "") -> Report:
    sources = [
        KnownSource(id=index + 1, name=source["name"], aliases=tuple(source.get("aliases", [])))
        for index, source in enumerate(data.get("sources", []))
    ]
    labels = _load_labels(text, data, name)
    candidates = extract_claims(text, lexicon=lexicon, sources=sources)
    report = Report(articles=1)

    for candidate in candidates:
        label = _overlapping(candidate, labels)
        report.excerpt.predicted += 1
        if label is not None:
            report.excerpt.true_positives_predicted += 1
        else:
            report.mistakes.append(f"{name}: extra passage: {candidate.excerpt[:70]}")
        if candidate.speaker_name:
            report.speaker.predicted += 1
            if label is not None and normalise_name(candidate.speaker_name) in label.speakers:
                report.speaker.true_positives_predicted += 1
            else:
                report.mistakes.append(
                    f"{name}: wrong speaker {candidate.speaker_name!r}: {candidate.excerpt[:60]}"
                )
        if candidate.figure is not None:
            report.figure.predicted += 1
            value = (candidate.figure.value_low, candidate.figure.value_high)
            if label is not None and label.figure == value:
                report.figure.true_positives_predicted += 1
            else:
                report.mistakes.append(f"{name}: wrong figure {value}: {candidate.excerpt[:60]}")

    for label in labels:
        found = [c for c in candidates if c.excerpt_start < label.end and label.start < c.excerpt_end]
        passage = text[label.start : label.end][:60]
        report.excerpt.expected += 1
        if found:
            report.excerpt.true_positives_expected += 1
        else:
            report.mistakes.append(f"{name}: missed passage: {passage}")
        if label.speakers:
            report.speaker.expected += 1
            if any(normalise_name(c.speaker_name) in label.speakers for c in found):
                report.speaker.true_positives_expected += 1
            else:
                report.mistakes.append(f"{name}: missed speaker {label.speakers[0]!r}: {passage}")
        if label.figure is not None:
            report.figure.expected += 1
            if any(
                c.figure is not None and (c.figure.value_low, c.figure.value_high) == label.figure
                for c in found
            ):
                report.figure.true_positives_expected += 1
            else:
                report.mistakes.append(f"{name}: missed figure {label.figure}: {passage}")
    return report


def evaluate_corpus(folder: Path, *, lexicon: Lexicon) -> Report:
    """Score the extractor on every labelled article in `folder`."""
    total = Report()
    for article in sorted(Path(folder).glob("*.txt")):
        data = json.loads(article.with_suffix(".json").read_text(encoding="utf-8"))
        report = evaluate_article(
            article.read_text(encoding="utf-8"), data, lexicon=lexicon, name=article.stem
        )
        total.articles += 1
        total.excerpt.add(report.excerpt)
        total.speaker.add(report.speaker)
        total.figure.add(report.figure)
        total.mistakes.extend(report.mistakes)
    return total
