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
- sources credited with the same text are one origin: when their excerpts
  share a verbatim passage of ECHO_MIN_WORDS words or more in two different
  documents (claims/echoes.py), one printed the other's copy, however each is
  credited. The origin is named after the first to publish it ("Wire,
  republished by Daily Paper"), or after the party whose words they are: an
  outlet printing a ministry's statement word for word is the ministry again,
  so the credibility cap and the suggestions treat it as that party;
- every other source is its own origin.

Pure functions over credits (`Credit`: a source with the copy its excerpt
shows) or bare sources (anything with `id`, `name`, `affiliation` and `side`,
a `sources.Source` or detection's `SourceFacts`), so the claim page, the API
and the detection rules count the same way.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.db import connections, models
from django.db.models import Prefetch, Q
from django.utils.text import Truncator

from core.short_cache import cached_briefly
from core.url_cache import reverse_row
from sources.models import Source

from .echoes import copy_words, may_share_copy, passage_shared, shares_copy
from .models import Attribution, Claim, ClaimRelation
from .selectors import attributions_for_listing, prefetched_rows

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
class Credit:
    """A source credited with a claim, with what its excerpt shows of copy:
    the document it is quoted from, its words (claims/echoes.py copy_words,
    "" when too short to tell copy) and when that document was published."""

    source: object
    document_id: int | None = None
    copy: str = ""
    published_at: datetime | None = None


def credit_of(attribution) -> Credit:
    """An attribution (a model row or an API row) as a Credit, without a
    query: its document's date is read only when the document came with it."""
    return Credit(
        source=attribution.source,
        document_id=attribution.document_id,
        copy=copy_words(attribution.excerpt),
        published_at=_document_published_at(attribution),
    )


def _document_published_at(attribution) -> datetime | None:
    if attribution.document_id is None:
        return None
    if isinstance(attribution, models.Model) and not type(attribution).document.is_cached(attribution):
        return None
    document = attribution.document
    if isinstance(document, models.Model) and "published_at" in document.get_deferred_fields():
        return None
    return getattr(document, "published_at", None)


@dataclass(frozen=True)
class Origin:
    """One independent origin: a non-party source, or one side's parties
    together, with the sources that republished its words."""

    key: str
    is_party: bool
    # The sources behind it, in the order first met.
    source_names: tuple[str, ...]
    side: str = ""
    # Sources shown to print the same text word for word (claims/echoes.py:
    # shares_copy): they repeat this origin and are no origin of their own.
    republished_by: tuple[str, ...] = ()
    # Sources that only may repeat it (a passage in common, a document not
    # recorded: may_share_copy): no origin of their own either, but not named
    # as republishing it, which would state as fact what is only possible.
    may_repeat: tuple[str, ...] = ()
    # Whether it is known who published the text first (a party's words, or
    # the earliest document): "republished by" then says who copied whom.
    first_known: bool = True
    # Every origin key merged into this one (its own first).
    keys: tuple[str, ...] = field(default=(), compare=False)
    # Sources not parties merged into it only by a passage quoted without
    # its document recorded (claims/echoes.py: may_share_copy): never a
    # second origin, but not shown to print its words either, so a party's
    # origin with one is not "only parties" (a missing document is unknown).
    may_be_independent: tuple[str, ...] = ()
    # The keys merged into it only by such a passage (parties included):
    # each may repeat this origin's words, but is not shown to ("republishes"
    # would state as fact what is only possible; detection/figure_summary.py).
    unshown_keys: tuple[str, ...] = field(default=(), compare=False)

    @property
    def own_name(self) -> str:
        """The origin without its republishers: "Syrian Observatory for Human
        Rights", or for a side "Syrian government and allies (party: Russian
        Ministry of Defence)"."""
        if self.is_party:
            return f"{self.side} (party: {', '.join(self.source_names)})"
        return self.source_names[0]

    @property
    def name(self) -> str:
        """How the claim page names it: its own name, then who printed the
        same text ("Wire agency, republished by Daily Paper"; "Wire agency
        and Daily Paper, the same text" when it is not known which came
        first), then who only may ("Wire agency; Daily Paper may repeat it
        (a passage in common, a document not recorded)")."""
        return self.with_republishers(self.own_name)

    @property
    def short_name(self) -> str:
        """As `name`, a side by its name alone: "Syrian government and allies"."""
        return self.with_republishers(self.side if self.is_party else self.source_names[0])

    def with_republishers(self, own: str) -> str:
        named = own
        if self.republished_by:
            others = _names_joined(self.republished_by)
            named = (
                f"{own}, republished by {others}"
                if self.first_known
                else f"{own} and {others}, the same text"
            )
        if self.may_repeat:
            # The figure summary's rows say the same ("may repeat ..."): one wording for possible copy.
            named += f"; {_names_joined(self.may_repeat)} may repeat it (a passage in common, a document not recorded)"
        return named


def _names_joined(names: Iterable[str]) -> str:
    names = list(names)
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def origins_of(credits: Iterable) -> list[Origin]:
    """The distinct origins behind these credits (or bare sources): speakers,
    not relays; one side's parties together; sources sharing copy together.
    In the order first met."""
    credits = [credit if isinstance(credit, Credit) else Credit(source=credit) for credit in credits]
    first_source: dict[str, object] = {}
    names: dict[str, list[str]] = {}
    copies: dict[str, set[tuple]] = {}
    first_published: dict[str, datetime] = {}
    for credit in credits:
        source = credit.source
        key = origin_key(source)
        first_source.setdefault(key, source)
        if source.name not in names.setdefault(key, []):
            names[key].append(source.name)
        if credit.copy:
            copies.setdefault(key, set()).add((credit.document_id, credit.copy))
            if credit.published_at is not None:
                earliest = first_published.get(key)
                first_published[key] = min(earliest, credit.published_at) if earliest else credit.published_at
    keys = list(first_source)
    # One origin wherever copy is possible (an excerpt without its document
    # may be copy: never two independent origins), and within it, who is
    # shown to print whose words (recorded documents only).
    groups = _copy_groups(keys, copies, linked=may_share_copy)
    shown = {key: index for index, group in enumerate(_copy_groups(keys, copies)) for key in group}
    origins = []
    for group in groups:
        lead, first_known = _first_publisher(group, first_source, first_published)
        if not first_known:
            # Who came first is asked only of the sources shown to share its
            # text: one that only may repeat it has no say in who wrote it.
            lead, first_known = _first_publisher(
                [key for key in group if shown[key] == shown[lead]], first_source, first_published
            )
        source = first_source[lead]
        is_party = source.affiliation == "party"
        republished = [
            name for key in group if key != lead and shown[key] == shown[lead] for name in names[key]
        ]
        possible = [name for key in group if shown[key] != shown[lead] for name in names[key]]
        unshown = [
            name
            for key in group
            if shown[key] != shown[lead] and first_source[key].affiliation != "party"
            for name in names[key]
        ]
        origins.append(
            Origin(
                key=lead,
                is_party=is_party,
                source_names=tuple(names[lead]),
                side=(source.side or "").strip() if is_party else "",
                republished_by=tuple(dict.fromkeys(republished)),
                may_repeat=tuple(dict.fromkeys(possible)),
                first_known=first_known,
                keys=(lead, *(key for key in group if key != lead)),
                may_be_independent=tuple(dict.fromkeys(unshown)),
                unshown_keys=tuple(key for key in group if shown[key] != shown[lead]),
            )
        )
    return origins


def _copy_groups(keys: list[str], copies: dict[str, set[tuple]], *, linked=shares_copy) -> list[list[str]]:
    """The origin keys joined by shared copy (directly or through another
    key: a paper printing an agency's copy that a site then lifted), each
    group in the order first met, groups in the order of their first key.

    Two keys credited with one passage in the same document are named
    together by it ("both the monitor and the hospital put the toll at
    31 ..."): that sentence travelling to another outlet makes neither an
    echo of the other, so no group ever holds both."""
    group_of = {key: index for index, key in enumerate(keys)}
    with_copy = [key for key in keys if key in copies]
    apart = {
        frozenset((key, other))
        for index, key in enumerate(with_copy)
        for other in with_copy[index + 1 :]
        if _named_together(copies[key], copies[other])
    }
    for index, key in enumerate(with_copy):
        for other in with_copy[index + 1 :]:
            if group_of[key] == group_of[other] or not linked(copies[key], copies[other]):
                continue
            merged, into = group_of[other], group_of[key]
            joining = [member for member, group in group_of.items() if group == merged]
            staying = [member for member, group in group_of.items() if group == into]
            if any(frozenset((one, two)) in apart for one in joining for two in staying):
                continue
            for member in joining:
                group_of[member] = into
    groups: dict[int, list[str]] = {}
    for key in keys:
        groups.setdefault(group_of[key], []).append(key)
    return sorted(groups.values(), key=lambda group: keys.index(group[0]))


def _named_together(copies: set[tuple], other_copies: set[tuple]) -> bool:
    """Both are credited with one passage in one recorded document."""
    return any(
        document is not None and document == other_document and passage_shared(words, other_words)
        for document, words in copies
        for other_document, other_words in other_copies
    )


def _first_publisher(group: list[str], first_source: dict, first_published: dict) -> tuple[str, bool]:
    """Whose text a group of sources sharing copy is, and whether that is
    known: a party's (the words a party put out stay that party's, however
    many outlets print them), else the earliest published, else the first met."""
    if len(group) == 1:
        return group[0], True
    for key in group:
        if first_source[key].affiliation == "party":
            return key, True
    if all(key in first_published for key in group):
        dates = sorted(first_published[key] for key in group)
        if dates[0] < dates[1]:
            return min(group, key=lambda key: first_published[key]), True
    return group[0], False


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
        """Every origin is a party to the conflict (and there is at least one),
        and no source not a party is merged into one only by an excerpt whose
        document was not recorded: a missing document alone never makes a
        figure "only from a party"."""
        return (
            bool(self.origins)
            and not self.has_non_party
            and not any(origin.may_be_independent for origin in self.origins)
        )

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
                {
                    "name": origin.name,
                    "is_party": origin.is_party,
                    "sources": list(origin.source_names),
                    "republished_by": list(origin.republished_by),
                    "may_repeat": list(origin.may_repeat),
                }
                for origin in self.origins
            ],
        }


