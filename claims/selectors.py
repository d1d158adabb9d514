"""Reads of events, claims, attributions, relations, flags and history that
need more than one line of ORM. `select_related`/`prefetch_related` are decided
here, once, so every list costs a fixed number of queries whatever its length."""

import functools

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, F, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from core.hooks import NEXT_FLAG, hook_fire, hook_receivers
from core.short_cache import briefly_cached
from sources.models import Document, Source

from .api_rows import API_ROWS, ApiClaimIterable
from .models import Attribution, AuditEntry, Claim, ClaimRelation, ConflictFlag, Event
from .places import place_key


def event_list() -> QuerySet[Event]:
    return Event.objects.annotate(claim_count=Count("claims"))


def _active_flag_count_subquery(field: str) -> Subquery:
    counts = (
        ConflictFlag.objects.filter(**{field: OuterRef("pk")}, status__in=ConflictFlag.ACTIVE_STATUSES)
        .order_by()
        .values(field)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), Value(0))


def claims_with_open_flag_count(queryset: QuerySet[Claim] | None = None) -> QuerySet[Claim]:
    """Annotate `open_flag_count`: flags on the claim still waiting for a
    decision (open or acknowledged). Two subqueries, not joins, so the count
    is not multiplied by the claim's attributions."""
    queryset = Claim.objects.all() if queryset is None else queryset
    return queryset.annotate(
        open_flag_count=_active_flag_count_subquery("claim_a") + _active_flag_count_subquery("claim_b")
    )


def attributions_with_sources() -> QuerySet[Attribution]:
    return Attribution.objects.select_related("source", "document", "relayed_by")


def attributions_for_listing() -> QuerySet[Attribution]:
    """Attributions with sources and documents for lists and exports, without
    the documents' bodies: a whole article per attribution that nobody shows."""
    return attributions_with_sources().defer("document__body")


def claim_list_for_api() -> QuerySet[Claim]:
    """Claims with their attributions (with sources and documents), relations
    both ways and the count of flags awaiting a decision. The rows of each
    relation are read with prefetched_rows(); they are attached to each batch
    of claims the queryset yields (claims/api_rows.py), in two queries."""
    # A fresh clone of a queryset built once per process, as DRF does with a
    # view's `queryset`: resolving the two flag-count subqueries anew cost
    # about a fifth of a claim's detail view.
    return _claim_list_for_api_base().all()


@functools.cache
def _claim_list_for_api_base() -> QuerySet[Claim]:
    # The author's username alone, not a whole user row to build per claim;
    # a subquery, not a join, so that a page's ids query (core/pagination.py)
    # and the count, which do not select it, do not join the users either.
    username = get_user_model().objects.filter(pk=OuterRef("created_by_id")).values("username")
    queryset = claims_with_open_flag_count(Claim.objects.defer("search_vector")).annotate(
        created_by_username=Subquery(username)
    )
    # Django offers no public way to set how a queryset builds its rows;
    # clones (filters, ordering, slices) keep it, `.values()` replaces it.
    queryset._iterable_class = ApiClaimIterable
    return queryset


def attribution_list() -> QuerySet[Attribution]:
    return attributions_with_sources().select_related("created_by")


def relation_list() -> QuerySet[ClaimRelation]:
    return ClaimRelation.objects.select_related("created_by")


def flag_list() -> QuerySet[ConflictFlag]:
    return ConflictFlag.objects.select_related("claim_a", "claim_b", "assignee", "resolved_by")


def flag_list_for_api() -> QuerySet[ConflictFlag]:
    """Flags as the API lists them: of each claim only what a flag shows of it
    (id, text, status), of each person the username. Whole claims (with their
    search vectors) and user rows were most of the flag list's query time and
    model building."""
    return _flag_list_for_api_base().all()


@functools.cache
def _flag_list_for_api_base() -> QuerySet[ConflictFlag]:
    own = [field.name for field in ConflictFlag._meta.concrete_fields]
    claims = [f"{end}__{column}" for end in ("claim_a", "claim_b") for column in ("id", "text", "status")]
    return flag_list().only(*own, *claims, "assignee__username", "resolved_by__username")


