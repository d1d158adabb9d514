"""Who a claim really comes from: its independent origins.

A claim's origins are the *originators* of its attributions (the speaker,
`Attribution.source`, never the outlet that relayed it, `relayed_by`) and of
the claims recorded as corroborating it. Reference practice (the Admiralty
code, ACLED, Airwars; see /work/shared/VERIFICATION.md) counts confirmation by
origin, not by report:

- several outlets relaying one originator are one origin (the relay is not a
  source of the information);
- every party to the conflict on one side counts as one origin: a party's own
  outlets, its ministries and its army speak for the same side and are not
  independent of each other (recorded in the data as sources with affiliation
  "party" and the same `side`);
- every other source is its own origin.

Pure functions over anything with `id`, `name`, `affiliation` and `side`
(a `sources.Source` or detection's `SourceFacts`), so the claim page, the API
and the detection rules count the same way.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connections
from django.db.models import Prefetch, Q
from django.utils.text import Truncator

from core.short_cache import cached_briefly
from core.url_cache import reverse_row
from sources.models import Source

from .models import Attribution, Claim, ClaimRelation
from .selectors import prefetched_rows

# An origin needs this many independent origins, at least one not a party to
# the conflict, before the tracker suggests marking a claim corroborated.
CORROBORATION_MIN_ORIGINS = 2
# A claim whose every origin is a party stays at this credibility or worse
# (Admiralty 3, "possibly true") until an independent origin agrees.
PARTY_ONLY_BEST_CREDIBILITY = 3


def origin_key(source) -> str:
    """The identity of a source's origin: its side for a party, itself otherwise.

    Example: the Russian defence ministry and the Syrian army, both parties on
    the "Syrian government and allies" side, share the key
    "side:syrian government and allies"; an independent monitor is "source:7".
    """
    if source.affiliation == "party":
        return "side:" + " ".join((source.side or "").lower().split())
    return f"source:{source.id}"


@dataclass(frozen=True)
class Origin:
    """One independent origin: a non-party source, or one side's parties together."""

    key: str
    is_party: bool
    # The sources behind it, in the order first met.
    source_names: tuple[str, ...]
    side: str = ""

    @property
    def name(self) -> str:
        """How the claim page names it: "Syrian Observatory for Human Rights",
        or for a side "Syrian government and allies (party: Russian Ministry of Defence)"."""
        if self.is_party:
            return f"{self.side} (party: {', '.join(self.source_names)})"
        return self.source_names[0]


def origins_of(sources: Iterable) -> list[Origin]:
    """The distinct origins behind these sources (speakers, not relays), in the order first met."""
    first_source: dict[str, object] = {}
    names: dict[str, list[str]] = {}
    for source in sources:
        key = origin_key(source)
        first_source.setdefault(key, source)
        if source.name not in names.setdefault(key, []):
            names[key].append(source.name)
    origins = []
    for key, source in first_source.items():
        is_party = source.affiliation == "party"
        origins.append(
            Origin(
                key=key,
                is_party=is_party,
                source_names=tuple(names[key]),
                side=(source.side or "").strip() if is_party else "",
            )
        )
    return origins


@dataclass(frozen=True)
class OriginSummary:
    """What the claim page and the API say about a claim's origins."""

    origins: tuple[Origin, ...]

    @property
    def count(self) -> int:
        return len(self.origins)

    @property
    def has_non_party(self) -> bool:
        return any(not origin.is_party for origin in self.origins)

    @property
    def party_only(self) -> bool:
        """Every origin is a party to the conflict (and there is at least one)."""
        return bool(self.origins) and not self.has_non_party

    @property
    def supports_corroboration(self) -> bool:
        """Two or more independent origins, at least one not a party."""
        return self.count >= CORROBORATION_MIN_ORIGINS and self.has_non_party

    @property
    def names(self) -> list[str]:
        return [origin.name for origin in self.origins]

    def __str__(self) -> str:
        noun = "independent origin" if self.count == 1 else "independent origins"
        if not self.origins:
            return "No origin recorded yet"
        return f"{self.count} {noun} ({'; '.join(self.names)})"

    def as_dict(self) -> dict:
        return {
            "count": self.count,
            "party_only": self.party_only,
            "suggest_corroborated": self.supports_corroboration,
            "origins": [
                {"name": origin.name, "is_party": origin.is_party, "sources": list(origin.source_names)}
                for origin in self.origins
            ],
        }


