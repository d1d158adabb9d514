"""The rows an API claim carries (attributions with their sources and
documents, relations both ways), read for a whole page in two queries and
attached as plain lists, without Django's prefetch machinery.

Prefetching them (three Prefetch lookups) built a filtered queryset, a related
manager and a model instance per row: some 250 model instances and two fifths
of the API claim list's CPU at 50 claims a page. Here the attributions come as
`.values_list()` tuples joined in Python into small read-only rows holding the
same attribute names and values as the models (claims/api/fast.py and
claims/origins.py read them), each source and document built once per page;
the few relations likewise, in one query for both directions.
"""

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Q, QuerySet
from django.db.models.query import ModelIterable
from django.utils.encoding import force_str

from .models import Attribution, ClaimRelation

# Where each claim's rows go: a plain list on the claim, read through
# claims.selectors.prefetched_rows() (the claim page adds its history,
# claims/page_selectors.py).
API_ROWS = {name: f"{name}_rows" for name in ("attributions", "relations_from", "relations_to", "history")}

# The columns a relation shows from either end (RelationBriefSerializer).
RELATION_ROW_COLUMNS = ("id", "relation_type", "origin", "from_claim_id", "to_claim_id")

# The columns the API shows of an attribution's source (and relaying source)
# and document (SourceBriefSerializer, DocumentBriefSerializer): a source's
# aliases, notes and history and a document's body and versions are left in
# the database, not read and parsed 100 times a page.
SOURCE_BRIEF_COLUMNS = ("id", "slug", "name", "kind", "affiliation", "side", "reliability")
DOCUMENT_BRIEF_COLUMNS = ("id", "title", "url", "published_at")
ATTRIBUTION_ROW_COLUMNS = (
    *("id", "claim_id", "excerpt", "excerpt_start", "excerpt_end", "form", "reporting_verb"),
    *("created_at", "updated_at", "source_id", "document_id", "relayed_by_id"),
)


class _Row:
    """A row with a model's attribute names (`pk` and `id` alike), for reading."""

    __slots__ = ()
    columns: tuple[str, ...] = ()

    def __init__(self, values):
        for name, value in zip(self.columns, values, strict=True):
            setattr(self, name, value)

    @property
    def pk(self):
        return self.id

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.id}>"


class SourceRow(_Row):
    __slots__ = SOURCE_BRIEF_COLUMNS
    columns = SOURCE_BRIEF_COLUMNS


class DocumentRow(_Row):
    __slots__ = DOCUMENT_BRIEF_COLUMNS
    columns = DOCUMENT_BRIEF_COLUMNS


class AttributionRow(_Row):
    __slots__ = (*ATTRIBUTION_ROW_COLUMNS, "source", "document", "relayed_by")
    columns = ATTRIBUTION_ROW_COLUMNS


class RelationRow(_Row):
    __slots__ = RELATION_ROW_COLUMNS
    columns = RELATION_ROW_COLUMNS

    def get_relation_type_display(self) -> str:
        # As Django's get_FOO_display(): the label, or the stored value if unknown.
        return force_str(_RELATION_LABELS.get(self.relation_type, self.relation_type), strings_only=True)


_RELATION_LABELS = dict(ClaimRelation.Type.choices)


def _attribution_query(claim_ids) -> QuerySet:
    return (
        Attribution.objects.filter(claim_id__in=claim_ids)
        .order_by("claim_id", "id")
        .values_list(
            *ATTRIBUTION_ROW_COLUMNS,
            *(f"source__{column}" for column in SOURCE_BRIEF_COLUMNS),
            *(f"document__{column}" for column in DOCUMENT_BRIEF_COLUMNS),
            *(f"relayed_by__{column}" for column in SOURCE_BRIEF_COLUMNS),
        )
    )


def _relation_query(claim_ids) -> QuerySet:
    return (
        ClaimRelation.objects.filter(Q(from_claim_id__in=claim_ids) | Q(to_claim_id__in=claim_ids))
        .order_by("id")
        .values_list(*RELATION_ROW_COLUMNS)
    )


