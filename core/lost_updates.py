"""Lost-update checks, made under the row lock.

Both surfaces let a writer say "change this record only if it is still as I
read it": the API with `If-Match` (an ETag naming the record's version,
docs/api.md), the edit pages with the hidden `edit_base` (a fingerprint of
each edited field as the page was opened, core.forms.ServiceModelForm).

The check is only sound inside the transaction that writes, after the row is
locked: made before, two edits arriving together both pass it and the second
silently replaces the first. So a surface builds a `VersionCheck` and hands it
to the service as `unchanged_since`; the service calls `check_unchanged()`
right after its `select_for_update()`, and a record changed meanwhile raises
`StaleEdit` (the API answers 412, the page shows which fields changed). A
surface may also check early, for a quick answer; only the locked check counts.
"""

import hashlib
import json
from collections.abc import Mapping
from typing import Protocol

from rest_framework import serializers
from rest_framework.utils.encoders import JSONEncoder

from core.exceptions import ConflictError

STALE_VERSION_MESSAGE = (
    "The record changed since the version named in If-Match; read it again (GET) and send "
    "the change with its new ETag."
)


STALE_BODY_MESSAGE = (
    "The record changed since the version sent here was read (its updated_at is {sent}; it is now "
    "{now}). `current.record` is the record as it is now and `current.differs` every field of this body "
    "whose value is not the record's now (your changes and the other writer's): apply your change to "
    "`current.record` and send it again, or send only the fields you change with If-Match: {etag}."
)


class StaleEdit(ConflictError):
    """The record changed since the version the edit was based on.

    `current`, when the surface could read it, tells the writer how to retry:
    {"etag", "updated_at", "record"} and, for a stale body, "differs"."""

    def __init__(self, message: str = STALE_VERSION_MESSAGE, *, current: dict | None = None):
        super().__init__(message, code="precondition_failed")
        self.current = current


class VersionCheck(Protocol):
    def check(self, record) -> None:
        """Raise StaleEdit if `record` (locked, as stored now) is not the version the edit was based on."""


def check_unchanged(unchanged_since: VersionCheck | None, record) -> None:
    """For services: refuse the write if the locked `record` moved on since the edit's base."""
    if unchanged_since is not None:
        unchanged_since.check(record)


def record_etag(record_id, updated_at: str) -> str:
    """A row's version as an HTTP entity tag: its id and the moment it last changed."""
    return '"' + hashlib.sha256(f"{record_id}|{updated_at}".encode()).hexdigest()[:20] + '"'


def record_etag_of(record) -> str | None:
    """The ETag of a stored row, as the API's answers carry it; None for a row without updated_at."""
    updated_at = getattr(record, "updated_at", None)
    if updated_at is None:
        return None
    return record_etag(record.pk, serializers.DateTimeField().to_representation(updated_at))


class IfMatch:
    """The API's check: the `If-Match` header's ETags (or `*`, any version)."""

    def __init__(self, header: str):
        self.named = {tag.strip().removeprefix("W/") for tag in header.split(",")}

    def check(self, record) -> None:
        current = record_etag_of(record)
        if current is not None and "*" not in self.named and current not in self.named:
            # The view adds the record as it is now (core.viewsets.ServiceViewSet.handle_exception).
            raise StaleEdit(STALE_VERSION_MESSAGE + f" Its ETag now is {current}.")


def stale_body(sent: Mapping, stored: Mapping) -> StaleEdit:
    """The refusal of a body read from an older version of `stored` (its
    `updated_at` is not the record's): the record now, its ETag and the
    fields of the body whose values differ from it."""
    etag = record_etag(stored["id"], stored["updated_at"]) if "id" in stored else None
    differs = {
        key: {"sent": value, "current": stored[key]}
        for key, value in sent.items()
        if key in stored and key != "updated_at" and _as_json(value) != _as_json(stored[key])
    }
    message = STALE_BODY_MESSAGE.format(sent=sent.get("updated_at"), now=stored.get("updated_at"), etag=etag)
    current = {
        "etag": etag,
        "updated_at": stored.get("updated_at"),
        "record": dict(stored),
        "differs": differs,
    }
    return StaleEdit(message, current=current)


def _as_json(value) -> str:
    return json.dumps(value, cls=JSONEncoder, sort_keys=True, ensure_ascii=False)
