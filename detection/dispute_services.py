"""Writes for disputes: grouping pairwise flags into the questions editors
triage, and deciding a dispute as a whole.

A dispute is one disputed question: a toll (every figure for the same
counted subject of an event, in the place and on the day its claims give),
who the victims were, who did it, how the event is framed, who holds the
place. The detector keeps raising flags pair by pair (precise, and what the
API lists); `disputes_sync` files each flag under its question, and moves it
when an edit changes which question that is; the queue shows questions. Resolving or dismissing a dispute
closes its open pairs through `claims.services.flag_resolve`/`flag_dismiss`,
so every pair gets the same note and its own audit entry.
"""

import hashlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, Exists, F, Max, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from claims.models import Claim, ConflictFlag
from claims.services import flag_dismiss, flag_resolve
from core.exceptions import ConflictError

from .models import REPAIR_IDS_KEPT, Dispute, DisputeFlag, DisputeNote, DisputeStateRepair
from .rules import Lexicon, Rule
from .rules.disagreement import DisagreementRule
from .rules.places import place_key
from .rules.scope import shared_scope
from .rules.subjects import canonical_subject
from .selectors import lexicon_load

logger = logging.getLogger(__name__)

Topic = Dispute.Topic

# Which question each rule's flags bear on. A rule not listed files its flags
# under "other", one dispute per event.
TOPIC_BY_RULE = {
    Rule.FIGURE_MISMATCH: Topic.FIGURE,
    # A figure only a party vouches for is part of the same toll question:
    # one army figure no longer makes a separate queue entry.
    Rule.PARTY_ONLY_SOURCING: Topic.FIGURE,
    Rule.FRAMING_CONFLICT: Topic.FRAMING,
    Rule.TERRITORIAL_CONTROL: Topic.CONTROL,
    Rule.VERIFIED_CONTRADICTION: Topic.CONTRADICTION,
    Rule.EDITOR_CONTRADICTION: Topic.CONTRADICTION,
    DisagreementRule.VICTIM_STATUS: Topic.VICTIMS,
    DisagreementRule.RESPONSIBILITY: Topic.RESPONSIBILITY,
    DisagreementRule.DENIAL: Topic.DENIAL,
    DisagreementRule.ATTRIBUTION_BALANCE: Topic.ATTRIBUTION,
}


# Which questions are asked of one place, and which of one day too: two
# towns' accounts of a retreat, or of who holds them, are two questions, and
# two rival pairs about one town are one. A key carries the place (and the
# day) only where every claim of the flag gives the same one.
# Framing, victims, responsibility and recorded contradictions are not split
# by day: their rules do not read the date (a statement is often dated by
# when it was made, not by the act), so a day in the key would split one
# question ("was it a retreat?") across entries by the speakers' dates. A
# denial is one pair anyway: its day only names it.
SCOPED_BY_PLACE = frozenset(
    {
        Topic.FIGURE,
        Topic.FRAMING,
        Topic.CONTROL,
        Topic.VICTIMS,
        Topic.RESPONSIBILITY,
        Topic.CONTRADICTION,
        Topic.DENIAL,
    }
)
SCOPED_BY_DAY = frozenset({Topic.FIGURE, Topic.CONTROL, Topic.DENIAL})
# The rules that compare only claims about one place (services._pair_findings)
# and those that also compare only one day: a flag of theirs whose claims no
# longer share one is stale (_misfiled leaves it where the editor met it).
# Recorded contradictions and denials come from relations, whatever the places.
COMPARED_BY_PLACE = frozenset(
    {Topic.FIGURE, Topic.FRAMING, Topic.CONTROL, Topic.VICTIMS, Topic.RESPONSIBILITY}
)
COMPARED_BY_DAY = frozenset({Topic.FIGURE, Topic.CONTROL})


@dataclass(frozen=True)
class DisputeKey:
    key: str
    topic: str
    event_id: int | None
    subject: str = ""
    # A dispute's scope (rules/scope.py: shared_scope; SCOPED_BY_PLACE/DAY).
    place: str = ""
    day: date | None = None
    # False when the flag's claims no longer share an event, a place or a
    # day its rule compares (it no longer finds the conflict): see _misfiled.
    settled: bool = True
    # The events of the flag's claims.
    event_ids: frozenset = frozenset()


# Dispute.key's length. A longer key (a very long subject and place) keeps
# its start and ends in a digest of the whole, so it stays one key per question.
KEY_LENGTH = 300


def _bounded(key: str) -> str:
    if len(key) <= KEY_LENGTH:
        return key
    digest = hashlib.sha256(key.encode()).hexdigest()[:40]
    return f"{key[: KEY_LENGTH - len(digest) - 1]}#{digest}"


