"""Pagination of every API list. Kept apart from core.api because DRF imports
it while defining its generic views.

Two ways through a list (docs/api.md, "Paging"):

- page numbers, `?page=2&page_size=100`, for people and screens;
- a keyset cursor, `?cursor=start` then the `next` link, for sync scripts:
  rows in the order they last changed (`updated_at`, then `id`; `created_at`
  for rows that never change), each page
  starting strictly after the last row of the one before. Rows inserted or
  changed while a client pages through land after its position, so it neither
  misses nor repeats a row, and page 2,000 costs what page 1 does (an index
  range scan, no OFFSET).
"""

import base64
import binascii
import datetime as dt

from django.core.paginator import Paginator as DjangoPaginator
from django.db import connections
from django.db.models import Q, QuerySet
from django.db.models.query import ModelIterable
from django.utils.functional import cached_property
from rest_framework import pagination
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.utils.urls import replace_query_param

CURSOR_PARAM = "cursor"
CURSOR_START = "start"
# The key a cursor pages by: when the row last changed, or for rows that are
# never changed (history lines, tokens) when it was made; the id breaks ties.
KEYSET_STAMPS = ("updated_at", "created_at")


def keyset_stamp(model) -> str | None:
    names = {field.name for field in model._meta.get_fields()}
    return next((name for name in KEYSET_STAMPS if name in names), None)


def page_rows(queryset, bottom: int, top: int) -> list:
    """Rows bottom..top of a queryset, reading the page's ids first.

    OFFSET makes the database build every skipped row; with the lists' per-row
    subqueries (a claim's open flags) and prefetches that is the cost of deep
    pages. The ids query selects only the key (annotations are left out unless
    the ordering needs them), then the full rows, annotations and prefetches
    are fetched for those ids alone."""
    if (
        bottom == 0
        or not isinstance(queryset, QuerySet)
        or not issubclass(queryset._iterable_class, ModelIterable)
    ):
        # The first page skips nothing; a list or .values() rows have nothing
        # to gain: slice as usual (one query fewer).
        return list(queryset[bottom:top])
    ids = list(queryset.values_list("pk", flat=True)[bottom:top])
    if not ids:
        return []
    rows = {row.pk: row for row in queryset.order_by().filter(pk__in=ids)}
    return [rows[pk] for pk in ids if pk in rows]


# An unfiltered list larger than this shows the planner's row estimate as its
# count: COUNT(*) over 100,000 claims costs 10-20 ms of database time on every
# page, for a figure nobody needs exactly. Filtered lists are counted exactly.
ESTIMATE_COUNT_ABOVE = 10_000


def unfiltered_count(queryset) -> int | None:
    """The count of an unfiltered list of model rows on PostgreSQL, in one
    query: the planner's estimate of the table's rows (pg_class.reltuples,
    kept by ANALYZE and autovacuum) when it is over ESTIMATE_COUNT_ABOVE, else
    an exact COUNT(*) of the table. Unfiltered, one row per table row (model
    rows group by their key), so the table's count is the list's. None when
    the queryset is filtered, distinct, sliced or not model rows, or the
    database is not PostgreSQL: count it the usual way."""
    if not isinstance(queryset, QuerySet) or not issubclass(queryset._iterable_class, ModelIterable):
        return None
    query = queryset.query
    if query.where or query.distinct or query.is_sliced or query.combinator or query.is_empty():
        return None
    connection = connections[queryset.db]
    if connection.vendor != "postgresql":
        return None
    table = connection.ops.quote_name(queryset.model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT CASE WHEN reltuples > %s THEN reltuples::bigint ELSE (SELECT COUNT(*) FROM {table}) END "  # noqa: S608 - a model's own table name, quoted
            "FROM pg_class WHERE oid = %s::regclass",
            [ESTIMATE_COUNT_ABOVE, queryset.model._meta.db_table],
        )
        row = cursor.fetchone()
    return row[0] if row else None


