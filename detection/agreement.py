"""The writes of the agreement rules (docs/detection.md, rules 7 and 8):
rule-made `corroborates` and `revises` relations, and closing the flags a
revision made stale.

Called by `detection.services.conflicts_detect_for_claims` for every batch of
claims it checks, over the candidates that batch already loaded, with two
more queries whatever the database size (when each candidate was reported,
and the relations touching the candidates). Idempotent: a check over
unchanged claims writes nothing.
"""

import logging
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Exists, Min, OuterRef, Q

from claims.models import AuditEntry, Claim, ClaimRelation, ConflictFlag
from claims.services import claims_cap_party_only, flag_reopen, flag_resolve, relation_create
from core.exceptions import ConflictError
from core.hooks import CLAIMS_CHANGED, hook_fire_on_commit

from .rules import Finding, Lexicon, Rule
from .rules.corroboration import Agreement, Revision, claims_agree, figure_revisions
from .selectors import DetectionBatch

logger = logging.getLogger(__name__)

# The rules that compare a claim's figure: a superseded figure no longer
# takes part in them, and their open flags on it are closed as revised.
FIGURE_RULES = frozenset({Rule.FIGURE_MISMATCH, Rule.PARTY_ONLY_SOURCING})


@dataclass
class AgreementState:
    """What the agreement rules know about one batch's candidates."""

    revisions: list[Revision] = field(default_factory=list)
    # Older claim id -> the revision that superseded it.
    superseded: dict[int, Revision] = field(default_factory=dict)
    # Every (lower id, higher id) pair one of which revises the other.
    revision_pairs: set[tuple[int, int]] = field(default_factory=set)
    # Every relation touching the candidates, by (lower id, higher id).
    relations_by_pair: dict[tuple[int, int], list[tuple]] = field(default_factory=dict)

    def excludes(self, finding: Finding) -> bool:
        """A figure rule's finding about a superseded figure, or between a
        figure and its revision, is not raised: a speaker moving its own
        figure is history, not a conflict."""
        if finding.rule not in FIGURE_RULES:
            return False
        if any(pk in self.superseded for pk in finding.claim_ids):
            return True
        return len(finding.claim_ids) == 2 and _pair(*finding.claim_ids) in self.revision_pairs


def _pair(first: int, second: int) -> tuple[int, int]:
    return (first, second) if first < second else (second, first)


def agreement_state_load(*, batch: DetectionBatch) -> AgreementState:
    """Revisions among the batch's candidates and the relations touching them (two queries)."""
    candidates = {claim.id: claim for group in batch.candidates_by_event.values() for claim in group}
    state = AgreementState()
    # When each figure was reported: its earliest document's publication,
    # else when it was recorded. Only figure claims can be revisions.
    figure_ids = [pk for pk, claim in candidates.items() if claim.is_figure and claim.sources]
    reported_at: dict[int, datetime] = {}
    if figure_ids:
        for pk, created_at, published_at in (
            Claim.objects.filter(pk__in=figure_ids)
            .order_by()
            .annotate(published=Min("attributions__document__published_at"))
            .values_list("id", "created_at", "published")
        ):
            reported_at[pk] = published_at or created_at
    state.revisions = figure_revisions([candidates[pk] for pk in figure_ids], reported_at)
    state.superseded = {revision.older: revision for revision in state.revisions if revision.supersedes}
    state.revision_pairs = {_pair(revision.newer, revision.older) for revision in state.revisions}
    # The checked claims too: a settled or moved claim is no candidate, but
    # the rule's corroborations of it must still be re-evaluated.
    ids = list(set(candidates) | {claim.id for claim in batch.claims})
    if not ids:
        return state
    for row in (
        ClaimRelation.objects.filter(Q(from_claim_id__in=ids) | Q(to_claim_id__in=ids))
        .order_by()
        .values_list("id", "from_claim_id", "to_claim_id", "relation_type", "origin")
    ):
        state.relations_by_pair.setdefault(_pair(row[1], row[2]), []).append(row)
    return state


def _record_relation(*, first: int, second: int, relation_type: str, rationale: str) -> bool:
    try:
        relation_create(
            from_claim=Claim(pk=first),
            to_claim=Claim(pk=second),
            relation_type=relation_type,
            origin=ClaimRelation.Origin.RULE,
            rationale=rationale[:1000],
        )
    except ConflictError:
        return False  # Recorded meanwhile by another worker.
    return True


def _queue_check(claim_id: int) -> None:
    # Through the claims_changed hook, like any other change: services never import tasks.
    hook_fire_on_commit(CLAIMS_CHANGED, claim_ids=[claim_id])


