"""Checking claims for conflicts, and the periodic sweep.

`conflicts_detect_for_claim` is what the Celery task, the sweep and the
management command all call; it is idempotent (re-running it never
duplicates a flag) and safe to run concurrently for overlapping claims (the
database's unique constraints on flags decide any race).

The writes on flags live in flag_services.py and the suggested event links
in event_link_services.py; their public names are importable from here too.
"""

import logging
import time
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from claims.models import Claim, ClaimRelation, ConflictFlag
from claims.services import relation_create
from core.exceptions import ConflictError

from .agreement import AgreementState, agreement_record, agreement_state_load
from .attribution_balance import attribution_balance_findings
from .event_link_services import event_link_accept, event_link_reject, event_link_suggest
from .flag_services import STALE_NOTE, FlagOutcome, Outcome, flag_note_stale, flag_raise
from .models import SweepState
from .rules import ClaimFacts, Finding, Lexicon, Rule
from .rules.contradictions import editor_declared_contradiction, verified_contradiction
from .rules.disagreement import disagreement_pair_findings, disagreement_relation_findings
from .rules.figures import figure_mismatch
from .rules.framing import framing_conflict
from .rules.scope import same_place, share_a_speaker
from .rules.sourcing import party_only_sourcing
from .rules.territory import territorial_control_conflict
from .rules.victims import different_victims
from .selectors import (
    DetectionBatch,
    claims_changed_since,
    detection_batch_load,
    lexicon_load,
)

logger = logging.getLogger(__name__)

__all__ = [
    "STALE_NOTE",
    "SWEEP_BATCH_SIZE",
    "SWEEP_LOCK_KEY",
    "SWEEP_NAME",
    "FlagOutcome",
    "Outcome",
    "SweepReport",
    "conflicts_detect_for_claim",
    "conflicts_detect_for_claims",
    "conflicts_sweep",
    "event_link_accept",
    "event_link_reject",
    "event_link_suggest",
    "flag_note_stale",
    "flag_raise",
]

SWEEP_NAME = "conflicts"
SWEEP_LOCK_KEY = "detection:sweep-lock"
# The sweep checks claims in batches of this many: each batch is a fixed
# handful of queries (detection_batch_load), and small enough that a batch's
# rows and candidates fit comfortably in a worker's memory.
SWEEP_BATCH_SIZE = 500
# A claim saved in a transaction that commits a little after the sweep read
# the table carries an updated_at older than the new mark; re-reading this far
# back each run catches it. Re-checking a claim twice is harmless (idempotent).
SWEEP_OVERLAP = timedelta(minutes=2)


def _contradiction_record(finding: Finding) -> None:
    """Record the conflict as a rule-made "contradicts" relation so the claim
    page shows it. Rule relations do not touch the claims (claims.services)."""
    first, second = sorted(finding.claim_ids)
    try:
        relation_create(
            from_claim=Claim(pk=first),
            to_claim=Claim(pk=second),
            relation_type=ClaimRelation.Type.CONTRADICTS,
            origin=ClaimRelation.Origin.RULE,
            rationale=finding.explanation,
        )
    except ConflictError:
        pass  # Already recorded, by a rule or an editor.


# Checking claims


def _pair_findings(
    claim: ClaimFacts, batch: DetectionBatch, lexicon: Lexicon, checked_ids: set[int]
) -> list[Finding]:
    findings = []
    if claim.status in (Claim.Status.FALSE, Claim.Status.RETRACTED):
        return findings
    for other in batch.candidates_by_event.get(claim.event_id, []) if claim.event_id else []:
        # A pair of two checked claims is compared once, from its lower id.
        if other.id == claim.id or (other.id < claim.id and other.id in checked_ids):
            continue
        # Different places under one event are different counts and accounts,
        # and one speaker reported twice is not two sides, so neither is a
        # conflict (detection/rules/scope.py; the figure and territory rules
        # also compare only the same day).
        if not same_place(claim, other) or share_a_speaker(claim, other):
            continue
        # Lower id first, so the explanation reads the same whichever claim is checked.
        first, second = (claim, other) if claim.id < other.id else (other, claim)
        for finding in (
            # Counts of civilians and of fighters are different counts.
            None if different_victims(first, second, lexicon) else figure_mismatch(first, second),
            framing_conflict(first, second, lexicon),
            territorial_control_conflict(first, second, lexicon),
            *disagreement_pair_findings(first, second, lexicon),
        ):
            if finding is not None:
                findings.append(finding)
    finding = party_only_sourcing(claim)
    if finding is not None:
        findings.append(finding)
    return findings


