"""Two editors resolve the same flag at the same moment: one wins, the other
gets a clear conflict message, and the history shows one resolution."""

import threading
import time

import pytest
from django.db import connection, transaction

from claims.models import AuditEntry, ConflictFlag
from claims.services import flag_dismiss, flag_resolve
from core.exceptions import ConflictError
from tests.factories import ConflictFlagFactory, editor


@pytest.mark.django_db(transaction=True)
def test_only_one_of_two_simultaneous_resolutions_lands():
    flag = ConflictFlagFactory()
    first_editor, second_editor = editor(username="night"), editor(username="day")
    first_holds_the_flag = threading.Event()
    outcome: dict[str, object] = {}

    def first():
        try:
            with transaction.atomic():
                flag_resolve(flag_id=flag.pk, user=first_editor, note="Checked with the monitor")
                first_holds_the_flag.set()
                # Keep the transaction open while the second editor tries.
                time.sleep(0.5)
            outcome["first"] = "resolved"
        finally:
            first_holds_the_flag.set()
            connection.close()

    def second():
        try:
            first_holds_the_flag.wait(timeout=10)
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
        thread.join(timeout=30)

    flag.refresh_from_db()
    assert outcome["first"] == "resolved"
    assert "already resolved by night" in outcome["second"] or "a moment ago" in outcome["second"]
    assert flag.status == ConflictFlag.Status.RESOLVED
    assert flag.resolved_by == first_editor
    closing_entries = flag.history.filter(action=AuditEntry.Action.STATUS)
    assert list(closing_entries.values_list("to_value", flat=True)) == [ConflictFlag.Status.RESOLVED]