def claim_history(claim_id: int) -> QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(claim_id=claim_id).select_related("actor")


def flag_history(flag_id: int) -> QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(flag_id=flag_id).select_related("actor")


def claims_for_export() -> QuerySet[Claim]:
    """Claims for the bulk export, meant to be read with
    `.iterator(chunk_size=...)`: Django then runs the prefetches once per
    chunk, so memory holds one chunk, not the whole table."""
    return (
        Claim.objects.select_related("event")
        .prefetch_related(
            Prefetch("attributions", queryset=attributions_for_listing()),
        )
        .order_by("id")
    )


# Web UI pages (dashboard, conflict view, claim and event pages)

# How much of a document to show either side of an excerpt on the conflict view.
EXCERPT_CONTEXT_CHARS = 220


def _open_flag_exists():
    """Exists() for "this claim is part of an open or acknowledged conflict"."""
    return Exists(
        ConflictFlag.objects.filter(status__in=ConflictFlag.ACTIVE_STATUSES).filter(
            Q(claim_a=OuterRef("pk")) | Q(claim_b=OuterRef("pk"))
        )
    )


# Conflict flags


def flag_queue() -> QuerySet:
    """All flags, most severe first, then oldest first, with what a queue row shows:
    both claims, the event, the assignee and the sources behind each claim."""
    return (
        ConflictFlag.objects.select_related("claim_a", "claim_b", "claim_a__event", "assignee")
        .prefetch_related(
            Prefetch("claim_a__attributions", queryset=Attribution.objects.select_related("source")),
            Prefetch("claim_b__attributions", queryset=Attribution.objects.select_related("source")),
        )
        .order_by("-severity", "created_at", "id")
    )


def flag_next_open(*, after_flag_id: int | None = None, user=None) -> ConflictFlag | None:
    """The conflict to work on next, other than the one just closed: in the
    order of the editors' queue when an app provides one (the next_flag hook;
    detection's queue of disputes), else the first open or acknowledged flag,
    most severe first, one assigned to `user` before the rest."""
    if hook_receivers(NEXT_FLAG):
        return hook_fire(NEXT_FLAG, after_flag_id=after_flag_id, user=user)[0]
    queryset = ConflictFlag.objects.filter(status__in=ConflictFlag.ACTIVE_STATUSES).order_by(
        "-severity", "created_at", "id"
    )
    if after_flag_id is not None:
        queryset = queryset.exclude(pk=after_flag_id)
    if user is not None:
        mine = queryset.filter(assignee=user).first()
        if mine is not None:
            return mine
    return queryset.first()


@briefly_cached("flag-status-counts")
def flag_status_counts() -> dict[str, int]:
    """How many flags are in each status, every status present (zero if none)."""
    counts = dict.fromkeys(ConflictFlag.Status.values, 0)
    for row in ConflictFlag.objects.order_by().values("status").annotate(n=Count("id")):
        counts[row["status"]] = row["n"]
    return counts


@briefly_cached("flag-rules")
def flag_rules() -> list[str]:
    """The rule codes that have raised flags so far, for the dashboard's rule filter."""
    return list(ConflictFlag.objects.order_by("rule").values_list("rule", flat=True).distinct())


def flag_detail(*, flag_id: int) -> ConflictFlag:
    """One flag with both claims, each claim's attributions (source, document)
    and the flag's history, ready for the side-by-side conflict view."""
    return (
        ConflictFlag.objects.select_related(
            "claim_a", "claim_b", "claim_a__event", "claim_b__event", "assignee", "resolved_by"
        )
        .prefetch_related(
            Prefetch("claim_a__attributions", queryset=attributions_with_sources()),
            Prefetch("claim_b__attributions", queryset=attributions_with_sources()),
            Prefetch("history", queryset=AuditEntry.objects.select_related("actor")),
        )
        .get(pk=flag_id)
    )