def _claim_place(claim: dict) -> str:
    """Where a claim is about: its own place, else its event's (as the rules read it)."""
    return " ".join((claim.get("place") or claim.get("event__place") or "").split())


def _claim_day(claim: dict) -> date | None:
    """The day a claim is about: its own date, else its event's when the
    event is one day (an undated claim about a one-day event is about that
    day; under a longer or undated event it may be a total)."""
    if claim.get("occurred_on") is not None:
        return claim["occurred_on"]
    start, end = claim.get("event__start_date"), claim.get("event__end_date")
    return start if start is not None and start == end else None


def _scoped(key: str, topic: str, claims: list[dict]) -> tuple[str, str, date | None, bool]:
    """The key with the place and day every claim gives (as its topic is
    scoped), the place as written, the day, and whether the claims still
    share what the topic's rule compares."""
    scope = shared_scope([_claim_place(claim) for claim in claims], [_claim_day(claim) for claim in claims])
    place = scope.place if topic in SCOPED_BY_PLACE else ""
    day = scope.day if topic in SCOPED_BY_DAY else None
    if place:
        key += f"|place={place_key(place)}"
    if day:
        key += f"|day={day.isoformat()}"
    settled = (scope.same_place or topic not in COMPARED_BY_PLACE) and (
        scope.same_day or topic not in COMPARED_BY_DAY
    )
    return _bounded(key), place[:200], day, settled


def dispute_key_for(*, rule: str, claims: list[dict], synonyms: dict[str, str]) -> DisputeKey:
    """The question a flag bears on, from its rule and its claims (dicts with
    KEY_CLAIM_COLUMNS; lower id first).

    A figure dispute is one toll: the event, the canonical counted subject,
    and the place and day the flag's claims all give (rules/scope.py:
    shared_scope), so a town's toll and another town's, or Monday's and
    Tuesday's, are two questions, and claims giving neither keep the key
    "figure:<event>:<subject>". The other questions of one event are scoped
    the same way (SCOPED_BY_PLACE, SCOPED_BY_DAY): "redeployment" against
    "retreat" in Aleppo and in Tal Rifaat are two framing disputes, who holds
    a town on the 20th and on the 28th two control disputes.

    Example: figure flags 200-vs-20 and 150-vs-20 "militants killed" in
    Aleppo on 3 Oct under event 12 both give
    "figure:12:militants killed|place=aleppo|day=2026-10-03": one dispute;
    50-vs-5 in Tal Rifaat that day is another. A framing flag in Aleppo
    gives "framing:12|place=aleppo".
    """
    topic = TOPIC_BY_RULE.get(rule, Topic.OTHER)
    ids = "-".join(str(claim["id"]) for claim in claims)
    # Two claims under one event: that event. Claims under different events
    # (a recorded contradiction across events) are their own question.
    events = frozenset(claim["event_id"] for claim in claims)
    event_id = next(iter(events)) if len(events) == 1 else None
    # A pair an edit split across events: the rules comparing claims of one
    # event no longer compare them (_misfiled leaves such a flag where it is).
    together = len(events) == 1
    if topic == Topic.FIGURE:
        subject = canonical_subject(claims[0]["quantity_subject"], synonyms)
        if event_id is not None and subject:
            key, place, day, settled = _scoped(f"figure:{event_id}:{subject}", topic, claims)
            return DisputeKey(key, topic, event_id, subject, place, day, settled, events)
        return DisputeKey(
            f"sourcing:claims:{ids}", Topic.SOURCING, event_id, settled=together, event_ids=events
        )
    if topic == Topic.DENIAL:
        # One question per denial: "did the army retreat?", named by its place
        # and day. Keyed by its claims, not their event, so the key outlives a
        # move: the dispute's event follows them as every other dispute's does
        # (_misfiled), and while only one of them has moved it stays where the
        # editor met it.
        # A claim under no event (a denial statement nobody filed under one)
        # leaves the dispute under the other's event, and following it.
        placed = events - {None}
        key, place, day, _ = _scoped(f"denial:claims:{ids}", topic, claims)
        return DisputeKey(
            key,
            topic,
            next(iter(placed)) if len(placed) == 1 else None,
            place=place,
            day=day,
            settled=len(placed) <= 1,
            event_ids=events,
        )
    if event_id is None:
        return DisputeKey(f"{topic}:claims:{ids}", topic, None, settled=together, event_ids=events)
    key, place, day, settled = _scoped(f"{topic}:{event_id}", topic, claims)
    return DisputeKey(key, topic, event_id, place=place, day=day, settled=settled, event_ids=events)


# The queue's stored state (Dispute.is_open, open_pairs, pair_count, worst)