def revisions_record(*, batch: DetectionBatch, state: AgreementState) -> list:
    """Record each revision as a rule-made `revises` relation (newer -> older),
    once; remove the rule's own `revises` relations of a checked claim that
    no longer hold (a speaker or a subject was corrected, a claim moved)."""
    recorded: list = []
    current = {(revision.newer, revision.older) for revision in state.revisions}
    checked = {claim.id for claim in batch.claims}
    for rows in state.relations_by_pair.values():
        for row in list(rows):
            relation_id, from_id, to_id, relation_type, origin = row
            if (
                relation_type == ClaimRelation.Type.REVISES
                and origin == ClaimRelation.Origin.RULE
                and {from_id, to_id} & checked
                and (from_id, to_id) not in current
            ):
                ClaimRelation.objects.filter(pk=relation_id, origin=ClaimRelation.Origin.RULE).delete()
                rows.remove(row)
                recorded.append(relation_id)
                logger.info(
                    "Claim %s no longer revises claim %s; the rule's relation is removed.", from_id, to_id
                )
                if to_id not in state.superseded:
                    revised_flags_reopen(newer_id=from_id, older_id=to_id)
    for revision in state.revisions:
        existing = state.relations_by_pair.get(_pair(revision.newer, revision.older), [])
        if any(row[3] == ClaimRelation.Type.REVISES for row in existing):
            continue
        if _record_relation(
            first=revision.newer,
            second=revision.older,
            relation_type=ClaimRelation.Type.REVISES,
            rationale=revision.rationale,
        ):
            recorded.append(revision)
            logger.info("Claim %s revises claim %s.", revision.newer, revision.older)
    return recorded


def _reopened_by_a_person_after_the_system_closed_it() -> Exists:
    """An editor who re-opens a flag this rule closed has overruled it: the
    flag stays in the queue until a person closes it again, however often the
    claims are re-checked. Read from the structured history (a status change
    with no actor, then a re-opening with one)."""
    system_close = AuditEntry.objects.filter(
        flag_id=OuterRef(OuterRef("pk")),
        action=AuditEntry.Action.STATUS,
        actor__isnull=True,
        created_at__lt=OuterRef("created_at"),
    )
    return Exists(
        AuditEntry.objects.filter(
            flag_id=OuterRef("pk"), action=AuditEntry.Action.REOPENED, actor__isnull=False
        ).filter(Exists(system_close))
    )


def revised_flags_close(*, state: AgreementState) -> list[int]:
    """Close every open or acknowledged figure-rule flag that involves a
    superseded figure, with a note saying it was revised (one query to find
    them). The system is the actor; the flag's history keeps the note."""
    if not state.superseded:
        return []
    superseded = list(state.superseded)
    closed = []
    for flag in (
        ConflictFlag.objects.filter(
            Q(claim_a_id__in=superseded) | Q(claim_b_id__in=superseded),
            rule__in=FIGURE_RULES,
            status__in=ConflictFlag.ACTIVE_STATUSES,
        )
        .exclude(_reopened_by_a_person_after_the_system_closed_it())
        .order_by()
    ):
        old = next(pk for pk in flag.claim_ids if pk in state.superseded)
        revision = state.superseded[old]
        note = (
            f"Closed by the revision rule: {revision.rationale} "
            f"Claim #{revision.newer}'s figure is compared instead."
        )
        try:
            flag_resolve(flag_id=flag.pk, user=None, note=note)
        except ConflictError:
            continue  # An editor closed it a moment ago.
        closed.append(flag.pk)
        logger.info("Closed flag %s: claim %s was revised by claim %s.", flag.pk, old, revision.newer)
    return closed


def revised_flags_reopen(*, newer_id: int, older_id: int) -> list[int]:
    """The revision no longer holds (the newer figure was retracted, marked
    false, moved to another event or credited to someone else): the older
    figure is its speaker's standing figure again, so re-open the figure-rule
    flags this rule closed because of that revision, and queue a check of the
    older claim so each re-opened flag follows its claims (kept, or noted as no
    longer found). Flags a person closed keep their verdict."""
    reopened = []
    for flag in ConflictFlag.objects.filter(
        Q(claim_a_id=older_id) | Q(claim_b_id=older_id),
        rule__in=FIGURE_RULES,
        status=ConflictFlag.Status.RESOLVED,
        resolved_by__isnull=True,
        resolution_note__startswith="Closed by the revision rule:",
        resolution_note__contains=f"Claim #{newer_id}'s figure is compared instead",
    ).order_by():
        try:
            flag_reopen(
                flag_id=flag.pk,
                user=None,
                reason=(
                    f"Re-opened by the revision rule: claim #{newer_id} no longer revises claim "
                    f"#{older_id}, whose figure is compared again."
                ),
            )
        except ConflictError:
            continue  # Re-opened a moment ago.
        reopened.append(flag.pk)
        logger.info("Re-opened flag %s: claim %s no longer revises claim %s.", flag.pk, newer_id, older_id)
    if reopened:
        _queue_check(older_id)
    return reopened


