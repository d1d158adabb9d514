"""What to publish: each event's figures side by side, per counted subject.

For an event and a counted subject ("militants killed", synonyms merged as
the figure rules merge them) the summary has one row per source (the speaker,
never the relaying outlet) with its latest figure, and beneath them:

- the **conservative figure**: the lowest figure given by a source that is
  not a party to the conflict (ACLED records the most conservative figure
  when reports differ); none while only parties have given one;
- the **full range** across every source's latest figure;
- how many **independent origins agree** with the conservative figure (their
  latest ranges, qualifiers honoured, overlap it; parties on one side count
  once, and so do sources whose excerpts are one text republished, as
  everywhere in the tracker: claims/origins.py).

Figures are never averaged. Earlier figures of a source are its history (a
revision, docs/detection.md rule 8), shown as a timeline, not compared.

Reads only: three queries per event whatever its size (the synonyms, the
event's figure claims, their attributions with sources and documents); the
synonyms are kept for a few seconds (subject_synonyms).
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Prefetch, QuerySet

from claims.models import Attribution, Claim, Event
from claims.origins import Origin, credit_of, origin_key, origins_of
from claims.selectors import API_ROWS, prefetched_rows
from core.prepared_reads import Join, PreparedRead
from core.short_cache import cached_briefly, lexicon_cache_key

from .models import SubjectSynonym
from .rules.figures import figure_range, figure_ranges_overlap
from .rules.places import place_key, places_differ
from .rules.scope import count_span_groups
from .rules.subjects import canonical_subject

SETTLED_STATUSES = (Claim.Status.FALSE, Claim.Status.RETRACTED)


def subject_synonyms() -> dict[str, str]:
    """The subject synonyms lexicon, {phrase: canonical}, as the summaries
    merge subjects by it. Read on every claim and event page but edited
    rarely, so kept for LIST_CACHE_SECONDS (core/short_cache.py): an edit in
    the admin (core.services.lexicon_entry_*) drops it once committed, so it
    shows at once with a shared cache and within LIST_CACHE_SECONDS (20 s)
    in the other processes with a per-process one. Conflict checks read the
    lexicon fresh (detection.selectors.lexicon_load)."""
    return cached_briefly(
        lexicon_cache_key(SubjectSynonym),
        lambda: dict(SubjectSynonym.objects.values_list("phrase", "canonical")),
    )


@dataclass(frozen=True)
class FigureReport:
    """One source's figure in one claim."""

    claim: Claim
    attribution: Attribution
    reported_at: datetime

    @property
    def figure(self) -> str:
        """The figure with its qualifier, without the subject: "at least 20"."""
        claim = self.claim
        high = claim.value_high if claim.value_high is not None else claim.value_low
        number = f"{claim.value_low:,}" if high == claim.value_low else f"{claim.value_low:,}–{high:,}"
        prefix = {"about": "about ", "at_least": "at least ", "up_to": "up to "}.get(claim.qualifier, "")
        return prefix + number

    @property
    def range(self) -> tuple[float, float]:
        return figure_range(self.claim.value_low, self.claim.value_high, self.claim.qualifier)


@dataclass
class FigureRow:
    """A source's latest figure for the subject, with its earlier ones."""

    latest: FigureReport
    history: list[FigureReport] = field(default_factory=list)  # Oldest first, the latest last.
    # The independent origin its latest figure counts as among the summary's
    # rows: its own, its side's, or the one whose text its excerpt republishes.
    counted_as: Origin | None = None

    @property
    def source(self):
        return self.latest.attribution.source

    @property
    def is_party(self) -> bool:
        return self.source.affiliation == "party"

    @property
    def origin(self) -> str:
        return origin_key(self.source)

    @property
    def counted_origin(self) -> str:
        return self.counted_as.key if self.counted_as else self.origin

    @property
    def counts_as_party(self) -> bool:
        """Its figure is a party's: the source is one, or its excerpt is shown
        to print a party's words. An outlet that only may repeat them (a
        document not recorded) is not a party's voice by that alone, as it
        makes no claim "only from a party" (claims/origins.py: party_only);
        it still counts as the party's origin, never a second one."""
        if self.is_party:
            return True
        return bool(self.counted_as and self.counted_as.is_party and not self.may_republish)

    @property
    def republishes(self) -> str:
        """Whose text its excerpt prints word for word, or "" (claims/echoes.py:
        shares_copy, recorded documents only)."""
        if self._counted_under_another() and self.origin not in self.counted_as.unshown_keys:
            return self._counted_as_name()
        return ""

    @property
    def may_republish(self) -> str:
        """Whose text its excerpt may repeat, or "": it shares a passage with
        that origin's excerpt but one of their documents was not recorded
        (claims/echoes.py: may_share_copy), so it is counted as that origin,
        never a second one, without being shown to print its words."""
        if self._counted_under_another() and self.origin in self.counted_as.unshown_keys:
            return self._counted_as_name()
        return ""

    def _counted_under_another(self) -> bool:
        return self.counted_as is not None and self.counted_as.key != self.origin

    def _counted_as_name(self) -> str:
        return self.counted_as.side if self.counted_as.is_party else self.counted_as.source_names[0]

    @property
    def revised(self) -> bool:
        return len(self.history) > 1


