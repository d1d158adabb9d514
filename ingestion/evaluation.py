"""Measure the extractor against hand-labelled articles.

A corpus is a folder of `<name>.txt` articles, each with a `<name>.json`
label file:

    {"sources": [{"name": "Interior Ministry", "aliases": []}],
     "claims": [{"excerpt": "...", "speaker": "Interior Ministry" | [alternatives] | null,
                 "figure": 312 | [low, high] | null, "qualifier": "at_least",
                 "relayed_by": "Reuters"}]}

A labelled claim is one (speaker, figure) pair in a passage (found in the
text by its excerpt): a passage where two speakers give two figures, or one
speaker gives two, has one entry per pair with the same excerpt. The speaker
is null for the publication's own voice; "qualifier" is optional (when it is
given, the extractor's qualifier must match too). The older corpora label
one entry per passage and speaker with its first figure.

Three scores, each with precision (how many of the extractor's answers are
right) and recall (how many of the labelled answers it found):

- excerpt: a proposal overlaps a labelled passage (each passage counted once);
- speaker: a proposal names a speaker on a labelled passage and it is a
  labelled speaker there (names compared without case, "the" or curly quotes;
  a labelled source's aliases count as its name); one answer per passage and
  speaker;
- figure: a proposal gives a figure equal to a labelled one (low and high,
  and the qualifier where labelled) **for the same speaker** (or both in the
  publication's voice): a right number credited to the wrong speaker is wrong.

`misattributed` counts figures credited to a speaker who did not state them
(the product's worst error; it must stay at zero).

Conditions (which sources the extractor is given, as the Source table would
be in the app): `labelled` the article's own sources, `empty` none, `demo`
the demo story's sources only (claims/demo.py).
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
    misattributed: int = 0
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
        lines.append(f"figures credited to a speaker who did not state them: {self.misattributed}")
        return "\n".join(lines)


@dataclass
class _Label:
    start: int
    end: int
    speakers: list[str]
    figure: tuple[int, int] | None
    qualifier: str | None = None

    def accepts(self, speaker_name: str) -> bool:
        """Whether `speaker_name` is this label's speaker ("" for the publication's voice)."""
        if not self.speakers:
            return not speaker_name
        return normalise_name(speaker_name) in self.speakers


def _load_labels(text: str, data: dict, name: str) -> list[_Label]:
    aliases = {
        normalise_name(source["name"]): [normalise_name(a) for a in source.get("aliases", [])]
        for source in data.get("sources", [])
    }
    labels = []
    for claim in data["claims"]:
        start = text.find(claim["excerpt"])
        if start == -1:
            raise ValueError(f"{name}: labelled excerpt not in the article: {claim['excerpt'][:60]}")
        speaker = claim.get("speaker")
        speakers = [] if speaker is None else [speaker] if isinstance(speaker, str) else list(speaker)
        names = [normalise_name(s) for s in speakers]
        # A speaker proposed under one of its labelled source's aliases is the
        # same actor (with an empty database it is proposed as a new source
        # under the name the article uses).
        names += [alias for known in list(names) for alias in aliases.get(known, [])]
        figure = claim.get("figure")
        if isinstance(figure, int):
            figure = (figure, figure)
        elif figure is not None:
            figure = (figure[0], figure[1])
        labels.append(_Label(start, start + len(claim["excerpt"]), names, figure, claim.get("qualifier")))
    return labels


def _overlaps(candidate: Candidate, label: _Label) -> bool:
    return candidate.excerpt_start < label.end and label.start < candidate.excerpt_end


def _figure_value(candidate: Candidate) -> tuple[int, int]:
    return (candidate.figure.value_low, candidate.figure.value_high)


def _figure_right(candidate: Candidate, label: _Label) -> bool:
    return (
        label.figure == _figure_value(candidate)
        and label.accepts(candidate.speaker_name)
        and (label.qualifier is None or label.qualifier == candidate.figure.qualifier)
    )


def _misattributed(candidate: Candidate, labels: list[_Label]) -> bool:
    """A figure credited to a speaker who did not state it: the speaker is not
    a labelled speaker of the passage, or the figure is labelled there for
    someone else (or for the publication's own voice) and not for them."""
    if not candidate.speaker_name or candidate.figure is None:
        return False
    value = _figure_value(candidate)
    if any(label.accepts(candidate.speaker_name) and label.figure == value for label in labels):
        return False
    if not any(label.accepts(candidate.speaker_name) for label in labels):
        return True
    return any(label.figure == value for label in labels)


DEMO = "demo"
EMPTY = "empty"
LABELLED = "labelled"
CONDITIONS = (LABELLED, EMPTY, DEMO)


def known_sources(data: dict, condition: str) -> list[KnownSource]:
    """The Source table the extractor sees: the article's own sources
    (`labelled`), none (`empty`: a new newsroom) or the demo story's sources
    only (`demo`: a newsroom that already holds another story's sources,
    generic aliases such as "the agency" and "residents" included)."""
    if condition == LABELLED:
        specs = data.get("sources", [])
    elif condition == EMPTY:
        specs = []
    elif condition == DEMO:
        from claims.demo import SOURCES

        specs = SOURCES
    else:
        raise ValueError(f"Unknown condition {condition!r}; expected one of {CONDITIONS}.")
    return [
        KnownSource(id=index + 1, name=spec["name"], aliases=tuple(spec.get("aliases", [])))
        for index, spec in enumerate(specs)
    ]


def _score_predictions(report: Report, candidates: list[Candidate], labels: list[_Label], name: str):
    seen_speakers: set[tuple[int, str]] = set()
    for candidate in candidates:
        passage = [label for label in labels if _overlaps(candidate, label)]
        report.excerpt.predicted += 1
        if passage:
            report.excerpt.true_positives_predicted += 1
        else:
            report.mistakes.append(f"{name}: extra passage: {candidate.excerpt[:70]}")
        key = (candidate.excerpt_start, normalise_name(candidate.speaker_name))
        if candidate.speaker_name and key not in seen_speakers:
            seen_speakers.add(key)
            report.speaker.predicted += 1
            if any(label.speakers and label.accepts(candidate.speaker_name) for label in passage):
                report.speaker.true_positives_predicted += 1
            else:
                report.mistakes.append(
                    f"{name}: wrong speaker {candidate.speaker_name!r}: {candidate.excerpt[:60]}"
                )
        if candidate.figure is not None:
            report.figure.predicted += 1
            if any(_figure_right(candidate, label) for label in passage):
                report.figure.true_positives_predicted += 1
            else:
                report.mistakes.append(
                    f"{name}: wrong figure {_figure_value(candidate)} {candidate.figure.qualifier} "
                    f"for {candidate.speaker_name or 'no speaker'!r}: {candidate.excerpt[:60]}"
                )
            if _misattributed(candidate, passage):
                report.misattributed += 1
                report.mistakes.append(
                    f"{name}: MISATTRIBUTED {_figure_value(candidate)} to "
                    f"{candidate.speaker_name!r}: {candidate.excerpt[:60]}"
                )


def _score_labels(report: Report, candidates: list[Candidate], labels: list[_Label], text: str, name: str):
    seen_passages: set[int] = set()
    seen_speakers: set[tuple[int, tuple[str, ...]]] = set()
    for label in labels:
        found = [c for c in candidates if _overlaps(c, label)]
        passage = text[label.start : label.end][:60]
        if label.start not in seen_passages:
            seen_passages.add(label.start)
            report.excerpt.expected += 1
            if found:
                report.excerpt.true_positives_expected += 1
            else:
                report.mistakes.append(f"{name}: missed passage: {passage}")
        if label.speakers and (label.start, tuple(label.speakers)) not in seen_speakers:
            seen_speakers.add((label.start, tuple(label.speakers)))
            report.speaker.expected += 1
            if any(c.speaker_name and label.accepts(c.speaker_name) for c in found):
                report.speaker.true_positives_expected += 1
            else:
                report.mistakes.append(f"{name}: missed speaker {label.speakers[0]!r}: {passage}")
        if label.figure is not None:
            report.figure.expected += 1
            if any(c.figure is not None and _figure_right(c, label) for c in found):
                report.figure.true_positives_expected += 1
            else:
                report.mistakes.append(
                    f"{name}: missed figure {label.figure} {label.qualifier or ''} for "
                    f"{(label.speakers or ['no speaker'])[0]!r}: {passage}"
                )


def evaluate_article(
    text: str, data: dict, *, lexicon: Lexicon, name: str = "", condition: str = LABELLED
) -> Report:
    labels = _load_labels(text, data, name)
    candidates = extract_claims(text, lexicon=lexicon, sources=known_sources(data, condition))
    report = Report(articles=1)
    _score_predictions(report, candidates, labels, name)
    _score_labels(report, candidates, labels, text, name)
    return report


def evaluate_corpus(folder: Path, *, lexicon: Lexicon, condition: str = LABELLED) -> Report:
    """Score the extractor on every labelled article in `folder`."""
    total = Report()
    for article in sorted(Path(folder).glob("*.txt")):
        data = json.loads(article.with_suffix(".json").read_text(encoding="utf-8"))
        report = evaluate_article(
            article.read_text(encoding="utf-8"),
            data,
            lexicon=lexicon,
            name=article.stem,
            condition=condition,
        )
        total.articles += 1
        total.excerpt.add(report.excerpt)
        total.speaker.add(report.speaker)
        total.figure.add(report.figure)
        total.misattributed += report.misattributed
        total.mistakes.extend(report.mistakes)
    return total
