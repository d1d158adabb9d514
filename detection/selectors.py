"""Reads for conflict detection. Every query here is bounded by the claims
being checked: candidates come from the same event (index claim_event_kind)
or the same canonical subject (index claim_subject_kind), never from a scan of
all claims, so checking one claim costs the same with 10,000 claims or 100,000.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import F, Q, QuerySet, Window
from django.db.models.functions import RowNumber

from claims.echoes import copy_words
from claims.models import Attribution, Claim, ClaimRelation, ConflictFlag
from claims.origins import Credit

from .models import (
    ContestedTerm,
    ControlExtentTerm,
    ControlHolderTerm,
    EventLinkSuggestion,
    ReportingVerbStance,
    SubjectSynonym,
    VictimCategoryTerm,
)
from .rules import ClaimFacts, Lexicon, RelationFacts, SourceFacts
from .rules.places import place_key
from .rules.subjects import canonical_subject, subject_variants

# An event with more claims than this is checked against its most recent
# ones only: keeps one check's cost flat even for a story with thousands of
# claims. Generous for a newsroom (the demo's busiest event has three).
MAX_CANDIDATES_PER_EVENT = 500
# Claims whose truth is settled against them do not raise new conflicts.
SETTLED_STATUSES = (Claim.Status.FALSE, Claim.Status.RETRACTED)
# A claim without an event is offered events whose claims fall this close in date.
EVENT_LINK_DAYS = 2
MAX_EVENT_LINK_CANDIDATES = 20


def lexicon_load() -> Lexicon:
    """The editable word lists, as the rules read them (six small queries)."""
    return Lexicon(
        subject_synonyms=dict(SubjectSynonym.objects.values_list("phrase", "canonical")),
        contested_terms=[
            (term.term, term.counterpart_list) for term in ContestedTerm.objects.filter(is_active=True)
        ],
        control_extents=list(ControlExtentTerm.objects.values_list("phrase", "share_low", "share_high")),
        control_holders=list(ControlHolderTerm.objects.values_list("phrase", "side")),
        victim_categories=list(VictimCategoryTerm.objects.values_list("phrase", "category")),
        reporting_verbs=list(ReportingVerbStance.objects.values_list("verb", "stance")),
    )


# The claim columns the rules read. Rows are loaded as dicts, not model
# instances: a sweep builds hundreds of thousands of them.
CLAIM_COLUMNS = (
    "id",
    "text",
    "kind",
    "status",
    "event_id",
    "place",
    "event__place",
    "event__start_date",
    "event__end_date",
    "occurred_on",
    "quantity_subject",
    "value_low",
    "value_high",
    "qualifier",
    "content_changed_at",
    "responsible_party",
)


def _sources_by_claim(
    claim_ids,
) -> tuple[
    dict[int, list[SourceFacts]],
    dict[int, set[tuple]],
    dict[int, tuple[Credit, ...]],
    dict[int, frozenset[int]],
]:
    """Each claim's sources (attribution order, each source once), the
    verbatim excerpts long enough to recognise copied text, with their
    documents, for the claims with such an excerpt their credits (which
    source's excerpt it is, for counting origins: claims/origins.py), and the
    sources each claim credits only through a relaying outlet, one query."""
    rows = (
        Attribution.objects.filter(claim_id__in=claim_ids)
        .order_by("claim_id", "id")
        .values_list(
            "claim_id",
            "source_id",
            "source__name",
            "source__affiliation",
            "source__side",
            "excerpt",
            "document_id",
            "relayed_by_id",
        )
    )
    sources: dict[int, list[SourceFacts]] = {}
    # (claim id, source id) -> whether every attribution to it is relayed.
    only_relayed: dict[tuple[int, int], bool] = {}
    excerpts: dict[int, set[tuple]] = {}
    credits: dict[int, list[Credit]] = {}
    for claim_id, source_id, name, affiliation, side, excerpt, document_id, relayed_by_id in rows:
        key = (claim_id, source_id)
        only_relayed[key] = only_relayed.get(key, True) and relayed_by_id is not None
        listed = sources.setdefault(claim_id, [])
        source = next((source for source in listed if source.id == source_id), None)
        if source is None:
            source = SourceFacts(id=source_id, name=name, affiliation=affiliation, side=side)
            listed.append(source)
        words = copy_words(excerpt)
        if words:
            excerpts.setdefault(claim_id, set()).add((document_id, words))
        credits.setdefault(claim_id, []).append(Credit(source=source, document_id=document_id, copy=words))
    # Only claims with copy to recognise keep their credits: for the others
    # the sources say as much, and a sweep holds hundreds of thousands of claims.
    relayed: dict[int, frozenset[int]] = {}
    for (claim_id, source_id), only in only_relayed.items():
        if only:
            relayed[claim_id] = relayed.get(claim_id, frozenset()) | {source_id}
    return sources, excerpts, {pk: tuple(credits[pk]) for pk in excerpts}, relayed


def claim_facts(
    row: dict,
    lexicon: Lexicon,
    sources: list[SourceFacts] | tuple = (),
    corroborating: tuple[SourceFacts, ...] = (),
    excerpts: Iterable[tuple] = (),
    credits: tuple[Credit, ...] = (),
    corroborating_credits: tuple[Credit, ...] = (),
    relayed_speakers: frozenset[int] = frozenset(),
) -> ClaimFacts:
    """A claim row (CLAIM_COLUMNS) as the rules see it."""
    place = row["place"] or row["event__place"] or ""
    return ClaimFacts(
        id=row["id"],
        text=row["text"],
        kind=row["kind"],
        status=row["status"],
        event_id=row["event_id"],
        place=" ".join(place.lower().split()),
        occurred_on=row["occurred_on"],
        subject=canonical_subject(row["quantity_subject"], lexicon.subject_synonyms),
        subject_display=row["quantity_subject"],
        value_low=row["value_low"],
        value_high=row["value_high"],
        qualifier=row["qualifier"],
        sources=tuple(sources),
        corroborating_sources=corroborating,
        content_changed_at=row["content_changed_at"],
        responsible_party=row.get("responsible_party") or "",
        excerpts=frozenset(excerpts),
        credits=credits,
        corroborating_credits=corroborating_credits,
        relayed_speakers=relayed_speakers,
        event_spans_days=_spans_days(row.get("event__start_date"), row.get("event__end_date")),
    )


def _spans_days(start, end) -> bool:
    return start is not None and end is not None and end > start


@dataclass
class DetectionBatch:
    """Everything needed to check a batch of claims, loaded in a fixed number of queries."""

    claims: list[ClaimFacts]
    candidates_by_event: dict[int, list[ClaimFacts]] = field(default_factory=dict)
    # Related claims (contradicts/corroborates) by id, whatever their event.
    related: dict[int, ClaimFacts] = field(default_factory=dict)
    relations_by_claim: dict[int, list[RelationFacts]] = field(default_factory=dict)
    # Every flag touching a checked claim, keyed by (rule, claim_a, claim_b).
    flags: dict[tuple, ConflictFlag] = field(default_factory=dict)

    def facts(self, claim_id: int) -> ClaimFacts | None:
        """A loaded claim by id: checked, candidate or related."""
        if not hasattr(self, "_by_id"):
            self._by_id = {
                **self.related,
                **{c.id: c for group in self.candidates_by_event.values() for c in group},
                **{c.id: c for c in self.claims},
            }
        return self._by_id.get(claim_id)


def detection_batch_load(*, claim_ids: list[int], lexicon: Lexicon) -> DetectionBatch:
    """Load claims to check with their candidates, relations and flags.

    Six queries whatever the batch size: the claims; the same-event
    candidates, at most MAX_CANDIDATES_PER_EVENT per event (a window
    function over the claim_event_kind index); the relations; the related
    claims; every loaded claim's sources; and the flags.
    """
    # Every query here clears the model's default ordering (.order_by()):
    # otherwise PostgreSQL may walk an index in that order and filter, which
    # grows with the table (ConflictFlag's severity order cost 20 times more
    # at 100,000 claims than at 10,000).
    rows = {
        row["id"]: row for row in Claim.objects.filter(pk__in=claim_ids).order_by().values(*CLAIM_COLUMNS)
    }
    event_ids = {row["event_id"] for row in rows.values() if row["event_id"] is not None}
    candidate_rows = _candidate_rows(event_ids)
    relations_by_claim = _relations_by_claim(claim_ids)
    loaded = set(rows) | {row["id"] for row in candidate_rows}
    related_ids = set(relations_by_claim) - loaded
    related_rows = (
        list(Claim.objects.filter(pk__in=related_ids).order_by().values(*CLAIM_COLUMNS))
        if related_ids
        else []
    )

    all_rows = {row["id"]: row for row in (*candidate_rows, *related_rows, *rows.values())}
    facts = _claim_facts_for(all_rows, relations_by_claim, lexicon)
    candidates_by_event: dict[int, list[ClaimFacts]] = {}
    for row in candidate_rows:
        candidates_by_event.setdefault(row["event_id"], []).append(facts[row["id"]])
    flags = {
        (flag.rule, flag.claim_a_id, flag.claim_b_id): flag
        for flag in ConflictFlag.objects.filter(
            Q(claim_a_id__in=claim_ids) | Q(claim_b_id__in=claim_ids)
        ).order_by()
    }
    return DetectionBatch(
        claims=[facts[pk] for pk in sorted(rows)],
        candidates_by_event=candidates_by_event,
        related={pk: facts[pk] for pk in relations_by_claim if pk in facts},
        relations_by_claim=relations_by_claim,
        flags=flags,
    )


def _candidate_rows(event_ids: set[int]) -> list[dict]:
    """The same-event candidates: at most MAX_CANDIDATES_PER_EVENT per event,
    the newest, in one query (a window function)."""
    if not event_ids:
        return []
    return list(
        Claim.objects.filter(event_id__in=event_ids)
        .exclude(status__in=SETTLED_STATUSES)
        .annotate(rank=Window(RowNumber(), partition_by=[F("event_id")], order_by=F("id").desc()))
        .filter(rank__lte=MAX_CANDIDATES_PER_EVENT)
        .order_by()
        .values(*CLAIM_COLUMNS)
    )


def _relations_by_claim(claim_ids: list[int]) -> dict[int, list[RelationFacts]]:
    """The relations the rules read, filed under both of their claims."""
    relations = list(
        ClaimRelation.objects.filter(
            Q(from_claim_id__in=claim_ids) | Q(to_claim_id__in=claim_ids),
            relation_type__in=(
                ClaimRelation.Type.CONTRADICTS,
                ClaimRelation.Type.CORROBORATES,
                ClaimRelation.Type.DENIES,
            ),
        )
        .order_by()
        .values_list("id", "from_claim_id", "to_claim_id", "relation_type", "origin", "created_by__username")
    )
    relations_by_claim: dict[int, list[RelationFacts]] = {}
    for relation_id, from_id, to_id, relation_type, origin, username in relations:
        relation = RelationFacts(
            id=relation_id,
            from_claim_id=from_id,
            to_claim_id=to_id,
            relation_type=relation_type,
            origin=origin,
            created_by_name=username or "",
        )
        relations_by_claim.setdefault(from_id, []).append(relation)
        relations_by_claim.setdefault(to_id, []).append(relation)
    return relations_by_claim


def _claim_facts_for(
    all_rows: dict[int, dict], relations_by_claim: dict[int, list[RelationFacts]], lexicon: Lexicon
) -> dict[int, ClaimFacts]:
    """Every loaded claim's facts, with its sources and those of the claims
    that corroborate it (one query for all the sources)."""
    sources, excerpts, credits, relayed = _sources_by_claim(list(all_rows))

    def corroborating(claim_id: int) -> tuple[tuple[SourceFacts, ...], tuple[Credit, ...]]:
        """The sources of the claims corroborating it, and their credits when
        one of those claims has copy to recognise (else none)."""
        found: list[SourceFacts] = []
        found_credits: list[Credit] = []
        with_copy = False
        for relation in relations_by_claim.get(claim_id, []):
            if relation.relation_type == ClaimRelation.Type.CORROBORATES:
                other = relation.other_than(claim_id)
                found.extend(sources.get(other, []))
                with_copy = with_copy or other in credits
                found_credits.extend(credits.get(other) or (Credit(source=s) for s in sources.get(other, [])))
        return tuple(found), tuple(found_credits) if with_copy else ()

    facts = {}
    for pk, row in all_rows.items():
        corroborating_sources, corroborating_credits = corroborating(pk)
        facts[pk] = claim_facts(
            row,
            lexicon,
            sources.get(pk, ()),
            corroborating_sources,
            excerpts.get(pk, ()),
            credits.get(pk, ()),
            corroborating_credits,
            relayed.get(pk, frozenset()),
        )
    return facts


def event_link_candidates(*, claim: ClaimFacts, lexicon: Lexicon) -> list[Claim]:
    """Figure claims under some event with the same canonical subject, the same
    place (`place_key`: "Aleppo, Syria" is Aleppo, "East Aleppo" is not) and a
    date within EVENT_LINK_DAYS of this eventless claim.

    The look-up goes through the (quantity_subject, kind) index with every
    wording of the subject the synonym lexicon allows, narrowed in SQL to
    places containing the place's longest word as written; place_key
    decides on the few rows found.
    """
    key = place_key(claim.place)
    if claim.event_id is not None or not claim.is_figure or not key or claim.occurred_on is None:
        return []
    written = [word for word in key.split() if word in claim.place.lower()]
    near = Q()
    if written:
        word = max(written, key=len)
        near = Q(place__icontains=word) | Q(place="", event__place__icontains=word)
    variants = subject_variants(claim.subject_display, lexicon.subject_synonyms)
    window = timedelta(days=EVENT_LINK_DAYS)
    # No ORDER BY in SQL: with one, PostgreSQL may walk the primary key
    # backwards and filter; the subject index finds the few matches, sorted here.
    matches = list(
        Claim.objects.filter(
            quantity_subject__in=variants,
            kind=Claim.Kind.FIGURE,
            event__isnull=False,
            occurred_on__range=(claim.occurred_on - window, claim.occurred_on + window),
        )
        .filter(near)
        .exclude(pk=claim.id)
        .select_related("event")
        .order_by()[: MAX_EVENT_LINK_CANDIDATES * 10]
    )
    matches = [match for match in matches if place_key(match.place or match.event.place) == key]
    matches.sort(key=lambda match: (match.occurred_on, match.pk), reverse=True)
    return matches[:MAX_EVENT_LINK_CANDIDATES]


def event_link_suggestions_pending(*, claim_id: int) -> QuerySet:
    """The event links offered for a claim that nobody has decided on yet."""
    return EventLinkSuggestion.objects.filter(
        claim_id=claim_id, status=EventLinkSuggestion.Status.PENDING
    ).select_related("event", "matched_claim")


def claims_changed_since(*, since: datetime | None) -> list[tuple[datetime, int]]:
    """Every claim changed after `since` (all claims if None) as (updated_at,
    id) pairs in that order: one range scan of the updated_at index.

    Read once at the start of a sweep rather than paged: paging on
    (updated_at, id) with only a single-column index degrades badly when many
    claims share a timestamp. Two small values per claim: 100,000 changed
    claims are a few megabytes.
    """
    queryset = Claim.objects.all()
    if since is not None:
        queryset = queryset.filter(updated_at__gt=since)
    return list(queryset.order_by("updated_at", "id").values_list("updated_at", "id"))