def _state_from_flags() -> dict:
    """The stored state's columns as SQL computed from each dispute's filed
    flags, for one UPDATE of any number of disputes."""
    pairs = DisputeFlag.objects.filter(dispute=OuterRef("pk")).order_by().values("dispute")
    active = pairs.filter(flag__status__in=ConflictFlag.ACTIVE_STATUSES)
    return {
        "is_open": Exists(active),
        "open_pairs": Coalesce(Subquery(active.annotate(n=Count("id")).values("n")), 0),
        "pair_count": Coalesce(Subquery(pairs.annotate(n=Count("id")).values("n")), 0),
        # The most severe open pair; once all are closed, the most severe pair.
        "worst": Coalesce(
            Subquery(active.annotate(m=Max("flag__severity")).values("m")),
            Subquery(pairs.annotate(m=Max("flag__severity")).values("m")),
        ),
    }


def dispute_state_refresh(*, dispute_ids: Iterable[int] | None = None) -> int:
    """Recompute the stored queue state of these disputes (of every dispute
    when None) from their flags; returns how many rows were written.

    Call it inside the transaction that changed a filed flag's status,
    severity or membership. The dispute rows are locked first (in id order)
    and only then recomputed: under READ COMMITTED the UPDATE's snapshot then
    includes any concurrent change to the same dispute that committed while
    we waited, so two editors closing the last two pairs at once cannot leave
    a closed dispute marked open. Callers lock flags before disputes (as
    flag_resolve then this does), never the reverse, so the two orders
    cannot deadlock. `updated_at` is left alone: this is derived state, not
    an edit of the dispute.
    """
    with transaction.atomic():
        disputes = Dispute.objects.all()
        if dispute_ids is not None:
            disputes = disputes.filter(pk__in=sorted(set(dispute_ids)))
        locked = list(disputes.select_for_update().order_by("pk").values_list("pk", flat=True))
        if not locked:
            return 0
        return Dispute.objects.filter(pk__in=locked).update(**_state_from_flags())


@dataclass(frozen=True)
class StateRepairReport:
    checked: int
    repaired: list[int]
    # Conflicts that were in no dispute, so not in the queue, and were filed.
    filed: list[int] = field(default_factory=list)


# A conflict is filed by the check that raised it, moments later; one still
# in no dispute after this long lost its filing (a worker killed between
# the two) and is invisible in the queue until filed.
UNFILED_GRACE = timedelta(minutes=10)
UNFILED_PER_RUN = 5000


def _file_the_unfiled() -> list[int]:
    """File conflicts that no dispute holds (older than UNFILED_GRACE)."""
    unfiled = list(
        ConflictFlag.objects.filter(
            dispute_membership__isnull=True, created_at__lt=timezone.now() - UNFILED_GRACE
        )
        .order_by("pk")
        .values_list("pk", flat=True)[:UNFILED_PER_RUN]
    )
    if unfiled:
        disputes_sync(flag_ids=unfiled)
    return unfiled


def _drifted(disputes) -> list[int]:
    """The ids of those of `disputes` whose stored state differs from their
    flags: one aggregate query (the disputes joined to their pairs, grouped),
    so no dispute is loaded into Python."""
    active = Q(memberships__flag__status__in=ConflictFlag.ACTIVE_STATUSES)
    no_severity = Value(-1)
    return list(
        disputes.order_by()
        .annotate(
            flags_open=Count("memberships", filter=active),
            flags_pairs=Count("memberships"),
            flags_worst=Coalesce(
                Max("memberships__flag__severity", filter=active),
                Max("memberships__flag__severity"),
                no_severity,
            ),
            stored_worst=Coalesce("worst", no_severity),
        )
        .filter(
            Q(is_open=True, flags_open=0)
            | Q(is_open=False, flags_open__gt=0)
            | ~Q(open_pairs=F("flags_open"))
            | ~Q(pair_count=F("flags_pairs"))
            | ~Q(stored_worst=F("flags_worst"))
        )
        .values_list("pk", flat=True)
    )