def excerpt_in_context(attribution: Attribution, *, radius: int = EXCERPT_CONTEXT_CHARS) -> dict | None:
    """The excerpt with some of the document around it, as three plain strings
    (before, excerpt, after) for the template to escape and highlight.
    None when the attribution does not point into a document."""
    document = attribution.document
    if document is None or attribution.excerpt_start is None or attribution.excerpt_end is None:
        return None
    body = document.body
    start, end = attribution.excerpt_start, attribution.excerpt_end
    if end > len(body) or start >= end:
        return None
    before_start = max(0, start - radius)
    after_end = min(len(body), end + radius)
    # Cut at a word boundary so the context does not start mid-word.
    if before_start > 0:
        space = body.find(" ", before_start, start)
        before_start = space + 1 if space != -1 else before_start
    if after_end < len(body):
        space = body.rfind(" ", end, after_end)
        after_end = space if space != -1 else after_end
    return {
        "before": ("…" if before_start > 0 else "") + body[before_start:start],
        "excerpt": body[start:end],
        "after": body[end:after_end] + ("…" if after_end < len(body) else ""),
    }


def users_who_can_triage() -> QuerySet:
    """Active accounts that may be given a conflict: editors, fact-checkers, superusers."""
    User = get_user_model()
    return (
        User.objects.filter(is_active=True)
        .filter(
            Q(is_superuser=True)
            | Q(
                groups__permissions__codename="triage_conflictflag",
                groups__permissions__content_type__app_label="claims",
            )
        )
        .distinct()
        .order_by("username")
    )


# Claims


def claim_list() -> QuerySet:
    """Claims newest first with their event, sources and whether a conflict is open."""
    return (
        Claim.objects.defer("search_vector")
        .select_related("event")
        .prefetch_related(Prefetch("attributions", queryset=Attribution.objects.select_related("source")))
        .annotate(has_open_conflict=_open_flag_exists())
        .order_by("-created_at", "-id")
    )


def claims_last_changed() -> str:
    """When any claim last changed (its own fields, its credits, relations or
    status all touch `updated_at`), as a cache key's version: a panel kept
    under it is fresh at the next read after any change, in every process.
    One read off the `updated_at` index."""
    latest = Claim.objects.order_by("-updated_at").values_list("updated_at", flat=True).first()
    return latest.isoformat() if latest else ""


def claims_newest(*, limit: int = 8) -> list[Claim]:
    return list(claim_list()[:limit])


def prefetched_rows(instance, name: str):
    """The prefetched rows of a relation, without the queryset `.all()` clones
    (a third of the API's rendering time at 50 claims a page): the list
    claim_list_for_api() put on the instance, else Django's prefetch cache,
    else `.all()` if not prefetched."""
    rows = instance.__dict__.get(API_ROWS.get(name, ""))
    if rows is not None:
        return rows
    cache = getattr(instance, "_prefetched_objects_cache", None)
    if cache is not None and name in cache:
        return cache[name]
    return getattr(instance, name).all()


def claim_relations(claim: Claim, *, with_claims: bool = True) -> list[dict]:
    """The claim's relations from its own point of view, for the claim page and
    the API alike: {"relation", "id", "type", "label", "direction" (outgoing
    when this claim is the relation's from_claim), "other_id", "origin"}, and
    "other" (the claim at the other end) unless `with_claims` is off, so a
    caller that needs only ids loads no claims. Uses the prefetched relations;
    sorted by type, then the other claim."""
    rows = []
    for direction, relations in (
        ("outgoing", prefetched_rows(claim, "relations_from")),
        ("incoming", prefetched_rows(claim, "relations_to")),
    ):
        for relation in relations:
            outgoing = direction == "outgoing"
            # The API's relation rows (claims/api_rows.py) read no rationale
            # and show no label: only the claim page's relations can tell.
            if getattr(relation, "is_stale_echo", False):
                # The earlier-reported figure stays the speaker's latest: the
                # echo is not "revised by" a claim reported before it.
                label = "supersedes the stale echo" if outgoing else "passes on a figure since revised in"
            elif not outgoing and relation.relation_type == ClaimRelation.Type.QUALIFIES:
                label = "is qualified by"
            elif not outgoing and relation.relation_type == ClaimRelation.Type.REVISES:
                label = "is revised by"
            elif not outgoing and relation.relation_type == ClaimRelation.Type.DENIES:
                label = "is denied by"
            else:
                label = relation.get_relation_type_display().lower()
            row = {
                "relation": relation,
                "id": relation.pk,
                "type": relation.relation_type,
                "label": label,
                "direction": direction,
                "other_id": relation.to_claim_id if outgoing else relation.from_claim_id,
                "origin": relation.origin,
            }
            if with_claims:
                row["other"] = relation.to_claim if outgoing else relation.from_claim
            rows.append(row)
    rows.sort(key=lambda row: (row["type"], row["other_id"]))
    return rows