@dataclass
class FigureSummary:
    """One event's figures for one counted subject."""

    event: Event
    subject: str  # Canonical: "militants killed".
    subject_display: str  # As the latest report worded it, with its place and day when they set it apart.
    rows: list[FigureRow]
    # The place and day these figures are about, when the claims give one the
    # event does not: a town's toll under a province-wide event, a day's toll
    # under a week-long siege (docs/detection.md, "What is compared with what").
    place: str = ""
    day: date | None = None
    # The running totals of a subject, place and day set apart from that
    # day's counts (detection/rules/scope.py: count_span_groups).
    running_total: bool = False

    @property
    def conservative(self) -> FigureRow | None:
        """The lowest figure given by a source that is not a party (nor shown
        to republish a party's words), or None.

        A source that only may repeat a party's words (a passage in common,
        a document not recorded) is in: ACLED records the most conservative
        figure, and leaving its figure out on a suspicion could only raise
        the one published. What a possible copy never does is corroborate:
        it counts as the party's origin in `agreeing_origins`, and the page
        says its figure may repeat the party's."""
        independent = [row for row in self.rows if not row.counts_as_party]
        if not independent:
            return None
        return min(independent, key=lambda row: (row.latest.claim.value_low, row.latest.reported_at))

    @property
    def full_range(self) -> tuple[int, int]:
        lows = [row.latest.claim.value_low for row in self.rows]
        highs = [
            row.latest.claim.value_high
            if row.latest.claim.value_high is not None
            else row.latest.claim.value_low
            for row in self.rows
        ]
        return (min(lows), max(highs))

    @property
    def full_range_display(self) -> str:
        low, high = self.full_range
        return f"{low:,}" if low == high else f"{low:,}–{high:,}"

    @property
    def agreeing_origins(self) -> list[str]:
        """The distinct origins whose latest figure agrees with the conservative
        one: one side's parties once, one text republished by several once."""
        conservative = self.conservative
        if conservative is None:
            return []
        names: dict[str, str] = {}
        for row in self.rows:
            if figure_ranges_overlap(row.latest.range, conservative.latest.range):
                names.setdefault(
                    row.counted_origin,
                    row.counted_as.short_name
                    if row.counted_as
                    else (row.latest.attribution.source.side if row.is_party else row.source.name),
                )
        return list(names.values())

    @property
    def party_only(self) -> bool:
        return all(row.counts_as_party for row in self.rows)

    def as_dict(self) -> dict:
        conservative = self.conservative
        return {
            "subject": self.subject,
            "subject_display": self.subject_display,
            "running_total": self.running_total,
            "rows": [
                {
                    "source": {"id": row.source.pk, "name": row.source.name, "slug": row.source.slug},
                    "claim": row.latest.claim.pk,
                    "figure": row.latest.figure,
                    "value_low": row.latest.claim.value_low,
                    "value_high": row.latest.claim.value_high,
                    "qualifier": row.latest.claim.qualifier,
                    "form": row.latest.attribution.form,
                    "is_party": row.is_party,
                    "side": row.source.side if row.is_party else "",
                    "republishes": row.republishes,
                    "may_republish": row.may_republish,
                    "reliability": row.source.reliability,
                    "reported_at": row.latest.reported_at,
                    "history": [
                        {"claim": report.claim.pk, "figure": report.figure, "reported_at": report.reported_at}
                        for report in row.history
                    ],
                }
                for row in self.rows
            ],
            "conservative": (
                {
                    "value": conservative.latest.claim.value_low,
                    "figure": conservative.latest.figure,
                    "source": conservative.source.name,
                    "claim": conservative.latest.claim.pk,
                    "may_repeat": conservative.may_republish,
                }
                if conservative
                else None
            ),
            "full_range": {"low": self.full_range[0], "high": self.full_range[1]},
            "agreeing_independent_origins": len(self.agreeing_origins),
            "agreeing_origin_names": self.agreeing_origins,
        }


