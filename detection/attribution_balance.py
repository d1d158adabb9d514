"""Attribution balance: the reporting verbs a document uses for each side.

Reporting verbs carry the writer's stance: "claimed", "alleged", "insisted"
distance the writer from a claim; "said", "stated" are neutral; "confirmed",
"acknowledged", "revealed" endorse it (the `ReportingVerbStance` lexicon).
A document that distances one side of a disagreement and endorses the other
is something an editor wants to see before publishing.

For each attribution in a document we read one verb: its `reporting_verb`
when that is in the lexicon, otherwise the lexicon verb nearest to the
excerpt within its sentence of the document. Two attributions are
**opposed** when their sources are parties on opposite sides, or when their
claims are in conflict (a flag from any other rule links them: Russia's 200
against the monitor's 20). A document is **asymmetric** when, for some opposed
pair, one is distanced and the other endorsed; it gets one low-severity flag
(`attribution_balance`) linking the first such pair's claims.
"""

import re
from dataclasses import dataclass

from claims.models import Attribution, ConflictFlag
from sources.models import Document

from .rules import Finding, Lexicon, SourceFacts
from .rules.facts import Severity
from .rules.wording import phrase_positions

RULE = "attribution_balance"
DISTANCING, NEUTRAL, ENDORSING = "distancing", "neutral", "endorsing"
# A check looks at most this many of a claim's documents: keeps one check's
# cost flat for a claim quoted everywhere.
MAX_DOCUMENTS_PER_CHECK = 20
_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n")


@dataclass(frozen=True)
class VerbReading:
    """The verb read for one attribution, with its sentence cut in three for
    highlighting (before, verb, after)."""

    attribution_id: int
    claim_id: int
    source: SourceFacts
    verb: str
    stance: str
    before: str = ""
    after: str = ""


def _sentence_bounds(body: str, start: int, end: int) -> tuple[int, int]:
    left = 0
    for match in _SENTENCE_END.finditer(body, 0, start):
        left = match.end()
    following = _SENTENCE_END.search(body, end)
    return left, following.end() if following else len(body)


def verb_reading(
    *,
    body: str,
    excerpt_start: int | None,
    excerpt_end: int | None,
    reporting_verb: str,
    verbs: list[tuple[str, str]],
) -> tuple[str, str, int, int, int, int] | None:
    """(verb as written, stance, verb start, verb end, sentence start,
    sentence end) for one attribution, or None when no lexicon verb is found.

    Example: in "... with Russia claiming to have killed 200 militants" the
    excerpt "killed 200 militants" reads as ("claiming", "distancing", ...).
    """
    if excerpt_start is not None and excerpt_end is not None and excerpt_end <= len(body):
        left, right = _sentence_bounds(body, excerpt_start, excerpt_end)
        sentence = body[left:right]
        best = None
        for verb, stance in verbs:
            for start, end in phrase_positions(verb, sentence):
                # Outside the excerpt itself, nearest to it.
                absolute = (left + start, left + end)
                if excerpt_start <= absolute[0] < excerpt_end:
                    continue
                distance = min(abs(absolute[0] - excerpt_end), abs(excerpt_start - absolute[1]))
                if best is None or distance < best[0]:
                    best = (distance, stance, absolute)
        stated = (reporting_verb or "").strip()
        if stated:
            for verb, stance in verbs:
                if phrase_positions(verb, stated):
                    # The editor's verb wins; highlight it if the sentence has it.
                    spans = phrase_positions(verb, sentence)
                    if spans:
                        start, end = spans[0]
                        return (sentence[start:end], stance, left + start, left + end, left, right)
                    return (stated, stance, -1, -1, left, right)
        if best is not None:
            _, stance, (start, end) = best
            return (body[start:end], stance, start, end, left, right)
        return None
    stated = (reporting_verb or "").strip()
    for verb, stance in verbs:
        if stated and phrase_positions(verb, stated):
            return (stated, stance, -1, -1, -1, -1)
    return None


def _source(row: dict) -> SourceFacts:
    return SourceFacts(
        id=row["source_id"],
        name=row["source__name"],
        affiliation=row["source__affiliation"],
        side=row["source__side"],
    )


def readings_for_document(*, body: str, rows: list[dict], verbs: list[tuple[str, str]]) -> list[VerbReading]:
    """Every attribution of a document whose verb we can read. `rows` are
    attribution dicts with id, claim_id, excerpt_start, excerpt_end,
    reporting_verb and source_id / source__name / __affiliation / __side."""
    readings = []
    for row in rows:
        found = verb_reading(
            body=body,
            excerpt_start=row["excerpt_start"],
            excerpt_end=row["excerpt_end"],
            reporting_verb=row["reporting_verb"],
            verbs=verbs,
        )
        if found is None:
            continue
        verb, stance, start, end, left, right = found
        before = body[left:start] if start >= 0 else ""
        after = body[end:right] if start >= 0 else ""
        readings.append(
            VerbReading(
                attribution_id=row["id"],
                claim_id=row["claim_id"],
                source=_source(row),
                verb=verb,
                stance=stance,
                before=before.lstrip(),
                after=after.rstrip(),
            )
        )
    return readings


