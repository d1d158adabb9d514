"""Writes shared by every app's services."""

from collections.abc import Callable, Iterable, Mapping

from django.core.exceptions import ValidationError
from django.db import models, transaction

from core.hooks import AUDIT_RECORD, hook_fire
from core.short_cache import forget_briefly, lexicon_cache_key


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


# The vocabularies the rules and the extractor read (detection's synonyms,
# contested terms, control and victim terms, verb stances; ingestion's
# extractor lexicon). Editors keep them in the admin, and a changed word
# changes what the next check or extraction finds, so every change is a line
# of history with who made it. The history is claims' (claims.AuditEntry),
# reached through the audit_record hook as sources' services do.


def _lexicon_fields(model: type[models.Model]) -> list[str]:
    """The fields an editor may set: every editable column but the key."""
    return [field.name for field in model._meta.concrete_fields if field.editable and not field.primary_key]


def _lexicon_audit(action: str, object_type: str, entry: models.Model, user, **fields) -> None:
    hook_fire(AUDIT_RECORD, action=action, object_type=object_type, object_id=entry.pk, actor=user, **fields)
    # Pages keep some word lists for a few seconds (the subject synonyms of
    # the figure summaries): the edit shows on the next page once committed
    # (forgetting earlier would let a page re-read the old list meanwhile).
    key = lexicon_cache_key(type(entry))
    transaction.on_commit(lambda: forget_briefly([key]))


def lexicon_entry_create(
    *, model: type[models.Model], object_type: str, user, data: Mapping[str, object]
) -> models.Model:
    """Add a word or phrase to a vocabulary; the history records it and who added it."""
    with transaction.atomic():
        entry = model()
        model_update(instance=entry, data=data, allowed=_lexicon_fields(model))
        _lexicon_audit(
            "created",
            object_type,
            entry,
            user,
            to_value=str(entry),
            changes={field: ["", _as_text(getattr(entry, field))] for field in sorted(data)},
        )
    return entry


def lexicon_entry_update(
    *, model: type[models.Model], object_type: str, entry_id: int, user, data: Mapping[str, object]
) -> models.Model:
    """Change a vocabulary entry; the history records {field: [before, after]}
    and who changed it (nothing when nothing changed)."""
    with transaction.atomic():
        # Re-read under a lock: the admin's list page hands over an instance
        # its form has already changed in memory.
        entry = model.objects.select_for_update().get(pk=entry_id)
        before = str(entry)
        changes = model_update(instance=entry, data=data, allowed=_lexicon_fields(model))
        if changes:
            _lexicon_audit(
                "edited", object_type, entry, user, from_value=before, to_value=str(entry), changes=changes
            )
    return entry


def lexicon_entry_delete(*, model: type[models.Model], object_type: str, entry_id: int, user) -> None:
    """Remove a vocabulary entry; the history keeps what it was and who removed it."""
    with transaction.atomic():
        entry = model.objects.select_for_update().get(pk=entry_id)
        _lexicon_audit(
            "deleted",
            object_type,
            entry,
            user,
            from_value=str(entry),
            changes={field: [_as_text(getattr(entry, field)), ""] for field in _lexicon_fields(model)},
        )
        entry.delete()