def _pairs_in_queue(batch: DetectionBatch, found: dict) -> set[tuple]:
    """Pairs another rule has in the queue already, or is about to raise."""
    pairs = {
        (claim_a, claim_b)
        for (rule, claim_a, claim_b), flag in batch.flags.items()
        if rule != Rule.EDITOR_CONTRADICTION and flag.is_active
    }
    pairs.update(key[1:] for key in found if key[0] != Rule.EDITOR_CONTRADICTION)
    return pairs


def _relation_findings(
    claim: ClaimFacts, batch: DetectionBatch, found: dict, in_queue: set[tuple]
) -> list[Finding]:
    findings = []
    relations = batch.relations_by_claim.get(claim.id, [])
    if not relations:
        return findings
    for relation in relations:
        other = batch.facts(relation.other_than(claim.id))
        if other is None or other.status in (Claim.Status.FALSE, Claim.Status.RETRACTED):
            continue
        finding = verified_contradiction(claim, other, relation)
        if finding is not None:
            findings.append(finding)
            found.setdefault(finding.key, finding)
            in_queue.add(finding.key[1:])
        pair = tuple(sorted((claim.id, other.id)))
        finding = editor_declared_contradiction(claim, other, relation, pair_has_active_flag=pair in in_queue)
        if finding is not None:
            findings.append(finding)
        findings.extend(disagreement_relation_findings(claim, other, relation))
    return findings


def _still_holds(flag: ConflictFlag, found: dict, batch: DetectionBatch) -> bool:
    key = (flag.rule, flag.claim_a_id, flag.claim_b_id)
    if key in found:
        return True
    if flag.rule == Rule.EDITOR_CONTRADICTION:
        # Stands while the editor's relation stands, even once other rules
        # also flag the pair.
        return any(
            relation.relation_type == ClaimRelation.Type.CONTRADICTS
            and relation.origin == ClaimRelation.Origin.EDITOR
            and {relation.from_claim_id, relation.to_claim_id} == {flag.claim_a_id, flag.claim_b_id}
            for relation in batch.relations_by_claim.get(flag.claim_a_id, [])
        )
    return flag.rule not in Rule.values  # A flag from some other rule is none of our business.


def _nothing_to_do(finding: Finding, batch: DetectionBatch) -> bool:
    """Skip the locking write when the flag is already exactly as it would be:
    keeps a sweep over unchanged claims read-only."""
    flag = batch.flags.get(finding.key)
    if flag is None:
        return False
    if flag.is_active:
        return flag.severity == finding.severity and flag.explanation == finding.explanation[:500]
    if flag.resolved_at is None:
        return False
    facts = [batch.facts(pk) for pk in flag.claim_ids]
    # Only a change of content re-opens a closed flag (flag_raise), so a claim
    # moved by an event merge leaves the flag's check read-only.
    return all(fact is not None and fact.content_changed_at <= flag.resolved_at for fact in facts)


def _findings_for(batch: DetectionBatch, agreement: AgreementState, lexicon: Lexicon) -> dict[tuple, Finding]:
    """What every rule finds in the batch, one finding per flag key."""
    found: dict[tuple, Finding] = {}
    checked_ids = {claim.id for claim in batch.claims}
    for claim in batch.claims:
        for finding in _pair_findings(claim, batch, lexicon, checked_ids):
            found.setdefault(finding.key, finding)
    # A superseded figure is history, not a conflict (rule 8).
    found = {key: finding for key, finding in found.items() if not agreement.excludes(finding)}
    in_queue = _pairs_in_queue(batch, found)
    for claim in batch.claims:
        if claim.status in (Claim.Status.FALSE, Claim.Status.RETRACTED):
            continue
        for finding in _relation_findings(claim, batch, found, in_queue):
            found.setdefault(finding.key, finding)
    # Per document: do its reporting verbs take sides between opposed claims?
    conflicts = {key[1:] for key in found if key[2] is not None}
    for finding in attribution_balance_findings(
        claim_ids=sorted(checked_ids), lexicon=lexicon, known_conflicts=conflicts
    ):
        found.setdefault(finding.key, finding)
    return found


def _flags_raise_for(found: dict[tuple, Finding], batch: DetectionBatch) -> list[FlagOutcome]:
    """Raise, update or re-open a flag per finding; returns what changed."""
    outcomes = []
    for finding in found.values():
        if _nothing_to_do(finding, batch):
            continue
        # The flag and its relation commit together: one commit per flag.
        with transaction.atomic():
            result = flag_raise(
                rule=finding.rule,
                claim_ids=finding.claim_ids,
                severity=finding.severity,
                explanation=finding.explanation,
            )
            if result.outcome == Outcome.CREATED and finding.records_contradiction:
                _contradiction_record(finding)
        if result.outcome != Outcome.UNCHANGED and result.outcome != Outcome.KEPT_CLOSED:
            outcomes.append(result)
    return outcomes


