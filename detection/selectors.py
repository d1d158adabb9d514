"""Reads for conflict detection. Every query here is bounded by the claims
being checked: candidates come from the same event (index claim_event_kind)
or the same canonical subject (index claim_subject_kind), never from a scan of
all claims, so checking one claim costs the same with 10,000 claims or 100,000.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import F, Prefetch, Q, QuerySet, Window
from django.db.models.functions import RowNumber

from claims.models import Attribution, Claim, ClaimRelation, ConflictFlag

from .models import ContestedTerm, ControlExtentTerm, ControlHolderTerm, EventLinkSuggestion, SubjectSynonym
from .rules import ClaimFacts, Lexicon, RelationFacts, SourceFacts
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
    """The editable word lists, as the rules read them (four small queries)."""
    return Lexicon(
        subject_synonyms=dict(SubjectSynonym.objects.values_list("phrase", "canonical")),
        contested_terms=[
            (term.term, term.counterpart_list) for term in ContestedTerm.objects.filter(is_active=True)
        ],
        control_extents=list(ControlExtentTerm.objects.values_list("phrase", "share_low", "share_high")),
        control_holders=list(ControlHolderTerm.objects.values_list("phrase", "side")),
    )


def _with_sources(queryset: QuerySet) -> QuerySet:
    return queryset.select_related("event").prefetch_related(
        Prefetch("attributions", queryset=Attribution.objects.select_related("source"))
    )


def _source_facts(attribution: Attribution) -> SourceFacts:
    source = attribution.source
    return SourceFacts(id=source.pk, name=source.name, affiliation=source.affiliation, side=source.side)


def claim_facts(claim: Claim, lexicon: Lexicon, corroborating: tuple[SourceFacts, ...] = ()) -> ClaimFacts:
    """A claim (with its event and attributions loaded) as the rules see it."""
    place = claim.place or (claim.event.place if claim.event_id else "")
    seen: dict[int, SourceFacts] = {}
    for attribution in claim.attributions.all():
        seen.setdefault(attribution.source_id, _source_facts(attribution))
    return ClaimFacts(
        id=claim.pk,
        text=claim.text,
        kind=claim.kind,
        status=claim.status,
        event_id=claim.event_id,
        place=" ".join(place.lower().split()),
        occurred_on=claim.occurred_on,
        subject=canonical_subject(claim.quantity_subject, lexicon.subject_synonyms),
        subject_display=claim.quantity_subject,
        value_low=claim.value_low,
        value_high=claim.value_high,
        qualifier=claim.qualifier,
        sources=tuple(seen.values()),
        corroborating_sources=corroborating,
        updated_at=claim.updated_at,
    )


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

    Queries: the claims (+ attributions), the same-event candidates ranked per
    event (+ attributions), the relations, the related claims (+ attributions),
    and the flags: about nine, whatever the batch size.
    """
    claims = list(_with_sources(Claim.objects.filter(pk__in=claim_ids)).order_by("id"))
    event_ids = {claim.event_id for claim in claims if claim.event_id is not None}

    candidates_by_event: dict[int, list[ClaimFacts]] = {}
    if event_ids:
        ranked = (
            Claim.objects.filter(event_id__in=event_ids)
            .exclude(status__in=SETTLED_STATUSES)
            .annotate(rank=Window(RowNumber(), partition_by=[F("event_id")], order_by=F("id").desc()))
            .filter(rank__lte=MAX_CANDIDATES_PER_EVENT)
        )
        for candidate in _with_sources(ranked):
            candidates_by_event.setdefault(candidate.event_id, []).append(claim_facts(candidate, lexicon))

    relations = list(
        ClaimRelation.objects.filter(
            Q(from_claim_id__in=claim_ids) | Q(to_claim_id__in=claim_ids),
            relation_type__in=(ClaimRelation.Type.CONTRADICTS, ClaimRelation.Type.CORROBORATES),
        ).select_related("created_by")
    )
    relation_facts = [
        RelationFacts(
            id=relation.pk,
            from_claim_id=relation.from_claim_id,
            to_claim_id=relation.to_claim_id,
            relation_type=relation.relation_type,
            origin=relation.origin,
            created_by_name=relation.created_by.get_username() if relation.created_by_id else "",
        )
        for relation in relations
    ]
    relations_by_claim: dict[int, list[RelationFacts]] = {}
    related_ids = set()
    for relation in relation_facts:
        for claim_id in (relation.from_claim_id, relation.to_claim_id):
            relations_by_claim.setdefault(claim_id, []).append(relation)
            related_ids.add(claim_id)
    related_claims = (
        {claim.pk: claim for claim in _with_sources(Claim.objects.filter(pk__in=related_ids))}
        if related_ids
        else {}
    )

    def corroborating_sources(claim_id: int) -> tuple[SourceFacts, ...]:
        sources = []
        for relation in relations_by_claim.get(claim_id, []):
            if relation.relation_type != ClaimRelation.Type.CORROBORATES:
                continue
            other = related_claims.get(relation.other_than(claim_id))
            if other is not None:
                sources.extend(_source_facts(attribution) for attribution in other.attributions.all())
        return tuple(sources)

    checked = [claim_facts(claim, lexicon, corroborating_sources(claim.pk)) for claim in claims]
    related = {
        pk: claim_facts(claim, lexicon, corroborating_sources(pk)) for pk, claim in related_claims.items()
    }
    flags = {
        (flag.rule, flag.claim_a_id, flag.claim_b_id): flag
        for flag in ConflictFlag.objects.filter(Q(claim_a_id__in=claim_ids) | Q(claim_b_id__in=claim_ids))
    }
    return DetectionBatch(
        claims=checked,
        candidates_by_event=candidates_by_event,
        related=related,
        relations_by_claim=relations_by_claim,
        flags=flags,
    )