def _figure_claims(event_ids) -> QuerySet[Claim]:
    return (
        Claim.objects.filter(event_id__in=event_ids, kind=Claim.Kind.FIGURE)
        .exclude(status__in=SETTLED_STATUSES)
        .order_by()
        .prefetch_related(
            Prefetch(
                "attributions",
                queryset=Attribution.objects.select_related("source", "document").order_by("id"),
            )
        )
    )


def event_figure_summaries(*, event: Event, synonyms: dict[str, str] | None = None) -> list[FigureSummary]:
    """The event's figure summaries, one per counted subject, most sources first."""
    return events_figure_summaries(events=[event], synonyms=synonyms).get(event.pk, [])


def events_figure_summaries(*, events: list[Event], synonyms: dict[str, str] | None = None) -> dict:
    """Figure summaries for several events at once (the digest), in three queries."""
    by_event = {event.pk: event for event in events}
    return figure_summaries_from_claims(
        claims=_figure_claims(list(by_event)), events=events, synonyms=synonyms
    )


def figure_summaries_from_claims(
    *, claims, events: list[Event], synonyms: dict[str, str] | None = None
) -> dict:
    """Figure summaries built from claims already fetched with their
    attributions, sources and documents (the event page's timeline): one
    query, for the synonyms. Claims that are no figure, or false or
    retracted, are left out."""
    if synonyms is None:
        synonyms = subject_synonyms()
    by_event = {event.pk: event for event in events}
    reports: dict[tuple, dict[int, list[FigureReport]]] = {}
    display: dict[tuple, tuple] = {}
    places: dict[tuple, str] = {}
    # (claim id, source id) -> the claim credits the source only through a relaying outlet.
    relayed_only: dict[tuple[int, int], bool] = {}
    by_scope: dict[tuple, list[Claim]] = {}
    for claim in claims:
        if (
            claim.kind != Claim.Kind.FIGURE
            or claim.status in SETTLED_STATUSES
            or claim.event_id not in by_event
        ):
            continue
        subject = canonical_subject(claim.quantity_subject, synonyms)
        by_scope.setdefault(
            (claim.event_id, subject, *figure_scope(claim, by_event[claim.event_id])), []
        ).append(claim)
    keyed: list[tuple[tuple, Claim]] = []
    for scope, scoped in by_scope.items():
        # A running total and one day's count are two counts, as the figure
        # rules read them (same_count_span): never one range or one history.
        groups = count_span_groups(scoped)
        for index, group in enumerate(groups):
            keyed.extend(((*scope, len(groups) > 1 and index == 1), claim) for claim in group)
    for key, claim in keyed:
        for attribution in prefetched_rows(claim, "attributions"):
            published = attribution.document.published_at if attribution.document_id else None
            report = FigureReport(
                claim=claim, attribution=attribution, reported_at=published or claim.created_at
            )
            reports.setdefault(key, {}).setdefault(attribution.source_id, []).append(report)
            credit = (claim.pk, attribution.source_id)
            relayed_only[credit] = relayed_only.get(credit, True) and attribution.relayed_by_id is not None
            display[key] = max(
                display.get(key, (report.reported_at, "")), (report.reported_at, claim.quantity_subject)
            )
            places.setdefault(key, claim.place.strip() if key[2] else "")
    summaries: dict[int, list[FigureSummary]] = {}
    for key, per_source in reports.items():
        event_id, subject, _, day, running_total = key
        rows = []
        for history in per_source.values():
            # Several attributions of one claim to one source are one report.
            unique = {report.claim.pk: report for report in history}
            ordered = _own_history(
                sorted(unique.values(), key=lambda report: (report.reported_at, report.claim.pk)),
                relayed_only,
            )
            rows.append(FigureRow(latest=ordered[-1], history=ordered))
        rows.sort(key=lambda row: (row.is_party, row.latest.claim.value_low, row.source.name))
        # Which rows are one origin: one side's parties, and sources whose
        # latest excerpts are one text republished (claims/origins.py).
        origins = origins_of(credit_of(row.latest.attribution) for row in rows)
        by_key = {key: origin for origin in origins for key in origin.keys}
        for row in rows:
            row.counted_as = by_key[row.origin]
        wording = display[key][1] or subject
        place = places[key]
        where = (
            (" (running total)" if running_total else "")
            + (f" in {place}" if place else "")
            + (f" on {day:%-d %b %Y}" if day else "")
        )
        summaries.setdefault(event_id, []).append(
            FigureSummary(
                event=by_event[event_id],
                subject=subject,
                subject_display=wording + where,
                rows=rows,
                place=place,
                day=day,
                running_total=running_total,
            )
        )
    for event_summaries in summaries.values():
        event_summaries.sort(
            key=lambda summary: (
                -len(summary.rows),
                summary.subject,
                summary.place,
                summary.day or date.min,
                summary.running_total,
            )
        )
    return summaries


