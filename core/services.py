"""Writes shared by every app's services."""

from collections.abc import Callable, Iterable, Mapping

from django.core.exceptions import ValidationError
from django.db import models


def _as_text(value) -> str:
    if value is None:
        return ""
    return str(value)[:200]


def model_update(
    *,
    instance: models.Model,
    data: Mapping[str, object],
    allowed: Iterable[str],
    normalise: Mapping[str, Callable[[object], object]] | None = None,
    prepare: Callable[[models.Model], None] | None = None,
    strip: bool = True,
) -> dict[str, list[str]]:
    """Apply `data` to `instance`, validate it and save it; the one loop every
    `<entity>_update` service shares.

    A field outside `allowed` is refused with a field-level ValidationError
    (statuses and grades have their own services, which audit them).
    `normalise` maps a field to a function cleaning its value (strip, sanitise);
    a string field without one is stripped (unless `strip` is off). `prepare` runs after the values are
    set and before validation, for rules across fields.

    Returns what changed, as text for the history: {field: [before, after]}.
    """
    allowed = set(allowed)
    unknown = set(data) - allowed
    if unknown:
        raise ValidationError({field: "This field cannot be changed here." for field in sorted(unknown)})
    normalise = normalise or {}
    watched = sorted(allowed)
    before = {field: getattr(instance, field) for field in watched}
    for field, value in data.items():
        if field in normalise:
            value = normalise[field](value)
        elif strip and isinstance(value, str):
            value = value.strip()
        setattr(instance, field, value)
    if prepare is not None:
        prepare(instance)
    instance.full_clean()
    instance.save()
    return {
        field: [_as_text(before[field]), _as_text(getattr(instance, field))]
        for field in watched
        if getattr(instance, field) != before[field]
    }