def _repair(dispute_ids: list[int]) -> list[int]:
    """Recompute those of these disputes still wrong once locked; returns them."""
    with transaction.atomic():
        # Disputes only, in id order, as dispute_state_refresh locks them: a
        # flag write holding its flags waits for us or we for it, never both.
        locked = list(
            Dispute.objects.select_for_update()
            .filter(pk__in=dispute_ids)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        # Checked again under the lock: a flag write that committed since the
        # first look has refreshed its dispute itself, and is not drift.
        still = _drifted(Dispute.objects.filter(pk__in=locked))
        if still:
            Dispute.objects.filter(pk__in=still).update(**_state_from_flags())
    return sorted(still)


def dispute_state_repair(*, batch_size: int = 2000) -> StateRepairReport:
    """Compare every dispute's stored state with what its flags say, and
    recompute only those that drifted (the scheduled repair).

    Drift means a write changed flags without refreshing their disputes (a
    hand edit in the database, a write path missing the flags_changed hook),
    so a run that repairs anything logs a warning and records a
    DisputeStateRepair row (counted on /metrics). Idempotent: a second run
    finds nothing and writes nothing.

    Batches of `batch_size` disputes in id order, two queries each (the next
    ids, then one aggregate comparing that id range with its pairs), so no
    statement reads more than a batch; nothing is locked or written but the
    drifted disputes. At 50,000 disputes and 150,000 pairs: 25 batches,
    about 1.5 s in all (docs/detection.md).
    """
    filed = _file_the_unfiled()
    checked, repaired, after = 0, [], 0
    while True:
        batch = list(
            Dispute.objects.filter(pk__gt=after).order_by("pk").values_list("pk", flat=True)[:batch_size]
        )
        if not batch:
            break
        checked, after = checked + len(batch), batch[-1]
        drifted = _drifted(Dispute.objects.filter(pk__gte=batch[0], pk__lte=after))
        if drifted:
            repaired += _repair(drifted)
    if filed:
        logger.warning(
            "Dispute filing: %d conflict(s) were in no dispute, so missing from the queue, and are "
            "now filed (#%s%s). The check that raised them stopped before filing them.",
            len(filed),
            ", #".join(str(pk) for pk in filed[:20]),
            ", ..." if len(filed) > 20 else "",
        )
    if repaired or filed:
        DisputeStateRepair.objects.create(
            checked=checked,
            repaired=len(repaired),
            dispute_ids=repaired[:REPAIR_IDS_KEPT],
            flags_filed=len(filed),
        )
    if repaired:
        logger.warning(
            "Dispute state drift: repaired %d of %d dispute(s) whose stored state did not match their "
            "flags (#%s%s). Some write changed flags without the flags_changed hook.",
            len(repaired),
            checked,
            ", #".join(str(pk) for pk in repaired[:20]),
            ", ..." if len(repaired) > 20 else "",
        )
    else:
        logger.info("Dispute state: %d dispute(s) checked, none drifted.", checked)
    return StateRepairReport(checked=checked, repaired=repaired, filed=filed)


def dispute_state_refresh_for_flags(*, flag_ids: Iterable[int]) -> int:
    """The receiver of the flags_changed hook (claims' flag services): refresh
    the disputes these flags are filed under, if any."""
    dispute_ids = DisputeFlag.objects.filter(flag_id__in=list(flag_ids)).values_list("dispute_id", flat=True)
    return dispute_state_refresh(dispute_ids=list(dispute_ids))


def disputes_flags_remove(*, flag_ids: Iterable[int]) -> int:
    """The receiver of the flags_deleting hook (a claim is deleted with its
    flags): take the flags out of their disputes and refresh those, in the
    deleting transaction, before the cascade removes them. Returns how many
    disputes were refreshed."""
    flag_ids = sorted(set(flag_ids))
    if not flag_ids:
        return 0
    with transaction.atomic():
        # Flags before disputes, the order every other path locks them in.
        list(ConflictFlag.objects.select_for_update().filter(pk__in=flag_ids).order_by("pk").values("pk"))
        memberships = DisputeFlag.objects.filter(flag_id__in=flag_ids)
        dispute_ids = set(memberships.values_list("dispute_id", flat=True))
        memberships.delete()
        return dispute_state_refresh(dispute_ids=dispute_ids) if dispute_ids else 0


def _reopen_reason(flag: ConflictFlag, dispute: Dispute) -> str:
    when = dispute.resolved_at.strftime("%Y-%m-%d %H:%M UTC") if dispute.resolved_at else "earlier"
    return (
        f"Re-opened: a new disagreement (conflict #{flag.pk}: {flag.explanation}) after the dispute "
        f"was {dispute.decision or 'closed'} on {when}."
    )


def _reopen_if_decided(dispute: Dispute, flag: ConflictFlag) -> bool:
    """An open pair in a decided dispute: the question is open again, said in
    its history; the earlier verdict stays there too."""
    with transaction.atomic():
        locked = Dispute.objects.select_for_update().get(pk=dispute.pk)
        if not locked.decision:
            return False
        DisputeNote.objects.create(
            dispute=locked, action=DisputeNote.Action.REOPENED, reason=_reopen_reason(flag, locked)
        )
        locked.decision, locked.resolution_note, locked.resolved_by, locked.resolved_at = "", "", None, None
        locked.save(update_fields=["decision", "resolution_note", "resolved_by", "resolved_at", "updated_at"])
    logger.info("Dispute %s re-opened by flag %s.", dispute.pk, flag.pk)
    return True


# The claim columns a flag's dispute key reads (dispute_key_for).
KEY_CLAIM_COLUMNS = (
    "id",
    "event_id",
    "quantity_subject",
    "place",
    "occurred_on",
    "event__place",
    "event__start_date",
    "event__end_date",
)


def _dispute_keys_for(flags: list[ConflictFlag], synonyms: dict[str, str]) -> dict[int, DisputeKey]:
    """Each flag's dispute key (flag id -> key), from its claims as they are
    now (one query)."""
    claim_ids = {pk for flag in flags for pk in flag.claim_ids}
    claims = {
        row["id"]: row for row in Claim.objects.filter(pk__in=claim_ids).order_by().values(*KEY_CLAIM_COLUMNS)
    }
    return {
        flag.pk: dispute_key_for(
            rule=flag.rule, claims=[claims[pk] for pk in flag.claim_ids if pk in claims], synonyms=synonyms
        )
        for flag in flags
    }


def _misfiled(dispute: Dispute, key: DisputeKey) -> bool:
    """A filed flag belongs under another dispute now: its claims' event,
    counted subject, place or day changed (or how disputes are keyed did).

    A flag whose claims no longer share an event (or, for a figure, a place
    or a day) is not moved while its dispute is about one of its claims'
    events: its rule no longer finds the conflict (the flag says so in its
    history), and the dispute where an editor met it is where they will
    close it.
    """
    if not key.settled:
        return dispute.key != key.key and dispute.event_id not in key.event_ids
    # A dispute keyed by its claims (a denial, a pair across events) keeps
    # its key when they move together to another event: it follows them
    # there all the same, as a toll's or a framing dispute does.
    return dispute.key != key.key or dispute.event_id != key.event_id


def _disputes_get_or_create(wanted: dict) -> tuple[dict[str, Dispute], set[str]]:
    """The disputes for these keys (name -> key), inserting the missing ones
    ignoring conflicts (another worker may insert the same key) and reading
    them back; with the names this call inserted."""
    disputes = {dispute.key: dispute for dispute in Dispute.objects.filter(key__in=wanted).order_by()}
    missing = [key for name, key in wanted.items() if name not in disputes]
    if missing:
        Dispute.objects.bulk_create(
            [
                Dispute(
                    key=key.key,
                    topic=key.topic,
                    event_id=key.event_id,
                    subject=key.subject,
                    place=key.place,
                    occurred_on=key.day,
                )
                for key in missing
            ],
            ignore_conflicts=True,
        )
        disputes.update(
            (dispute.key, dispute)
            for dispute in Dispute.objects.filter(key__in=[key.key for key in missing]).order_by()
        )
    return disputes, {key.key for key in missing}


@dataclass
class SyncReport:
    reopened: list[Dispute]
    filed: int = 0
    refiled: int = 0


def _disputes_sync(flag_ids: list[int], lexicon: Lexicon | None) -> SyncReport:
    report = SyncReport(reopened=[])
    if not flag_ids:
        return report
    synonyms = (lexicon or lexicon_load()).subject_synonyms
    flags = list(
        ConflictFlag.objects.filter(pk__in=flag_ids)
        .select_related("dispute_membership__dispute")
        .order_by("id")
    )
    keys = _dispute_keys_for(flags, synonyms)
    filed = [flag for flag in flags if hasattr(flag, "dispute_membership")]
    unfiled = [flag for flag in flags if not hasattr(flag, "dispute_membership")]
    misfiled = {flag.pk for flag in filed if _misfiled(flag.dispute_membership.dispute, keys[flag.pk])}
    for flag in filed:
        if flag.pk in misfiled or not flag.is_active:
            continue
        dispute = flag.dispute_membership.dispute
        if dispute.decision and _reopen_if_decided(dispute, flag):
            report.reopened.append(dispute)
    if misfiled:
        sources = {flag.dispute_membership.dispute_id for flag in filed if flag.pk in misfiled}
        refiled = _disputes_refile(dispute_ids=sources, synonyms=synonyms)
        report.reopened += refiled.reopened
        report.refiled = refiled.refiled
    if not unfiled:
        return report
    # In bulk: a first sweep files thousands of flags. Missing disputes are
    # inserted ignoring conflicts (another worker may insert the same key),
    # then read back; memberships likewise (a flag is filed once).
    disputes, _ = _disputes_get_or_create({keys[flag.pk].key: keys[flag.pk] for flag in unfiled})
    created = DisputeFlag.objects.bulk_create(
        [DisputeFlag(flag=flag, dispute=disputes[keys[flag.pk].key]) for flag in unfiled],
        ignore_conflicts=True,
    )
    report.filed = len(created)
    dispute_state_refresh(dispute_ids={disputes[keys[flag.pk].key].pk for flag in unfiled})
    for flag in unfiled:
        dispute = disputes[keys[flag.pk].key]
        if flag.is_active and dispute.decision and _reopen_if_decided(dispute, flag):
            report.reopened.append(dispute)
    return report


def disputes_sync(*, flag_ids: list[int], lexicon: Lexicon | None = None) -> list[Dispute]:
    """File flags under their disputes, re-file those filed under a dispute
    they no longer belong to (their claims' event, counted subject, place or
    day changed: `_disputes_refile`), and re-open a decided dispute when an
    open flag joins it or one of its flags is open again.

    Every check ends with it over the flags of the claims it checked, so an
    edit of a claim (form, API, service, or its event's) re-files the
    claim's flags once its check has run. Idempotent: flags filed where they
    belong cost two reads (the flags, their claims) and write nothing.
    Returns the disputes re-opened.
    """
    return _disputes_sync(flag_ids, lexicon).reopened


def disputes_sync_all(*, batch_size: int = 1000) -> int:
    """File every flag not yet in a dispute (flags raised before disputes
    existed), re-file every flag whose dispute key changed (claims edited
    before re-filing existed, or an upgrade that keys disputes differently,
    such as figure disputes by place and day), then recompute every
    dispute's stored state: the catch-up doubles as the repair for flags
    changed by hand in the database (one UPDATE, about half a second at
    5,000 disputes). `manage.py detect_conflicts --disputes` runs it.
    Idempotent: a second run files and moves nothing. Returns how many flags
    were filed or moved."""
    lexicon = lexicon_load()
    changed, after, next_analyze = 0, 0, batch_size
    while True:
        ids = list(
            ConflictFlag.objects.filter(pk__gt=after).order_by("id").values_list("id", flat=True)[:batch_size]
        )
        if not ids:
            break
        report = _disputes_sync(ids, lexicon)
        changed += report.filed + report.refiled
        after = ids[-1]
        if changed >= next_analyze:
            _dispute_statistics_refresh()
            next_analyze = 2 * changed
    if changed:
        _dispute_statistics_refresh()
    dispute_state_refresh()
    return changed


def _dispute_statistics_refresh() -> None:
    """Give PostgreSQL's planner the dispute tables' real size while the
    catch-up fills them. Every refresh reads a dispute's pairs by dispute id;
    on tables the planner last saw nearly empty (autovacuum off or behind a
    bulk filing) it scans the whole pair table once per dispute instead:
    the final refresh of 50,000 disputes ran for over ten minutes, and 6.5 s
    once analysed. ANALYZE samples, so a refresh at every doubling costs
    milliseconds."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {Dispute._meta.db_table}, {DisputeFlag._meta.db_table}")


# Re-filing: a claim's event, counted subject, place or day changed


@dataclass
class RefileReport:
    reopened: list[Dispute]
    refiled: int = 0


def _what_changed(dispute: Dispute, key: DisputeKey) -> str:
    """Why pairs left `dispute` for `key`'s, in the editor's words."""
    parts = []
    if dispute.event_id != key.event_id:
        parts.append("event")
    elif (dispute.topic, dispute.subject) != (key.topic, key.subject):
        parts.append("counted subject")
    if place_key(dispute.place) != place_key(key.place):
        parts.append("place")
    if dispute.occurred_on != key.day:
        parts.append("day")
    return f"their claims' {' and '.join(parts)} changed" if parts else "their claims changed"


def _conflicts(flag_ids: list[int]) -> str:
    names = [f"#{pk}" for pk in sorted(flag_ids)]
    listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    return f"Conflict{'s' if len(names) > 1 else ''} {listed}"


def _verdict(dispute: Dispute) -> str:
    who = dispute.resolved_by.get_username() if dispute.resolved_by_id else "system"
    when = dispute.resolved_at.strftime("%Y-%m-%d %H:%M UTC") if dispute.resolved_at else "earlier"
    return f"{dispute.decision} by {who} on {when}: “{dispute.resolution_note}”"


def _dispute_rename(dispute: Dispute, key: DisputeKey) -> bool:
    """Give a dispute whose every pair moves to one new question that
    question's key (inside _dispute_refile's transaction, its flags locked):
    it keeps its id, verdict and history. False when a dispute already has
    the key (the pairs join it instead)."""
    if Dispute.objects.filter(key=key.key).exclude(pk=dispute.pk).exists():
        return False
    old_title = dispute.title
    why = _what_changed(dispute, key)
    dispute.key, dispute.topic, dispute.event_id = key.key, key.topic, key.event_id
    dispute.subject, dispute.place, dispute.occurred_on = key.subject, key.place, key.day
    try:
        # A savepoint: another worker filing a new flag may insert the key first.
        with transaction.atomic():
            dispute.save(
                update_fields=["key", "topic", "event", "subject", "place", "occurred_on", "updated_at"]
            )
    except IntegrityError:
        dispute.refresh_from_db()
        return False
    DisputeNote.objects.create(
        dispute=dispute,
        action=DisputeNote.Action.REFILED,
        reason=f"Re-filed as “{dispute.title}” (was “{old_title}”): {why}.",
    )
    return True


def _dispute_refile(flags: list[ConflictFlag], keys: dict[int, DisputeKey]) -> RefileReport:
    """Move the pairs of one dispute (`flags`, all of its pairs) that belong
    under other questions now.

    When none stays, the dispute itself becomes the question most of them
    move to (renamed, keeping its id, verdict and history); the others move
    to their disputes, found or created. Each move is a line in both
    disputes' history. The verdict stays with the dispute it was given in;
    a dispute created by the move from a decided one, with every moved pair
    closed, carries that verdict over (those pairs were closed under it), and
    an open pair moving into a decided dispute re-opens it as a new one would.
    """
    report = RefileReport(reopened=[])
    source = flags[0].dispute_membership.dispute
    groups: dict[str, list[int]] = {}
    staying = False
    for flag in flags:
        if _misfiled(source, keys[flag.pk]):
            groups.setdefault(keys[flag.pk].key, []).append(flag.pk)
        else:
            staying = True
    if not groups:
        return report
    targets = {name: keys[group[0]] for name, group in groups.items()}
    with transaction.atomic():
        # Flags before disputes, the order every other path locks them in;
        # what is still filed here once they are locked is ours to move.
        status = dict(
            ConflictFlag.objects.select_for_update()
            .filter(pk__in=[flag.pk for flag in flags])
            .order_by("pk")
            .values_list("pk", "status")
        )
        # Then the disputes: this one and those the pairs join, in id order
        # (as dispute_state_refresh locks them). A dispute created below is
        # new and ours.
        joined = Dispute.objects.filter(key__in=list(targets)).values_list("pk", flat=True)
        locked = {
            dispute.pk: dispute
            for dispute in Dispute.objects.select_for_update()
            .filter(pk__in=[source.pk, *joined])
            .order_by("pk")
        }
        source = locked[source.pk]
        members = set(DisputeFlag.objects.filter(dispute=source).values_list("flag_id", flat=True))
        still_here = members & set(status)
        groups = {
            name: [pk for pk in group if pk in still_here]
            for name, group in groups.items()
            if any(pk in still_here for pk in group)
        }
        # Renamed only if no pair stays, none left and none joined meanwhile.
        if not staying and members == set(status) and groups:
            # Most of its pairs go to this question (ties: the oldest pair's).
            name = min(groups, key=lambda name: (-len(groups[name]), min(groups[name])))
            if _dispute_rename(source, targets[name]):
                renamed = groups.pop(name)
                report.refiled += len(renamed)
                active = [pk for pk in renamed if status[pk] in ConflictFlag.ACTIVE_STATUSES]
                if source.decision and active:
                    # A pair re-opened by the edit that moved it re-opens the question.
                    if _reopen_if_decided(source, ConflictFlag.objects.get(pk=active[0])):
                        report.reopened.append(source)
        # Pairs whose question keeps this dispute's key go nowhere: only its
        # event could follow them, and that is the rename above.
        groups.pop(source.key, None)
        disputes, created = _disputes_get_or_create({name: targets[name] for name in groups})
        moved_open: list[tuple[Dispute, int]] = []
        for name, group in groups.items():
            target = locked.get(disputes[name].pk) or Dispute.objects.select_for_update().get(
                pk=disputes[name].pk
            )
            moved = DisputeFlag.objects.filter(dispute=source, flag_id__in=group).update(dispute=target)
            if not moved:
                continue
            report.refiled += moved
            why = _what_changed(source, targets[name])
            arrived = f"{_conflicts(group)} moved here from dispute #{source.pk} (“{source.title}”): {why}"
            if source.decision:
                arrived += f"; it was {_verdict(source)}"
            inherits = (
                name in created
                and source.decision
                and not target.decision
                and all(status[pk] not in ConflictFlag.ACTIVE_STATUSES for pk in group)
            )
            if inherits:
                target.decision, target.resolution_note = source.decision, source.resolution_note
                target.resolved_by_id, target.resolved_at = source.resolved_by_id, source.resolved_at
                target.save(
                    update_fields=["decision", "resolution_note", "resolved_by", "resolved_at", "updated_at"]
                )
                arrived += ". Every pair moved here was closed under that verdict, so it stands here too"
            DisputeNote.objects.create(
                dispute=target, action=DisputeNote.Action.REFILED, reason=f"{arrived}."
            )
            DisputeNote.objects.create(
                dispute=source,
                action=DisputeNote.Action.REFILED,
                reason=f"{_conflicts(group)} moved to dispute #{target.pk} (“{target.title}”): {why}.",
            )
            moved_open += [(target, pk) for pk in group if status[pk] in ConflictFlag.ACTIVE_STATUSES]
        dispute_state_refresh(dispute_ids={source.pk, *(disputes[name].pk for name in groups)})
        for target, flag_id in moved_open:
            if target.decision and _reopen_if_decided(target, ConflictFlag.objects.get(pk=flag_id)):
                report.reopened.append(target)
    if report.refiled:
        logger.info("Dispute %s: %d pair(s) re-filed.", source.pk, report.refiled)
    return report


def _disputes_refile(*, dispute_ids: set[int], synonyms: dict[str, str]) -> RefileReport:
    """Re-file the pairs of these disputes (every pair of each, not only the
    ones that prompted it: an event's place or dates change its claims'
    flags all at once, and a dispute whose every pair moves together is
    renamed rather than emptied)."""
    members = list(
        ConflictFlag.objects.filter(dispute_membership__dispute_id__in=dispute_ids)
        .select_related("dispute_membership__dispute")
        .order_by("id")
    )
    keys = _dispute_keys_for(members, synonyms)
    by_dispute: dict[int, list[ConflictFlag]] = {}
    for flag in members:
        by_dispute.setdefault(flag.dispute_membership.dispute_id, []).append(flag)
    report = RefileReport(reopened=[])
    for dispute_id in sorted(by_dispute):
        done = _dispute_refile(by_dispute[dispute_id], keys)
        report.reopened += done.reopened
        report.refiled += done.refiled
    return report


# Deciding a dispute


def _lock_open_dispute(dispute_id: int, verb: str) -> tuple[Dispute, list[int]]:
    # The open pairs first, then the dispute: the order flag_resolve and
    # dispute_state_refresh lock them in, so a pair closed on its own page at
    # the same moment waits instead of deadlocking.
    list(
        ConflictFlag.objects.select_for_update(of=("self",))
        .filter(dispute_membership__dispute_id=dispute_id, status__in=ConflictFlag.ACTIVE_STATUSES)
        .order_by("id")
        .values_list("id", flat=True)
    )
    dispute = Dispute.objects.select_for_update().get(pk=dispute_id)
    open_ids = list(
        ConflictFlag.objects.filter(
            dispute_membership__dispute=dispute, status__in=ConflictFlag.ACTIVE_STATUSES
        )
        .order_by("id")
        .values_list("id", flat=True)
    )
    if not open_ids:
        who = dispute.resolved_by.get_username() if dispute.resolved_by_id else "someone"
        state = dispute.decision or "closed"
        raise ConflictError(
            f"Cannot {verb}: this dispute was already {state} by {who}.", code="dispute_closed"
        )
    return dispute, open_ids


def _record_decision(dispute: Dispute, *, user, decision: str, note: str) -> None:
    dispute.decision = decision
    dispute.resolution_note = note
    dispute.resolved_by = user
    dispute.resolved_at = timezone.now()
    dispute.save(update_fields=["decision", "resolution_note", "resolved_by", "resolved_at", "updated_at"])
    DisputeNote.objects.create(dispute=dispute, action=decision, actor=user, reason=note)


@transaction.atomic
def dispute_resolve(*, dispute_id: int, user, note: str) -> Dispute:
    """Decide the question: every open pair of the dispute is resolved with the
    same note (each pair's history records it), and the dispute keeps the
    verdict. Refused when nothing in it is open."""
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": "Explain how the dispute was resolved."})
    dispute, open_ids = _lock_open_dispute(dispute_id, "resolve")
    for flag_id in open_ids:
        flag_resolve(flag_id=flag_id, user=user, note=note)
    _record_decision(dispute, user=user, decision=Dispute.Decision.RESOLVED, note=note)
    logger.info("Dispute %s resolved by %s: %d pair(s) closed.", dispute.pk, user, len(open_ids))
    return dispute


@transaction.atomic
def dispute_dismiss(*, dispute_id: int, user, reason: str) -> Dispute:
    """Not a real disagreement: every open pair is dismissed with the same
    reason. A pair stays dismissed unless one of its claims changes; a new
    disagreeing claim re-opens the dispute."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why this is not a real dispute."})
    dispute, open_ids = _lock_open_dispute(dispute_id, "dismiss")
    for flag_id in open_ids:
        flag_dismiss(flag_id=flag_id, user=user, reason=reason)
    _record_decision(dispute, user=user, decision=Dispute.Decision.DISMISSED, note=reason)
    logger.info("Dispute %s dismissed by %s: %d pair(s) closed.", dispute.pk, user, len(open_ids))
    return dispute
