"""Reads for disputes: the editors' queue (one entry per disputed question)
and one dispute with every figure, source and pair behind it.

Every list here costs a fixed number of queries whatever its length: the
disputes (their open state, pair counts and worst severity are stored on
them, kept current by dispute_services.dispute_state_refresh), then their
pairs with their claims, and those claims' sources, read once per page.
"""

from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)

from claims.models import Attribution, Claim, ConflictFlag
from core.prepared_reads import Join, PreparedRead
from core.short_cache import briefly_cached

from .models import Dispute, DisputeFlag, DisputeNote
from .rules import Rule

# The queue's order (open first, most severe, then oldest), the order of the
# dispute_queue_order index; "then next" ranks disputes by the same columns.
QUEUE_ORDER = ("-is_open", "-worst", "created_at", "id")
# Within a dispute, the order its entry lists the pairs (dispute_view): the
# disagreeing pairs, most severe first, then the minor gaps.
PAIR_ORDER = ("minor_gap", "-severity", "id")


def _memberships_prefetch() -> Prefetch:
    sources = Attribution.objects.select_related("source").order_by("id")
    return Prefetch(
        "memberships",
        queryset=DisputeFlag.objects.select_related(
            "flag", "flag__claim_a", "flag__claim_b", "flag__assignee"
        ).prefetch_related(
            Prefetch("flag__claim_a__attributions", queryset=sources),
            Prefetch("flag__claim_b__attributions", queryset=sources),
        ),
    )


def dispute_queue_entries() -> QuerySet[Dispute]:
    """The queue's disputes in its order (open first, most severe, then
    oldest: an index scan on dispute_queue_order) with their events, without
    their pairs: the dashboard reads a page's pairs with `dispute_views_for`.
    `is_open`, `open_pairs`, `pair_count` and `worst` (the most severe open
    pair's severity, or the most severe pair's once all are closed) are
    stored on each dispute by dispute_services.dispute_state_refresh."""
    # A dispute whose claims were all deleted has no pairs left: not a question any more.
    return Dispute.objects.filter(pair_count__gt=0).select_related("event").order_by(*QUEUE_ORDER)


def dispute_queue() -> QuerySet[Dispute]:
    """Every dispute, open ones first, most severe first, then oldest, with
    what a queue entry shows: the event, each pair and each claim's sources."""
    return dispute_queue_entries().select_related("resolved_by").prefetch_related(_memberships_prefetch())