class IdsFirstPaginator(DjangoPaginator):
    """Django's Paginator, reading each page ids first (page_rows), and
    estimating the count of big unfiltered lists; used by the API lists and
    the web UI's lists. `known_count`: a count the page already has (the
    queue's cached status counts), used instead of counting again."""

    def __init__(self, object_list, per_page, *, known_count: int | None = None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.known_count = known_count

    @cached_property
    def count(self) -> int:
        if self.known_count is not None:
            return self.known_count
        counted = unfiltered_count(self.object_list)
        return super().count if counted is None else counted

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        return self._get_page(page_rows(self.object_list, bottom, top), number, self)


def encode_cursor(updated_at: dt.datetime, pk: int) -> str:
    raw = f"{updated_at.astimezone(dt.UTC).isoformat()}|{pk}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[dt.datetime, int]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        stamp, pk = raw.split("|")
        updated_at = dt.datetime.fromisoformat(stamp)
        if updated_at.tzinfo is None:
            raise ValueError("naive")
        return updated_at, int(pk)
    except (binascii.Error, UnicodeDecodeError, ValueError) as error:
        raise ValidationError(
            {CURSOR_PARAM: [f"Not a cursor from this API. Start with {CURSOR_PARAM}={CURSOR_START}."]}
        ) from error


# The query parameters each list takes, worked out once per view and action.
_LIST_PARAMETERS: dict[tuple[type, str | None], frozenset[str]] = {}


def list_parameters(pagination_class, view) -> frozenset[str]:
    """Every query parameter `view`'s list reads: its paging, its filter set's
    filters, search and ordering, and DRF's `format`."""
    key = (type(view), getattr(view, "action", None))
    known = _LIST_PARAMETERS.get(key)
    if known is None:
        names = {parameter["name"] for parameter in pagination_class.get_schema_operation_parameters(view)}
        for backend_class in getattr(view, "filter_backends", ()):
            backend = backend_class()
            if hasattr(backend, "get_filterset_class"):
                filterset_class = backend.get_filterset_class(view, view.get_queryset())
                names |= set(filterset_class.base_filters) if filterset_class else set()
            else:
                names |= {parameter["name"] for parameter in backend.get_schema_operation_parameters(view)}
        names.add(api_settings.URL_FORMAT_OVERRIDE)
        known = _LIST_PARAMETERS[key] = frozenset(names)
    return known


class PageNumberPagination(pagination.PageNumberPagination):
    """`?page=2&page_size=100`; 50 by default, at most 200 per page. With
    `?cursor=` the list is paged by keyset instead (module docstring).

    A `page_size` or `page` that is not a whole number from 1 up is a 400
    naming it, as the schema says (DRF alone silently used the default size,
    and answered a page of "abc" with 404); `page_size` above 200 is capped
    at 200, and a page past the end is a 404 saying so."""

    page_size = 50
    page_size_query_param = "page_size"
    # A page past the end stays a 404 (the page does not exist), saying so.
    invalid_page_message = "There is no page {page_number} in this list: {message}. Follow next from page 1."
    max_page_size = 200
    django_paginator_class = IdsFirstPaginator
    cursor_mode = False

    def paginate_queryset(self, queryset, request, view=None):
        if view is not None:
            # A misspelt filter (`?stauts=disputed`) filtered nothing and the
            # client took the whole list for the filtered one: a 400 instead.
            unknown = sorted(set(request.query_params) - list_parameters(self, view))
            if unknown:
                known = ", ".join(sorted(list_parameters(self, view)))
                raise ValidationError(
                    {name: [f"Not a parameter of this list. It takes: {known}."] for name in unknown}
                )
        self.cursor_mode = CURSOR_PARAM in request.query_params
        if not self.cursor_mode:
            self._check_page_number(request)
            return super().paginate_queryset(queryset, request, view)
        return self._keyset_page(queryset, request)

    def _keyset_page(self, queryset, request):
        self.request = request
        if "ordering" in request.query_params:
            raise ValidationError(
                {"ordering": ["Cursor paging is always in the order rows changed (updated_at, id)."]}
            )
        if "page" in request.query_params:
            raise ValidationError({"page": ["Use either page or cursor, not both."]})
        self.stamp = keyset_stamp(queryset.model)
        if self.stamp is None:
            raise ValidationError({CURSOR_PARAM: ["This list cannot be paged by cursor."]})
        cursor = request.query_params[CURSOR_PARAM]
        queryset = queryset.order_by(self.stamp, "id")
        if cursor not in ("", CURSOR_START):
            stamp, pk = decode_cursor(cursor)
            # The plain `>=` lets the database range-scan the time index; the
            # OR then drops the rows of the same instant already sent.
            queryset = queryset.filter(**{f"{self.stamp}__gte": stamp}).filter(
                Q(**{f"{self.stamp}__gt": stamp}) | Q(pk__gt=pk)
            )
        size = self.get_page_size(request)
        rows = list(queryset[: size + 1])
        self.has_more = len(rows) > size
        rows = rows[:size]
        self.last_row = rows[-1] if rows else None
        return rows

    def get_next_link(self):
        if not self.cursor_mode:
            return super().get_next_link()
        url = self.request.build_absolute_uri()
        if self.last_row is None:
            # An empty page: come back later from the same position.
            return url
        stamp = getattr(self.last_row, self.stamp)
        return replace_query_param(url, CURSOR_PARAM, encode_cursor(stamp, self.last_row.pk))

    def get_paginated_response(self, data):
        if not self.cursor_mode:
            return super().get_paginated_response(data)
        next_link = self.get_next_link()
        return Response(
            {
                "next": next_link if self.has_more else None,
                # Where to resume the next sync from, even when this was the last page.
                "resume": next_link,
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        page_schema = super().get_paginated_response_schema(schema)
        # Cursor pages carry no count (counting is what deep paging avoids).
        page_schema["required"] = ["results"]
        page_schema["properties"]["resume"] = {
            "type": "string",
            "nullable": True,
            "format": "uri",
            "example": "http://api.example.org/accounts/?cursor=MjAyNi0xMS0yNVQwOTowMDowMCswMDowMHw0Mg",
            "description": "Cursor paging only: where the next sync resumes, given on every page, the last too.",
        }
        return page_schema

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] in (self.page_size_query_param, self.page_query_param):
                parameter["schema"] = {"type": "integer", "minimum": 1}
        return [
            *parameters,
            {
                "name": CURSOR_PARAM,
                "required": False,
                "in": "query",
                "description": f"Keyset paging for sync: `{CURSOR_START}` for the first page, then follow "
                "`next`; rows come in the order they last changed (updated_at, id; created_at for rows "
                "that never change). Combine with `updated_since`. Not with `page` or `ordering`.",
                "schema": {"type": "string"},
            },
        ]

    def get_previous_link(self):
        if self.cursor_mode:
            return None
        return super().get_previous_link()

    def _check_page_number(self, request) -> None:
        # The schema says a whole number from 1: `?page=abc`, `0` or `-1` is the
        # client's mistake, a 400 naming `page`, not the 404 "Invalid page."
        # DRF gives for them and for a page past the end alike.
        values = request.query_params.getlist(self.page_query_param)
        if not values:
            return
        value = values[-1]
        if len(values) > 1:
            raise ValidationError({self.page_query_param: ["Give the page once."]})
        if value in self.last_page_strings:
            return
        if not (value.isascii() and value.isdigit()) or not value.strip("0"):
            raise ValidationError({self.page_query_param: ["Give a whole number from 1 up (or last)."]})

    def get_page_size(self, request):
        values = request.query_params.getlist(self.page_size_query_param)
        if not values:
            return self.page_size
        value = values[-1]
        # Checked as text: int() refuses strings over 4,300 digits.
        if len(values) > 1 or not (value.isascii() and value.isdigit()) or not value.strip("0"):
            raise ValidationError(
                {self.page_size_query_param: ["Give a whole number from 1 up (at most 200 are used)."]}
            )
        return self.max_page_size if len(value) > 6 else min(int(value), self.max_page_size)