def asymmetric_pairs(
    readings: list[VerbReading], conflicting: set[tuple[int, int]]
) -> list[tuple[VerbReading, VerbReading]]:
    """(distanced, endorsed) pairs of opposed attributions, lower claim ids first."""
    pairs = []
    distanced = [reading for reading in readings if reading.stance == DISTANCING]
    endorsed = [reading for reading in readings if reading.stance == ENDORSING]
    for low in distanced:
        for high in endorsed:
            if low.claim_id == high.claim_id:
                continue
            pair = tuple(sorted((low.claim_id, high.claim_id)))
            if low.source.is_opposed_to(high.source) or pair in conflicting:
                pairs.append((low, high))
    pairs.sort(key=lambda item: tuple(sorted((item[0].claim_id, item[1].claim_id))))
    return pairs


def balance_finding(*, title: str, pairs: list[tuple[VerbReading, VerbReading]]) -> Finding | None:
    """One low-severity finding per asymmetric document."""
    if not pairs:
        return None
    low, high = pairs[0]
    others = len(pairs) - 1
    explanation = (
        f'"{title}" distances {low.source.name} ("{low.verb}") and endorses {high.source.name} '
        f'("{high.verb}") on claims that oppose each other: the reporting verbs take sides'
    )
    if others:
        explanation += f" ({others} more such pair{'s' if others > 1 else ''} in the document)"
    return Finding(
        rule=RULE,
        claim_ids=(low.claim_id, high.claim_id),
        severity=Severity.LOW,
        explanation=explanation + ".",
    )


ATTRIBUTION_COLUMNS = (
    "id",
    "claim_id",
    "document_id",
    "excerpt_start",
    "excerpt_end",
    "reporting_verb",
    "source_id",
    "source__name",
    "source__affiliation",
    "source__side",
)


def _conflicting_pairs(claim_ids: set[int]) -> set[tuple[int, int]]:
    rows = (
        ConflictFlag.objects.filter(claim_a_id__in=claim_ids, claim_b_id__in=claim_ids)
        .exclude(rule=RULE)
        .exclude(status=ConflictFlag.Status.DISMISSED)
        .order_by()
        .values_list("claim_a_id", "claim_b_id")
    )
    return {tuple(sorted(pair)) for pair in rows}


def attribution_balance_findings(
    *, claim_ids: list[int], lexicon: Lexicon, known_conflicts: set[tuple[int, int]] = frozenset()
) -> list[Finding]:
    """The attribution-balance findings for the documents quoting these claims
    (four queries, whatever the batch). `known_conflicts` are claim pairs the
    running check has just found in conflict, not yet stored as flags."""
    if not lexicon.reporting_verbs or not claim_ids:
        return []
    document_ids = list(
        Attribution.objects.filter(claim_id__in=claim_ids, document__isnull=False)
        .order_by()
        .values_list("document_id", flat=True)
        .distinct()[: MAX_DOCUMENTS_PER_CHECK * max(1, len(claim_ids))]
    )
    if not document_ids:
        return []
    documents = {
        row["id"]: row for row in Document.objects.filter(pk__in=document_ids).values("id", "title", "body")
    }
    rows_by_document: dict[int, list[dict]] = {}
    for row in (
        Attribution.objects.filter(document_id__in=document_ids)
        .exclude(claim__status__in=("false", "retracted"))
        .order_by("document_id", "id")
        .values(*ATTRIBUTION_COLUMNS)
    ):
        rows_by_document.setdefault(row["document_id"], []).append(row)
    conflicting = _conflicting_pairs({row["claim_id"] for rows in rows_by_document.values() for row in rows})
    conflicting |= set(known_conflicts)
    findings = []
    for document_id, rows in rows_by_document.items():
        document = documents[document_id]
        readings = readings_for_document(body=document["body"], rows=rows, verbs=lexicon.reporting_verbs)
        finding = balance_finding(title=document["title"], pairs=asymmetric_pairs(readings, conflicting))
        if finding is not None:
            findings.append(finding)
    return findings


def document_attribution_balance(*, document, verbs: list[tuple[str, str]]) -> dict:
    """What the document page shows: each attribution's verb with its stance
    and sentence, grouped by source, and the asymmetric pairs. Reads the
    document's prefetched attributions, plus one query for the conflicts."""
    rows = [
        {
            "id": attribution.pk,
            "claim_id": attribution.claim_id,
            "excerpt_start": attribution.excerpt_start,
            "excerpt_end": attribution.excerpt_end,
            "reporting_verb": attribution.reporting_verb,
            "source_id": attribution.source_id,
            "source__name": attribution.source.name,
            "source__affiliation": attribution.source.affiliation,
            "source__side": attribution.source.side,
        }
        for attribution in document.attributions.all()
    ]
    readings = readings_for_document(body=document.body, rows=rows, verbs=verbs)
    claim_ids = {reading.claim_id for reading in readings}
    conflicting = _conflicting_pairs(claim_ids) if len(claim_ids) > 1 else set()
    pairs = asymmetric_pairs(readings, conflicting)
    return {"readings": readings, "pairs": pairs, "asymmetric": bool(pairs)}


def reporting_verbs_load() -> list[tuple[str, str]]:
    from .models import ReportingVerbStance

    return list(ReportingVerbStance.objects.values_list("verb", "stance"))


__all__ = [
    "attribution_balance_findings",
    "document_attribution_balance",
    "reporting_verbs_load",
]