def claim_relation_briefs(claim: Claim) -> list[dict]:
    """The claim's relations as the API shows them (ids only), in id order:
    the same rows as the claim page's, for the serializer and its fast path alike."""
    return [
        {
            "id": row["id"],
            "relation_type": row["type"],
            "direction": row["direction"],
            "other_claim": row["other_id"],
            "origin": row["origin"],
        }
        for row in sorted(claim_relations(claim, with_claims=False), key=lambda row: row["id"])
    ]


# Events


def events_with_conflict_counts() -> QuerySet:
    """Events with how many claims each has and how many of those are in an open conflict."""
    open_flag = ConflictFlag.objects.filter(status__in=ConflictFlag.ACTIVE_STATUSES)
    return Event.objects.annotate(
        claim_count=Count("claims", distinct=True),
        conflicting_count=Count(
            "claims",
            filter=Q(claims__in=open_flag.values("claim_a")) | Q(claims__in=open_flag.values("claim_b")),
            distinct=True,
        ),
    ).order_by("-start_date", "title", "id")


def claim_for_claimreview(claim_id: int) -> Claim:
    """A claim with what its ClaimReview needs: sources, documents and their outlets."""
    return Claim.objects.prefetch_related(
        Prefetch(
            "attributions",
            queryset=Attribution.objects.select_related("source", "document", "document__outlet").order_by(
                "id"
            ),
        )
    ).get(pk=claim_id)


# Rows offered by the pickers (core.forms.RecentModelChoiceField): newest
# first, with only the columns an option shows.


# How many events naming the place's longest word are read for their place
# (`place_key`) when offering merge candidates: enough for any one place's
# events, bounded so a common word cannot read the whole table.
MERGE_CANDIDATE_PLACES_READ = 500


def event_merge_candidates(*, event: Event, limit: int = 20) -> list[Event]:
    """The events `event` most likely duplicates, for the merge form: the
    same place (`claims.places.place_key`: "Aleppo, Syria" is Aleppo, "East
    Aleppo" is not), or dates that overlap its own, newest first (with their
    claim counts). Any other event can still be named by its number.

    The place look-up is narrowed in SQL to places containing the place's
    longest word as written (or, when no word of its key is written as such,
    "Ḥama" for "hama", to the same writing ignoring case); place_key decides
    on the rows found."""
    likely = Q()
    key = place_key(event.place)
    if key:
        written = [word for word in key.split() if word in event.place.lower()]
        near = Q(place__icontains=max(written, key=len)) if written else Q(place__iexact=event.place)
        nearby = (
            Event.objects.filter(near)
            .exclude(pk=event.pk)
            .order_by(F("start_date").desc(nulls_last=True), "-id")
            .values_list("pk", "place")[:MERGE_CANDIDATE_PLACES_READ]
        )
        same_place = [pk for pk, place in nearby if place_key(place) == key]
        if same_place:
            likely |= Q(pk__in=same_place)
    if event.start_date:
        end = event.end_date or event.start_date
        likely |= Q(start_date__lte=end) & (
            Q(end_date__gte=event.start_date) | Q(end_date__isnull=True, start_date__gte=event.start_date)
        )
    if not likely:
        return []
    return list(
        Event.objects.filter(likely)
        .exclude(pk=event.pk)
        .annotate(claim_count=Count("claims"))
        .order_by(F("start_date").desc(nulls_last=True), "-id")[:limit]
    )


def events_newest_first() -> QuerySet[Event]:
    return Event.objects.only("id", "title", "start_date").order_by(
        F("start_date").desc(nulls_last=True), "-id"
    )


def documents_newest_first() -> QuerySet[Document]:
    return Document.objects.only("id", "title", "created_at").order_by("-created_at", "-id")