def conflicts_detect_for_claims(*, claim_ids: list[int], lexicon: Lexicon | None = None) -> list[FlagOutcome]:
    """Check claims against their candidates and raise, update or re-open flags.

    Returns what changed (flags created, re-opened or updated); flags already
    as they should be are not listed. Claims that no longer exist are skipped.
    """
    lexicon = lexicon or lexicon_load()
    lexicon.readings.clear()
    batch = detection_batch_load(claim_ids=list(claim_ids), lexicon=lexicon)
    # Agreement first (detection/agreement.py): corroborations and revisions
    # change what the conflict rules below read, so reload if they did.
    agreement = agreement_state_load(batch=batch)
    if agreement_record(batch=batch, state=agreement, lexicon=lexicon):
        batch = detection_batch_load(claim_ids=list(claim_ids), lexicon=lexicon)
    found = _findings_for(batch, agreement, lexicon)
    outcomes = _flags_raise_for(found, batch)

    # Flags touching the checked claims that no rule raised this time.
    for flag in batch.flags.values():
        if flag.is_active and not _still_holds(flag, found, batch):
            flag_note_stale(flag_id=flag.pk)

    for claim in batch.claims:
        if claim.event_id is None:
            event_link_suggest(claim=claim, lexicon=lexicon)

    # File the flags under their disputes (the queue's entries); a new open
    # pair re-opens a decided dispute. Imported late: disputes build on flags.
    from .dispute_services import disputes_sync

    disputes_sync(
        flag_ids=sorted({flag.pk for flag in batch.flags.values()} | {result.flag.pk for result in outcomes}),
        lexicon=lexicon,
    )
    return outcomes


def conflicts_detect_for_claim(*, claim_id: int) -> list[FlagOutcome]:
    """Check one claim against its candidates (same event, or for a claim with
    no event, same subject, place and date for a suggested event link)."""
    outcomes = conflicts_detect_for_claims(claim_ids=[claim_id])
    logger.info("Checked claim %s: %d flag(s) raised or changed.", claim_id, len(outcomes))
    return outcomes


# The sweep


@dataclass
class SweepReport:
    checked: int = 0
    outcomes: list | None = None
    finished: bool = True
    skipped: bool = False


def conflicts_sweep(*, full: bool = False, time_budget: float | None = None) -> SweepReport:
    """Recheck every claim changed since the last sweep (or every claim with
    `full`), in batches, so a check lost while the broker was down is caught up.

    Only one sweep runs at a time: a cache lock (`cache.add` is atomic in
    Redis and memcached) makes a second beat's run return at once. The
    high-water mark advances after each batch, so a sweep that runs out of
    `time_budget` seconds leaves the rest to the next run instead of starting
    over. A full sweep does not move the mark.
    """
    budget = time_budget if time_budget is not None else getattr(settings, "DETECTION_SWEEP_TIME_BUDGET", 90)
    # The lock outlives the budget a little, in case the worker dies holding it.
    lock_seconds = int(min(budget, 3600)) + 60
    if not cache.add(SWEEP_LOCK_KEY, "locked", timeout=lock_seconds):
        logger.info("Another conflict sweep is running; skipping this one.")
        return SweepReport(skipped=True, finished=False, outcomes=[])
    try:
        return _sweep(full=full, budget=budget)
    finally:
        cache.delete(SWEEP_LOCK_KEY)


def _sweep(*, full: bool, budget: float) -> SweepReport:
    started = time.monotonic()
    state, _ = SweepState.objects.get_or_create(name=SWEEP_NAME)
    since = None if full or state.high_water_mark is None else state.high_water_mark - SWEEP_OVERLAP
    state.last_started_at = timezone.now()
    state.save(update_fields=["last_started_at"])

    lexicon = lexicon_load()
    report = SweepReport(outcomes=[])
    changed = claims_changed_since(since=since)
    for start in range(0, len(changed), SWEEP_BATCH_SIZE):
        rows = changed[start : start + SWEEP_BATCH_SIZE]
        report.outcomes.extend(conflicts_detect_for_claims(claim_ids=[pk for _, pk in rows], lexicon=lexicon))
        report.checked += len(rows)
        if not full:
            # Everything up to this batch's last change is checked. A claim
            # sharing that timestamp but in the next batch is re-read next
            # run anyway (SWEEP_OVERLAP).
            state.high_water_mark = rows[-1][0]
            state.save(update_fields=["high_water_mark"])
        if time.monotonic() - started > budget and start + SWEEP_BATCH_SIZE < len(changed):
            report.finished = False
            logger.warning(
                "Conflict sweep stopped after %d claims (time budget); the next run goes on.", report.checked
            )
            break
    state.last_finished_at = timezone.now()
    state.last_checked = report.checked
    state.save(update_fields=["last_finished_at", "last_checked"])
    logger.info(
        "Conflict sweep checked %d claims; %d flag(s) raised or changed.",
        report.checked,
        len(report.outcomes),
    )
    return report
