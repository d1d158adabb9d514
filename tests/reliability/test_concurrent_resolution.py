"""Two editors resolve the same flag at the same moment: one wins, the other
waits on the flag's row lock, then gets a clear conflict message, and the
history shows one resolution."""

import threading

import pytest
from django.db import connection, connections, transaction

from claims.models import AuditEntry, ConflictFlag
from claims.services import _close_flag, flag_dismiss, flag_resolve
from core.exceptions import ConflictError
from tests.conftest import skip_or_fail, wait_until
from tests.factories import ConflictFlagFactory, editor


def backend_waits_on_a_lock(pid: int) -> bool:
    """Whether the PostgreSQL backend `pid` is blocked waiting for a lock."""
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s", [pid])
        row = cursor.fetchone()
    return row is not None and row[0] == "Lock"


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_the_second_of_two_simultaneous_resolutions_waits_for_the_lock_and_is_refused():
    if connection.vendor != "postgresql":
        skip_or_fail("needs PostgreSQL: the test watches the second editor wait on the row lock")
    flag = ConflictFlagFactory()
    first_editor, second_editor = editor(username="night"), editor(username="day")
    # Both editors act only once both are ready, and the first holds the flag.
    both_ready = threading.Barrier(2, timeout=30)
    second_pid: dict[str, int] = {}
    outcome: dict[str, object] = {}

    def first():
        try:
            with transaction.atomic():
                flag_resolve(flag_id=flag.pk, user=first_editor, note="Checked with the monitor")
                both_ready.wait()
                # Keep the transaction (and the row lock) open until the second
                # editor is seen blocked on it: the locked path, not a lucky order.
                outcome["second_waited"] = wait_until(lambda: backend_waits_on_a_lock(second_pid["pid"]))
            outcome["first"] = "resolved"
        finally:
            connection.close()

    def second():
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                second_pid["pid"] = cursor.fetchone()[0]
            both_ready.wait()
            flag_dismiss(flag_id=flag.pk, user=second_editor, reason="Not a conflict")
            outcome["second"] = "dismissed"
        except ConflictError as error:
            outcome["second"] = error.message
        finally:
            connection.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    flag.refresh_from_db()
    assert outcome["first"] == "resolved"
    assert outcome["second_waited"] is True
    # Once the lock was released the second editor read the resolved flag and
    # was refused by its state check (not by the conditional update's fallback).
    assert outcome["second"] == "Cannot dismiss: this flag was already resolved by night."
    assert flag.status == ConflictFlag.Status.RESOLVED
    assert flag.resolved_by == first_editor
    closing_entries = flag.history.filter(action=AuditEntry.Action.STATUS)
    assert list(closing_entries.values_list("to_value", flat=True)) == [ConflictFlag.Status.RESOLVED]


@pytest.mark.django_db(transaction=True)
def test_a_resolution_that_lost_the_race_after_reading_the_flag_is_refused_by_the_conditional_update():
    """Without row locks (SQLite) the claim-the-transition update is what
    keeps the second close out: simulate a reader that saw the flag open."""
    flag = ConflictFlagFactory()
    flag_resolve(flag_id=flag.pk, user=editor(username="night"), note="Checked")
    stale = ConflictFlag.objects.get(pk=flag.pk)
    stale.status = ConflictFlag.Status.OPEN
    with pytest.raises(ConflictError, match="a moment ago"), transaction.atomic():
        _close_flag(flag=stale, user=editor(username="day"), status=ConflictFlag.Status.DISMISSED, note="No")
    flag.refresh_from_db()
    assert flag.status == ConflictFlag.Status.RESOLVED
