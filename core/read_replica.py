"""Reads that may run on a PostgreSQL read replica (DATABASE_REPLICA_URL).

The replication-lag rule: a replica may be a few seconds behind the primary,
so only readers that do not follow the reader's own write use it: the weekly
digest (a week that has ended) and the streamed exports (a snapshot whose
trailer counts what it holds). Background exports stay on the primary: their
task records its progress on the export row as it goes. Pages and API answers, which must show what the user just
saved, always read the primary. Code opts in with

    with reading_from_replica():
        ...  # every ORM read in here goes to the replica, writes still to the primary

With no replica configured this does nothing, so the same code runs on a
laptop, in tests and in production.
"""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings

REPLICA_ALIAS = "replica"
_use_replica: ContextVar[bool] = ContextVar("use_replica", default=False)


def replica_configured() -> bool:
    return REPLICA_ALIAS in settings.DATABASES


@contextmanager
def reading_from_replica() -> Iterator[None]:
    token = _use_replica.set(True)
    try:
        yield
    finally:
        _use_replica.reset(token)


def iterate_from_replica(pieces: Iterable) -> Iterator:
    """A streamed response's body, read from the replica as it is sent: the
    queries run while the server iterates, after the view has returned."""
    with reading_from_replica():
        yield from pieces


class ReadReplicaRouter:
    """Sends reads inside `reading_from_replica()` to the replica; everything else,
    and every write, to the primary."""

    def db_for_read(self, model, **hints):
        if _use_replica.get() and replica_configured():
            return REPLICA_ALIAS
        return None

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        # The replica holds the same rows as the primary.
        return True

    def allow_migrate(self, db, app_label, **hints):
        # The replica follows the primary's schema through replication.
        return db != REPLICA_ALIAS