def _own_history(
    ordered: list[FigureReport], relayed_only: dict[tuple[int, int], bool]
) -> list[FigureReport]:
    """A source's reports, oldest first, without its stale echoes: an outlet
    passing on, after the source revised it, one of its earlier figures
    (credited to the source only through the relay). The source's latest
    figure is chosen by its own statements, as the revision rule does
    (detection/rules/corroboration.py: figure_revisions)."""

    def numbers(report: FigureReport) -> tuple:
        claim = report.claim
        return (claim.value_low, claim.value_high if claim.value_high is not None else claim.value_low)

    standing: list[FigureReport] = []
    for report in ordered:
        if (
            standing
            and relayed_only[(report.claim.pk, report.attribution.source_id)]
            and numbers(report) != numbers(standing[-1])
            and any(numbers(report) == numbers(earlier) for earlier in standing)
        ):
            continue
        standing.append(report)
    return standing


def figure_scope(claim: Claim, event: Event) -> tuple[str, date | None]:
    """What sets a figure's summary apart within its event and subject: its
    own place when that is not the event's (as `place_key` reads it, so
    "Harbour town" and "Harbour Town, Syria" are one toll), and its day when the
    event runs over several days. Figures for two towns, or for Monday and
    for Tuesday of a siege, are two tolls: never one row's history, never one
    conservative figure.

    Example: under "Storm along the coast" (Coastal province), 12 killed in
    "Harbour town" has the scope ("harbour town", None); a figure with no
    place of its own has ("", None).
    """
    place = place_key(claim.place)
    if place and event.place and not places_differ(claim.place, event.place):
        place = ""
    spans_days = (
        event.start_date is not None and event.end_date is not None and event.end_date > event.start_date
    )
    return place, claim.occurred_on if spans_days else None


def claim_figure_summary(*, claim: Claim) -> FigureSummary | None:
    """The summary of the claim's event and counted subject, or None for a
    claim that is no figure or has no event."""
    if claim.kind != Claim.Kind.FIGURE or claim.event_id is None:
        return None
    synonyms = subject_synonyms()
    subject = canonical_subject(claim.quantity_subject, synonyms)
    summaries = figure_summaries_from_claims(
        claims=_figure_claims_in_one_query(claim.event_id), events=[claim.event], synonyms=synonyms
    )
    place, day = figure_scope(claim, claim.event)
    scoped = [
        summary
        for summary in summaries.get(claim.event_id, [])
        if summary.subject == subject and place_key(summary.place) == place and summary.day == day
    ]
    # A running total and the day's counts are two summaries: the one holding the claim.
    for summary in scoped:
        if any(report.claim.pk == claim.pk for row in summary.rows for report in row.history):
            return summary
    return scoped[0] if scoped else None


# The claim page's read of its event's figure claims with their
# attributions, sources and documents (bodies left out): one query where
# _figure_claims takes two and a prefetch, compiled once per process
# (core/prepared_reads.py; compiling it cost more CPU than running it).
# Claims without attributions add nothing to a summary.
FIGURE_ATTRIBUTIONS = PreparedRead(
    model=Attribution,
    columns=("claim", "source", "document", "relayed_by", "form", "excerpt"),
    joins=(
        Join(
            "claim",
            (
                "kind",
                "status",
                "event",
                # A running total or one day's count (rules/scope.py: count_span_groups).
                "text",
                "quantity_subject",
                "value_low",
                "value_high",
                "qualifier",
                "created_at",
                "place",
                "occurred_on",
            ),
        ),
        Join("source", ("slug", "name", "affiliation", "side", "reliability")),
        Join("document", ("published_at",)),
    ),
    queryset=lambda event_id: (
        Attribution.objects.filter(claim__event_id=event_id, claim__kind=Claim.Kind.FIGURE)
        .exclude(claim__status__in=SETTLED_STATUSES)
        .order_by("claim_id", "id")
    ),
)


def _figure_claims_in_one_query(event_id: int) -> list[Claim]:
    """The event's figure claims that have attributions, each with its
    attributions as prefetched_rows() reads them (FIGURE_ATTRIBUTIONS)."""
    claims: dict[int, Claim] = {}
    for attribution in FIGURE_ATTRIBUTIONS.rows(event_id):
        claim = claims.setdefault(attribution.claim_id, attribution.claim)
        claim.__dict__.setdefault(API_ROWS["attributions"], []).append(attribution)
    return list(claims.values())
