"""Reads a page makes on every request with the same SQL but for one id,
compiled once per process (issue 16).

Django compiles a queryset to SQL each time it is evaluated, and builds the
rows of a select_related()/only() query through its related populators: on
the claim page, 0.5-1 ms of CPU a query, several times what the database
spends answering. A PreparedRead builds its queryset once with a placeholder
id, keeps the SQL and the columns' converters, and turns each row into the
model instances select_related() and only() give: the same rows in the same
order, the listed fields loaded (the rest deferred), the joined rows cached on
their foreign keys (None for an empty outer join).

Only for reads whose shape never changes between requests: the SQL is the
queryset's as first compiled, with the id put back wherever the placeholder
was.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ImproperlyConfigured
from django.db import connections
from django.db.models import Model, QuerySet

# An id no row has, to find where the id goes in the compiled parameters.
_PLACEHOLDER = -7_262_145


@dataclass(frozen=True)
class Join:
    """A foreign key read with its row, as select_related() reads it, with
    the columns shown of the row it points to (its primary key is always read)."""

    name: str
    columns: tuple[str, ...]
    joins: tuple["Join", ...] = ()


@dataclass
class _Part:
    """Where one model's values sit in a result row."""

    model: type[Model]
    attnames: list[str]
    start: int
    pk_position: int
    joins: list[tuple[str, "_Part"]] = field(default_factory=list)

    @property
    def end(self) -> int:
        return self.start + len(self.attnames)


def _plan(model: type[Model], columns, joins, prefix: str, paths: list[str]) -> _Part:
    """The values_list() paths of `model`'s columns, appended to `paths`, in
    the order of its concrete fields (as Model.from_db expects them)."""
    wanted = {*columns, model._meta.pk.name, *(join.name for join in joins)}
    fields = [f for f in model._meta.concrete_fields if f.name in wanted or f.attname in wanted]
    unknown = wanted - {name for f in fields for name in (f.name, f.attname)}
    if unknown:
        raise ImproperlyConfigured(f"{model.__name__} has no columns {sorted(unknown)}")
    part = _Part(
        model=model,
        attnames=[f.attname for f in fields],
        start=len(paths),
        pk_position=fields.index(model._meta.pk),
    )
    paths.extend(prefix + f.attname for f in fields)
    for join in joins:
        related = model._meta.get_field(join.name).related_model
        part.joins.append(
            (join.name, _plan(related, join.columns, join.joins, f"{prefix}{join.name}__", paths))
        )
    return part


def _instance(part: _Part, row: list, alias: str) -> Model | None:
    values = row[part.start : part.end]
    if values[part.pk_position] is None:  # An outer join that found nothing.
        return None
    instance = part.model.from_db(alias, part.attnames, values)
    for name, joined in part.joins:
        instance._state.fields_cache[name] = _instance(joined, row, alias)
    return instance


class PreparedRead:
    """`rows(id)`: the instances of `queryset(id)` (a queryset of `model`,
    filtered and ordered, without select_related or only), with `columns` of
    each and the `joins` read with them.

    `rows([id, ...])` for a queryset that takes a list (`pk__in=ids`): the SQL
    is compiled once per length of list, a page's worth at most. `extra`:
    further values (attribute name -> values_list() path, such as a column
    across a join the model does not hold), set on each instance as
    annotate() would."""

    def __init__(
        self,
        *,
        model: type[Model],
        columns: tuple[str, ...],
        queryset: Callable[[int], QuerySet] | Callable[[list[int]], QuerySet],
        joins: tuple[Join, ...] = (),
        extra: dict[str, str] | None = None,
    ):
        self._model, self._columns, self._joins, self._queryset = model, columns, joins, queryset
        self._extra = tuple((extra or {}).items())
        self._compiled: dict[int | None, tuple] = {}

    def _compile(self, length: int | None):
        paths: list[str] = []
        part = _plan(self._model, self._columns, self._joins, "", paths)
        extra_start = len(paths)
        paths.extend(path for _, path in self._extra)
        placeholders = [_PLACEHOLDER] if length is None else [_PLACEHOLDER - index for index in range(length)]
        queryset = self._queryset(placeholders[0] if length is None else placeholders).values_list(*paths)
        compiler = queryset.query.get_compiler(queryset.db)
        sql, params = compiler.as_sql()
        if any(placeholder not in params for placeholder in placeholders):
            raise ImproperlyConfigured("The queryset does not filter on the ids it is given.")
        converters = compiler.get_converters([column for column, _, _ in compiler.select])
        slots = {placeholder: index for index, placeholder in enumerate(placeholders)}
        return queryset.db, sql, tuple(params), converters, part, extra_start, slots

    def rows(self, value: int | list[int]) -> list[Model]:
        values = None if isinstance(value, int) else list(value)
        length = None if values is None else len(values)
        if length == 0:
            return []
        compiled = self._compiled.get(length)
        if compiled is None:
            compiled = self._compiled[length] = self._compile(length)
        alias, sql, params, converters, part, extra_start, slots = compiled
        values = [value] if values is None else values
        connection = connections[alias]
        with connection.cursor() as cursor:
            cursor.execute(
                sql,
                [
                    values[slots[param]] if isinstance(param, int) and param in slots else param
                    for param in params
                ],
            )
            rows = cursor.fetchall()
        instances = []
        for row in rows:
            row = list(row)
            for position, (functions, expression) in converters.items():
                for function in functions:
                    row[position] = function(row[position], expression, connection)
            instance = _instance(part, row, alias)
            for (name, _), extra_value in zip(self._extra, row[extra_start:], strict=True):
                setattr(instance, name, extra_value)
            instances.append(instance)
        return instances