def origin_summary(own_sources: Iterable, corroborating_sources: Iterable = ()) -> OriginSummary:
    """The origins of a claim: its own speakers, then those of claims corroborating it."""
    return OriginSummary(origins=tuple(origins_of([*own_sources, *corroborating_sources])))


# Reads. The pure functions above count; these fetch what they count.


def claims_origin_summaries(claims: Iterable) -> dict[int, OriginSummary]:
    """The origins of claims fetched with their `attributions` (with sources),
    `relations_from` and `relations_to` prefetched, as list pages and the API
    fetch them: one more query for the whole list (the sources of the claims
    corroborating them), none when nothing corroborates them."""
    claims = list(claims)
    partners: dict[int, list[int]] = {}
    for claim in claims:
        partners[claim.pk] = [
            relation.to_claim_id
            for relation in prefetched_rows(claim, "relations_from")
            if relation.relation_type == "corroborates"
        ] + [
            relation.from_claim_id
            for relation in prefetched_rows(claim, "relations_to")
            if relation.relation_type == "corroborates"
        ]
    wanted = {pk for others in partners.values() for pk in others}
    sources_by_claim = _sources_by_claim(wanted) if wanted else {}
    return {
        claim.pk: origin_summary(
            [attribution.source for attribution in prefetched_rows(claim, "attributions")],
            [source for other in sorted(partners[claim.pk]) for source in sources_by_claim.get(other, [])],
        )
        for claim in claims
    }


def _sources_by_claim(claim_ids: set[int]) -> dict[int, list[Source]]:
    """The sources credited with each claim, in one query: only the fields an
    origin summary reads, as unsaved Source rows."""
    sources_by_claim: dict[int, list[Source]] = {}
    for claim_id, source_id, name, affiliation, side in (
        Attribution.objects.filter(claim_id__in=claim_ids)
        .order_by("claim_id", "id")
        .values_list("claim_id", "source_id", "source__name", "source__affiliation", "source__side")
    ):
        sources_by_claim.setdefault(claim_id, []).append(
            Source(id=source_id, name=name, affiliation=affiliation, side=side)
        )
    return sources_by_claim


def claim_origins(*, claim_ids: Iterable[int]) -> dict[int, OriginSummary]:
    """The origins of each claim, in two queries whatever their number: the
    corroborations touching them, then the sources of those claims and theirs."""
    ids = set(claim_ids)
    if not ids:
        return {}
    partners: dict[int, set[int]] = {pk: set() for pk in ids}
    for first, second in (
        ClaimRelation.objects.filter(
            Q(from_claim_id__in=ids) | Q(to_claim_id__in=ids), relation_type=ClaimRelation.Type.CORROBORATES
        )
        .order_by()
        .values_list("from_claim_id", "to_claim_id")
    ):
        if first in partners:
            partners[first].add(second)
        if second in partners:
            partners[second].add(first)
    wanted = ids | {pk for others in partners.values() for pk in others}
    sources_by_claim = _sources_by_claim(wanted)
    return {
        pk: origin_summary(
            sources_by_claim.get(pk, []),
            [source for other in sorted(partners[pk]) for source in sources_by_claim.get(other, [])],
        )
        for pk in ids
    }


def party_only_credibility_error(*, claim_id: int, credibility: int) -> str | None:
    """Why this credibility cannot be given, or None: a claim whose every
    origin is a party stays at 3 ("possibly true") or worse until an
    independent origin agrees (the Admiralty code's "confirmed" and
    "probably true" need independent sources)."""
    if credibility is None or credibility >= PARTY_ONLY_BEST_CREDIBILITY:
        return None
    summary = claim_origins(claim_ids=[claim_id])[claim_id]
    if not summary.party_only:
        return None
    return (
        f"Every origin of this claim is a party to the conflict ({'; '.join(summary.names)}): its "
        f"credibility can be at best {PARTY_ONLY_BEST_CREDIBILITY} (possibly true) until an independent "
        "origin agrees."
    )


# How many unverified claims with a corroboration the queue looks at for
# suggestions: keeps the dashboard's cost fixed however many there are.
SUGGESTION_CANDIDATES = 50