def origin_summary(own_credits: Iterable, corroborating_credits: Iterable = ()) -> OriginSummary:
    """The origins of a claim: its own speakers, then those of claims
    corroborating it (credits or bare sources)."""
    return OriginSummary(origins=tuple(origins_of([*own_credits, *corroborating_credits])))


# Reads. The pure functions above count; these fetch what they count.


def claims_origin_summaries(claims: Iterable) -> dict[int, OriginSummary]:
    """The origins of claims fetched with their `attributions` (with sources
    and excerpts; with documents, when who printed a shared text first is to
    be known),
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
    credits_by_claim = _credits_by_claim(wanted) if wanted else {}
    return {
        claim.pk: origin_summary(
            [credit_of(attribution) for attribution in prefetched_rows(claim, "attributions")],
            [credit for other in sorted(partners[claim.pk]) for credit in credits_by_claim.get(other, [])],
        )
        for claim in claims
    }


def _credits_by_claim(claim_ids: set[int]) -> dict[int, list[Credit]]:
    """The credits of each claim, in one query: only the fields an origin
    summary reads (the source as an unsaved Source row, the excerpt's copy,
    its document and that document's date)."""
    credits_by_claim: dict[int, list[Credit]] = {}
    for claim_id, source_id, name, affiliation, side, excerpt, document_id, published_at in (
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
            "document__published_at",
        )
    ):
        credits_by_claim.setdefault(claim_id, []).append(
            Credit(
                source=Source(id=source_id, name=name, affiliation=affiliation, side=side),
                document_id=document_id,
                copy=copy_words(excerpt),
                published_at=published_at,
            )
        )
    return credits_by_claim


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
    credits_by_claim = _credits_by_claim(wanted)
    return {
        pk: origin_summary(
            credits_by_claim.get(pk, []),
            [credit for other in sorted(partners[pk]) for credit in credits_by_claim.get(other, [])],
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
            # With their documents: who printed a shared text first.
            Prefetch("attributions", queryset=attributions_for_listing()),
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