# Compiling the attribution query (26 columns over four tables) cost more
# CPU than running it: about a millisecond a request. On PostgreSQL each query
# is compiled once per process and database, with `= ANY(%s)` for the claim
# ids, so one statement serves any number of claims.
_COMPILED: dict[tuple, tuple[str, int]] = {}
_PROBE = -7  # an id no claim has, to find its place among the parameters


def _compiled(build, using: str) -> tuple[str, int] | None:
    """(SQL, how many times it takes the ids), or None off PostgreSQL."""
    if connections[using].vendor != "postgresql":
        return None
    key = (build, using)
    if key not in _COMPILED:
        sql, params = build([_PROBE]).query.get_compiler(using=using).as_sql()
        if sql.count("IN (%s)") != len(params) or any(param != _PROBE for param in params):
            raise AssertionError(f"Unexpected SQL for the API's rows: {sql}")
        _COMPILED[key] = (sql.replace("IN (%s)", "= ANY(%s)"), len(params))
    return _COMPILED[key]


def _rows(build, claim_ids: list[int], using: str):
    """The query's value tuples for these claims."""
    compiled = _compiled(build, using)
    if compiled is None:
        return build(claim_ids).using(using)
    sql, times = compiled
    with connections[using].cursor() as cursor:
        cursor.execute(sql, [claim_ids] * times)
        return cursor.fetchall()


def _attribution_rows(claim_ids: list[int], using: str) -> list[AttributionRow]:
    """The claims' attributions in the model's order (claim, id), with their
    sources, documents and relaying sources: one query."""
    own = len(ATTRIBUTION_ROW_COLUMNS)
    source_end = own + len(SOURCE_BRIEF_COLUMNS)
    document_end = source_end + len(DOCUMENT_BRIEF_COLUMNS)
    sources: dict[int, SourceRow] = {}
    documents: dict[int, DocumentRow] = {}
    rows = []
    for values in _rows(_attribution_query, claim_ids, using):
        row = AttributionRow(values[:own])
        source = sources.get(row.source_id)
        if source is None:
            source = sources[row.source_id] = SourceRow(values[own:source_end])
        document = None
        if row.document_id is not None:
            document = documents.get(row.document_id)
            if document is None:
                document = documents[row.document_id] = DocumentRow(values[source_end:document_end])
        relayed_by = None
        if row.relayed_by_id is not None:
            relayed_by = sources.get(row.relayed_by_id)
            if relayed_by is None:
                relayed_by = sources[row.relayed_by_id] = SourceRow(values[document_end:])
        row.source, row.document, row.relayed_by = source, document, relayed_by
        rows.append(row)
    return rows


def attach_api_rows(claims: list, using: str = DEFAULT_DB_ALIAS) -> None:
    """Put each claim's attributions, outgoing and incoming relations on it as
    lists (API_ROWS), in two queries for the whole list (none when empty). A
    claim listed twice (a join in a filter) shares its lists."""
    if not claims:
        return
    names = (API_ROWS["attributions"], API_ROWS["relations_from"], API_ROWS["relations_to"])
    lists_by_id: dict[int, tuple[list, list, list]] = {}
    for claim in claims:
        lists = lists_by_id.get(claim.pk)
        if lists is None:
            lists = lists_by_id[claim.pk] = ([], [], [])
        for name, rows in zip(names, lists, strict=True):
            claim.__dict__[name] = rows
    ids = list(lists_by_id)
    for row in _attribution_rows(ids, using):
        lists_by_id[row.claim_id][0].append(row)
    for values in _rows(_relation_query, ids, using):
        relation = RelationRow(values)
        if relation.from_claim_id in lists_by_id:
            lists_by_id[relation.from_claim_id][1].append(relation)
        if relation.to_claim_id in lists_by_id:
            lists_by_id[relation.to_claim_id][2].append(relation)


class ApiClaimIterable(ModelIterable):
    """Claims as Django yields them, all read first, then their rows attached
    (attach_api_rows): whoever evaluates the queryset (a page, `.get()` for a
    detail view) gets claims ready to render in a fixed number of queries.
    Meant for pages, not for iterating over the whole table."""

    def __iter__(self):
        claims = list(super().__iter__())
        attach_api_rows(claims, self.queryset.db)
        yield from claims