def event_link_candidates(*, claim: ClaimFacts, lexicon: Lexicon) -> list[Claim]:
    """Figure claims under some event with the same canonical subject, the same
    place and a date within EVENT_LINK_DAYS of this eventless claim.

    The look-up goes through the (quantity_subject, kind) index with every
    wording of the subject the synonym lexicon allows.
    """
    if claim.event_id is not None or not claim.is_figure or not claim.place or claim.occurred_on is None:
        return []
    variants = subject_variants(claim.subject_display, lexicon.subject_synonyms)
    window = timedelta(days=EVENT_LINK_DAYS)
    return list(
        Claim.objects.filter(
            quantity_subject__in=variants,
            kind=Claim.Kind.FIGURE,
            event__isnull=False,
            occurred_on__range=(claim.occurred_on - window, claim.occurred_on + window),
        )
        .filter(Q(place__iexact=claim.place) | Q(place="", event__place__iexact=claim.place))
        .exclude(pk=claim.id)
        .select_related("event")
        .order_by("-occurred_on", "-id")[:MAX_EVENT_LINK_CANDIDATES]
    )


def event_link_suggestions_pending(*, claim_id: int) -> QuerySet:
    """The event links offered for a claim that nobody has decided on yet."""
    return EventLinkSuggestion.objects.filter(
        claim_id=claim_id, status=EventLinkSuggestion.Status.PENDING
    ).select_related("event", "matched_claim")


def claims_changed_since(*, since: datetime | None, after: tuple[datetime, int] | None, limit: int) -> list:
    """The next `limit` (updated_at, id) pairs of claims changed after `since`,
    in (updated_at, id) order, starting after the `after` key (keyset
    pagination over the indexed updated_at column, so each batch is one cheap
    indexed query however far the sweep has got)."""
    queryset = Claim.objects.all()
    if since is not None:
        queryset = queryset.filter(updated_at__gt=since)
    if after is not None:
        updated_at, claim_id = after
        queryset = queryset.filter(Q(updated_at__gt=updated_at) | Q(updated_at=updated_at, id__gt=claim_id))
    return list(queryset.order_by("updated_at", "id").values_list("updated_at", "id")[:limit])