def claims_newest_first() -> QuerySet[Claim]:
    return Claim.objects.only("id", "text", "created_at").order_by("-created_at", "-id")


# The source and document pages: what claims are credited to a source, and a
# document with the claims quoted from it. They read claims' tables, so they
# live here rather than in sources (which sits below claims).


def sources_with_claim_counts() -> QuerySet[Source]:
    """Sources by name with how many claims each is credited with and how many
    of those are disputed or false."""
    return Source.objects.annotate(
        claim_count=Count("attributions__claim", distinct=True),
        disputed_count=Count(
            "attributions__claim",
            filter=Q(attributions__claim__status__in=[Claim.Status.DISPUTED, Claim.Status.FALSE]),
            distinct=True,
        ),
    ).order_by("name", "id")


def sources_for_page() -> QuerySet[Source]:
    """A source's page: its claim counts and who last graded it."""
    return sources_with_claim_counts().select_related("reliability_set_by")


def source_disputed_share(source: Source) -> float | None:
    """Share (0..1) of the source's claims that are disputed or false; None if it has none.
    Reads the counts annotated by sources_with_claim_counts()."""
    if not source.claim_count:
        return None
    return source.disputed_count / source.claim_count


def source_claims(*, source: Source) -> QuerySet[Claim]:
    """The claims credited to a source, newest first, with the event and how
    this source was quoted."""
    return claim_list().filter(Exists(Attribution.objects.filter(claim=OuterRef("pk"), source=source)))


def documents_for_page() -> QuerySet[Document]:
    """A document's page: the attributions quoted from it, in reading order."""
    return Document.objects.select_related("outlet", "created_by").prefetch_related(
        Prefetch(
            "attributions",
            queryset=Attribution.objects.select_related("claim", "source").order_by("excerpt_start", "id"),
        )
    )


# What a claim's content change was, in the editor's words (the history's
# EDITED entries name their fields).
CONTENT_FIELD_WORDS = {
    "text": "statement",
    "kind": "kind",
    "quantity_subject": "counted subject",
    "value_low": "figure",
    "value_high": "figure",
    "qualifier": "figure",
    "place": "place",
    "occurred_on": "date",
    "responsible_party": "responsible party",
}


def claim_content_changes(*, claim_ids, since) -> dict[int, list[str]]:
    """What changed in each claim's content (Claim.content_changed_at) after
    `since`, read from the history, e.g. {12: ["figure", "credited to
    Reuters"]}: the reason a closed conflict re-opens. One query; a claim
    whose change left no such line (a related claim deleted) is not listed."""
    claim_ids = set(claim_ids)
    entries = AuditEntry.objects.filter(
        Q(claim_id__in=claim_ids)
        | Q(
            object_type=AuditEntry.ObjectType.RELATION,
            related_type=AuditEntry.ObjectType.CLAIM,
            related_id__in=claim_ids,
        ),
        created_at__gt=since,
    ).order_by("created_at", "id")
    changes: dict[int, list[str]] = {}
    for entry in entries:
        if entry.object_type == AuditEntry.ObjectType.RELATION:
            if entry.actor_id is None:
                continue  # A rule's relation is the detector's output, not a change of content.
            added = entry.action == AuditEntry.Action.CREATED
            words = f"“{entry.to_value if added else entry.from_value}” relation {'added' if added else 'removed'}"
            owners = {entry.claim_id, entry.related_id} & claim_ids
        elif entry.object_type == AuditEntry.ObjectType.ATTRIBUTION:
            if entry.action == AuditEntry.Action.CREATED:
                words = f"credited to {entry.to_value}"
            else:
                words = f"credit to {entry.from_value} removed"
            owners = {entry.claim_id}
        elif entry.action == AuditEntry.Action.EDITED:
            fields = [
                CONTENT_FIELD_WORDS[field] for field in entry.changes or {} if field in CONTENT_FIELD_WORDS
            ]
            if not fields:
                continue
            words = " and ".join(dict.fromkeys(fields))
            owners = {entry.claim_id}
        else:
            continue
        for owner in owners:
            if words not in changes.setdefault(owner, []):
                changes[owner].append(words)
    return changes