def _stale_rule_contradictions_removed(pair: tuple[int, int], rows: list[tuple]) -> bool:
    """When a pair that now agrees is related only by contradictions a rule
    recorded (the figure or territory rules, when they first flagged it),
    those contradictions were about figures or readings that have since been
    corrected: agreeing figures cannot mismatch, agreeing readings cannot
    clash. Remove them, so the stale relation neither shows on the claims'
    pages nor blocks the corroboration. Returns whether the pair is free now.
    An editor's relation of any kind is never touched; the flag the rule
    raised keeps its own history (it is noted as no longer detected)."""
    if not all(
        relation_type == ClaimRelation.Type.CONTRADICTS and origin == ClaimRelation.Origin.RULE
        for _, _, _, relation_type, origin in rows
    ):
        return False
    ids = [row[0] for row in rows if row[0]]
    ClaimRelation.objects.filter(
        pk__in=ids, relation_type=ClaimRelation.Type.CONTRADICTS, origin=ClaimRelation.Origin.RULE
    ).delete()
    rows.clear()
    logger.info("Claims %s and %s agree now; the rule's earlier contradiction is removed.", *pair)
    return True


def corroborations_record(
    *, batch: DetectionBatch, state: AgreementState, lexicon: Lexicon
) -> tuple[list[Agreement], int]:
    """Relate each checked claim to the candidates that agree with it
    (`corroborates`, origin rule), and remove the rule's own corroborations
    that no longer hold. Never touches a pair an editor related in any way,
    nor a pair already related otherwise, except a contradiction a rule
    recorded that the claims' current figures or readings no longer bear out
    (`_stale_rule_contradictions_removed`)."""
    recorded = []
    agreeing: set[tuple[int, int]] = set()
    for claim in batch.claims:
        if claim.status in (Claim.Status.FALSE, Claim.Status.RETRACTED) or claim.id in state.superseded:
            continue
        for other in batch.candidates_by_event.get(claim.event_id, []) if claim.event_id else []:
            if other.id == claim.id or other.id in state.superseded:
                continue
            first, second = (claim, other) if claim.id < other.id else (other, claim)
            agreement = claims_agree(first, second, lexicon)
            if agreement is None:
                continue
            agreeing.add(agreement.pair)
            existing = state.relations_by_pair.get(agreement.pair)
            if existing and not _stale_rule_contradictions_removed(agreement.pair, existing):
                continue  # Already related: by this rule, by an editor, or otherwise.
            if _record_relation(
                first=agreement.pair[0],
                second=agreement.pair[1],
                relation_type=ClaimRelation.Type.CORROBORATES,
                rationale=agreement.rationale,
            ):
                state.relations_by_pair[agreement.pair] = [(None, *agreement.pair, "corroborates", "rule")]
                recorded.append(agreement)
                logger.info("Claims %s and %s corroborate each other.", *agreement.pair)

    # The rule's own corroborations of a checked claim that no longer agree
    # (a figure was corrected, a claim moved event, was revised or marked
    # false): removed, they were never a person's judgement.
    checked = {claim.id for claim in batch.claims}
    removed = 0
    changed_partners: set[int] = set()
    uncorroborated: set[int] = set()
    for pair, rows in state.relations_by_pair.items():
        if pair in agreeing or not (set(pair) & checked):
            continue
        for relation_id, _, _, relation_type, origin in rows:
            if relation_id and relation_type == ClaimRelation.Type.CORROBORATES and origin == "rule":
                removed += ClaimRelation.objects.filter(
                    pk=relation_id, origin=ClaimRelation.Origin.RULE
                ).delete()[0]
                changed_partners.update(pk for pk in pair if pk not in checked)
                uncorroborated.update(pair)
                logger.info("Claims %s and %s no longer agree; the rule's corroboration is removed.", *pair)
    claims_cap_party_only(
        claim_ids=sorted(uncorroborated),
        reason="The claim that corroborated it no longer agrees; every origin left is a party to the conflict.",
    )
    changed_partners.update(pk for agreement in recorded for pk in agreement.pair if pk not in checked)
    _recheck_party_only(batch, changed_partners)
    return recorded, removed


def _recheck_party_only(batch: DetectionBatch, claim_ids: set[int]) -> None:
    """Party-only sourcing is the one conflict rule that reads a claim's
    corroborations: queue a check of the other claim of a new or removed
    corroboration when every one of its speakers is a party, so its flag
    follows. Other partners need no check (the relation shows on both claims'
    pages either way), which keeps a sweep from cascading into re-checks."""
    for claim_id in sorted(claim_ids):
        facts = batch.facts(claim_id)
        if facts is None or not facts.is_figure or not facts.sources:
            continue
        if all(source.is_party for source in facts.sources):
            _queue_check(claim_id)


def agreement_record(*, batch: DetectionBatch, state: AgreementState, lexicon: Lexicon) -> bool:
    """All the agreement rules' writes for one checked batch. Returns whether
    any relation changed, so the caller reloads the batch before the conflict
    rules read it (party-only sourcing reads corroborations)."""
    revised = revisions_record(batch=batch, state=state)
    revised_flags_close(state=state)
    corroborated, removed = corroborations_record(batch=batch, state=state, lexicon=lexicon)
    return bool(revised or corroborated or removed)