def claims_suggested_corroborated(*, limit: int = 8) -> list:
    """Unverified claims that two or more independent origins, at least one
    not a party, back: the queue's "suggested: corroborated" list, newest
    first. Five queries whatever the database holds (the candidates are
    unverified claims with a corroboration, at most SUGGESTION_CANDIDATES)."""
    candidates = list(
        Claim.objects.filter(pk__in=corroboration_candidate_ids())
        .order_by("-created_at", "-id")
        .prefetch_related(
            Prefetch("attributions", queryset=Attribution.objects.select_related("source")),
            "relations_from",
            "relations_to",
        )[:SUGGESTION_CANDIDATES]
    )
    summaries = claims_origin_summaries(candidates)
    suggested = []
    for claim in candidates:
        if summaries[claim.pk].supports_corroboration:
            claim.origin_summary = summaries[claim.pk]
            suggested.append(claim)
    return suggested[:limit]


SUGGESTIONS_CACHE_KEY = "corroboration-suggestions"


def corroboration_suggestion_rows(*, claims_version: str = "") -> list[dict]:
    """The queue's "suggested: corroborated" panel as plain rows (the same
    for every reader; the template adds the button for who may verify): kept
    for LIST_CACHE_SECONDS under `claims_version` (claims_last_changed), so
    any change to a claim, its credits or its relations shows at the next
    read, in every process. Reading the candidates and their origins was a
    sixth of the dashboard's CPU."""
    return cached_briefly(f"{SUGGESTIONS_CACHE_KEY}:{claims_version}", _corroboration_suggestion_rows)


def _corroboration_suggestion_rows() -> list[dict]:
    return [
        {
            "pk": claim.pk,
            "url": claim.get_absolute_url(),
            "label": Truncator(claim.figure_display or claim.text).chars(80),
            "origins": str(claim.origin_summary),
            "corroborate_url": reverse_row("claims:claim-corroborate", value=claim.pk),
        }
        for claim in claims_suggested_corroborated()
    ]


def corroboration_candidate_ids():
    """Ids of the newest SUGGESTION_CANDIDATES unverified claims with a
    corroboration on each side of the relation, as a subquery (up to twice
    that many; the caller keeps the newest). Each side is its own semi-join,
    newest first and limited: PostgreSQL then walks the
    newest claims when corroborations are common and starts from the
    relations when they are rare. One condition on either side (`from = id OR
    to = id`) left it only the walk, which at a million claims with few
    corroborations read every unverified claim (2.4 s).

    SQLite (the embedded default) cannot limit the parts of a UNION, so there
    it is the one condition: its databases are a desk's demo, not a million
    claims."""
    corroborations = ClaimRelation.objects.filter(relation_type=ClaimRelation.Type.CORROBORATES).order_by()
    newest = ("-created_at", "-id")
    unverified = Claim.objects.filter(status=Claim.Status.UNVERIFIED)
    if not connections[unverified.db].features.supports_slicing_ordering_in_compound:
        return (
            unverified.filter(
                Q(pk__in=corroborations.values("from_claim_id"))
                | Q(pk__in=corroborations.values("to_claim_id"))
            )
            .order_by(*newest)
            .values("pk")[:SUGGESTION_CANDIDATES]
        )
    sides = [
        unverified.filter(pk__in=corroborations.values(side))
        .order_by(*newest)
        .values("pk")[:SUGGESTION_CANDIDATES]
        for side in ("from_claim_id", "to_claim_id")
    ]
    return sides[0].union(sides[1])


def claim_origin_summary(claim) -> OriginSummary:
    """The claim's origins: the summary a list attached to it
    (`claims_origin_summaries_attach`), else worked out for this claim alone."""
    summary = getattr(claim, "_origin_summary", None)
    if summary is None:
        summary = claim._origin_summary = claims_origin_summaries([claim])[claim.pk]
    return summary


def claims_origin_summaries_attach(claims: Iterable) -> list:
    """Work out a page's origins in one go and attach each to its claim, so
    rendering the page asks for nothing more."""
    claims = list(claims)
    summaries = claims_origin_summaries(claims)
    for claim in claims:
        claim._origin_summary = summaries[claim.pk]
    return claims