def _open_pairs(pairs: QuerySet[ConflictFlag]) -> QuerySet[ConflictFlag]:
    """The open ones of `pairs`, marked for PAIR_ORDER."""
    return pairs.filter(status__in=ConflictFlag.ACTIVE_STATUSES).alias(
        minor_gap=Case(
            When(rule=Rule.FIGURE_MISMATCH, severity=ConflictFlag.Severity.LOW, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
    )


def _by_their_disputes_queue_order() -> list[str]:
    """QUEUE_ORDER for pairs: their disputes' columns."""
    return [
        f"-dispute_membership__dispute__{column[1:]}"
        if column.startswith("-")
        else f"dispute_membership__dispute__{column}"
        for column in QUEUE_ORDER
    ]


def dispute_next_open_flag(*, after_flag_id: int | None = None, user=None) -> ConflictFlag | None:
    """The pair an editor works on after closing `after_flag_id` ("then next"),
    in the order the queue shows them: the same dispute's other open pairs
    first (the question being worked through; the editor's own among them
    first), then a pair assigned to `user`, then the queue's top open
    dispute; within a dispute, in the order its entry lists them (what j and
    k step through).

    Disputes are ranked by their stored state (`is_open`, `worst`), read in
    the queue's order on its index, so "then next" and the queue cannot
    disagree. A pair not filed under a dispute (or filed under one whose
    stored state wrongly says closed, until `dispute_state_repair` puts it
    right) comes last rather than never. One query for each step tried, at
    most five.
    """
    pairs = ConflictFlag.objects.all()
    user_id = getattr(user, "pk", None)
    if after_flag_id is not None:
        pairs = pairs.exclude(pk=after_flag_id)
        dispute_id = (
            DisputeFlag.objects.filter(flag_id=after_flag_id).values_list("dispute_id", flat=True).first()
        )
        if dispute_id is not None:
            mine_first = Case(
                When(assignee_id=user_id, then=Value(0)), default=Value(1), output_field=IntegerField()
            )
            same = _open_pairs(pairs.filter(dispute_membership__dispute_id=dispute_id))
            flag = same.alias(mine_first=mine_first).order_by("mine_first", *PAIR_ORDER).first()
            if flag is not None:
                return flag
    if user_id is not None:
        # An editor has a handful of assigned pairs: ranking them by their
        # disputes' stored state is a small sort.
        mine = _open_pairs(pairs.filter(assignee_id=user_id, dispute_membership__isnull=False))
        flag = mine.order_by(*_by_their_disputes_queue_order(), *PAIR_ORDER).first()
        if flag is not None:
            return flag
    # The first open dispute in the queue's order with a pair left to go to:
    # an index scan on dispute_queue_order that stops at the first.
    top_dispute = (
        Dispute.objects.filter(is_open=True)
        .filter(
            Exists(
                pairs.filter(
                    status__in=ConflictFlag.ACTIVE_STATUSES, dispute_membership__dispute=OuterRef("pk")
                )
            )
        )
        .order_by(*QUEUE_ORDER)
        .values("pk")[:1]
    )
    flag = (
        _open_pairs(pairs.filter(dispute_membership__dispute_id=Subquery(top_dispute)))
        .order_by(*PAIR_ORDER)
        .first()
    )
    if flag is not None:
        return flag
    return _open_pairs(pairs).order_by(*PAIR_ORDER).first()


def dispute_detail(*, dispute_id: int) -> Dispute:
    """One dispute with its pairs, their claims' sources and its own history;
    also one left without pairs (its claims deleted, or its pairs re-filed
    elsewhere), off the queue but still at its address: its history says
    where its pairs went."""
    return (
        Dispute.objects.select_related("event", "resolved_by")
        .prefetch_related(
            _memberships_prefetch(),
            Prefetch("notes", queryset=DisputeNote.objects.select_related("actor")),
        )
        .get(pk=dispute_id)
    )


@briefly_cached("dispute-status-counts")
def dispute_status_counts() -> dict[str, int]:
    """How many disputes are open, resolved and dismissed (one query), kept
    for LIST_CACHE_SECONDS like the other counts the queue shows; as the
    queue, a dispute left without pairs is not counted."""
    counts = Dispute.objects.filter(pair_count__gt=0).aggregate(
        open=Count("id", filter=Q(is_open=True)),
        resolved=Count("id", filter=Q(is_open=False, decision=Dispute.Decision.RESOLVED)),
        dismissed=Count("id", filter=Q(is_open=False, decision=Dispute.Decision.DISMISSED)),
    )
    return counts


# What a dispute shows


@dataclass
class DisputedClaim:
    """One claim in a dispute, with the names of its sources."""

    claim: Claim
    sources: list[str]

    @property
    def figure(self) -> str:
        return self.claim.figure_display


@dataclass
class DisputeView:
    """A dispute as the queue and its page show it: every claim in it (for a
    toll, highest figure first), the pairs that disagree, and the small gaps
    between sources that are not opposed (under 1.5 times, listed apart so
    they do not read like the real dispute). Built once, then read: the
    properties are cached, as a queue entry reads each several times."""

    dispute: Dispute
    claims: list[DisputedClaim] = field(default_factory=list)
    pairs: list[ConflictFlag] = field(default_factory=list)
    minor_pairs: list[ConflictFlag] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @cached_property
    def status(self) -> str:
        """open, resolved or dismissed: open while a pair awaits a decision;
        once closed, resolved if any pair was resolved."""
        if getattr(self.dispute, "is_open", False):
            return "open"
        if self.dispute.decision:
            return self.dispute.decision
        closed = {flag.status for flag in self.pairs + self.minor_pairs}
        return "resolved" if ConflictFlag.Status.RESOLVED in closed else "dismissed"

    @cached_property
    def all_pairs(self) -> list[ConflictFlag]:
        return self.pairs + self.minor_pairs

    @cached_property
    def open_pairs(self) -> list[ConflictFlag]:
        return [flag for flag in self.all_pairs if flag.is_active]

    @cached_property
    def queue_pairs(self) -> list[ConflictFlag]:
        """The pairs a queue entry lists: those still open, or all once none is."""
        return self.open_pairs or self.all_pairs

    @cached_property
    def assignees(self) -> list[str]:
        return sorted({flag.assignee.get_username() for flag in self.open_pairs if flag.assignee_id})


def is_minor_gap(flag: ConflictFlag) -> bool:
    """A figure gap under 1.5 times between sources that are not on opposite
    sides: the only figure mismatch the rule rates low."""
    return flag.rule == Rule.FIGURE_MISMATCH and flag.severity == ConflictFlag.Severity.LOW


def _view_from_pairs(
    dispute: Dispute, flags: list[ConflictFlag], sources: dict[int, list[str]]
) -> DisputeView:
    """A dispute's view from its pairs (in membership order, their claims
    loaded) and each claim's source names (claim id -> names, first credit first)."""
    view = DisputeView(dispute=dispute)
    claims: dict[int, DisputedClaim] = {}
    for flag in flags:
        (view.minor_pairs if is_minor_gap(flag) else view.pairs).append(flag)
        for claim in (flag.claim_a, flag.claim_b):
            if claim is not None and claim.pk not in claims:
                claims[claim.pk] = DisputedClaim(claim=claim, sources=sources.get(claim.pk, []))
    view.claims = sorted(
        claims.values(),
        key=lambda item: (
            -(item.claim.value_high if item.claim.value_high is not None else -1),
            item.claim.pk,
        ),
    )
    view.pairs.sort(key=lambda flag: (-flag.severity, flag.pk))
    view.minor_pairs.sort(key=lambda flag: flag.pk)
    return view


def _source_names(attributions) -> list[str]:
    names: list[str] = []
    for name in attributions:
        if name not in names:
            names.append(name)
    return names


def dispute_view(dispute: Dispute) -> DisputeView:
    """Turn a dispute read with `dispute_queue`/`dispute_detail` into what the
    pages show; no further queries."""
    flags = [membership.flag for membership in dispute.memberships.all()]
    sources = {
        claim.pk: _source_names(attribution.source.name for attribution in claim.attributions.all())
        for flag in flags
        for claim in (flag.claim_a, flag.claim_b)
        if claim is not None
    }
    return _view_from_pairs(dispute, flags, sources)


_QUEUE_CLAIM_COLUMNS = (
    "text",
    "value_low",
    "value_high",
    "qualifier",
    "quantity_subject",
    "responsible_party",
)
# Only the columns a queue entry shows (tests/ui/test_dashboard_output.py
# would see a query per row if it read another), compiled once per process
# and page length (core/prepared_reads.py): compiling this select_related()
# query was most of the CPU of reading the queue's pairs.
QUEUE_PAIRS = PreparedRead(
    model=ConflictFlag,
    columns=("rule", "severity", "status", "explanation", "claim_a", "claim_b", "assignee"),
    joins=(
        Join("claim_a", _QUEUE_CLAIM_COLUMNS),
        Join("claim_b", _QUEUE_CLAIM_COLUMNS),
        Join("assignee", ("username",)),
    ),
    # The memberships' order, as the prefetch read them.
    queryset=lambda dispute_ids: ConflictFlag.objects.filter(
        dispute_membership__dispute_id__in=dispute_ids
    ).order_by("dispute_membership__dispute_id", "id"),
    extra={"queue_dispute_id": "dispute_membership__dispute_id"},
)

# The names of the claims' sources, first credit first.
QUEUE_CREDITS = PreparedRead(
    model=Attribution,
    columns=("claim",),
    queryset=lambda claim_ids: Attribution.objects.filter(claim_id__in=claim_ids).order_by("id"),
    extra={"source_name": "source__name"},
)


def dispute_views_for(disputes: list[Dispute]) -> list[DisputeView]:
    """The views of a page of `dispute_queue_entries`, in two queries whatever
    the page's size: the pairs with their claims and assignees, then the
    names of the claims' sources. The same views as `dispute_view` gives for
    `dispute_queue`, without Django's prefetch machinery, which cost more CPU
    than the rest of the page's reading (a related manager and a cloned query
    for every claim)."""
    if not disputes:
        return []
    flags = QUEUE_PAIRS.rows([dispute.pk for dispute in disputes])
    claim_ids = sorted({pk for flag in flags for pk in flag.claim_ids})
    credited: dict[int, list[str]] = {}
    for credit in QUEUE_CREDITS.rows(claim_ids):
        credited.setdefault(credit.claim_id, []).append(credit.source_name)
    sources = {claim_id: _source_names(names) for claim_id, names in credited.items()}
    by_dispute: dict[int, list[ConflictFlag]] = {}
    for flag in flags:
        by_dispute.setdefault(flag.queue_dispute_id, []).append(flag)
    return [_view_from_pairs(dispute, by_dispute.get(dispute.pk, []), sources) for dispute in disputes]
