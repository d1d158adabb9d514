"""A Celery worker killed in the middle of a detection task: the task is
redelivered (acks_late, reject_on_worker_lost) and the end state has every
flag exactly once."""

import os
import signal
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from claims.models import ConflictFlag
from detection.tasks import check_claim
from tests.conftest import skip_or_fail, wait_until
from tests.factories import EventFactory, FigureClaimFactory, PartySourceFactory, SourceFactory

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def child_pids(parent_pid: int) -> list[int]:
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == parent_pid:
            children.append(int(stat.parent.name))
    return children


def test_a_task_killed_mid_flight_is_redelivered_and_raises_its_flag_once(celery_worker):
    if connection.vendor != "postgresql":
        skip_or_fail("needs PostgreSQL: the test holds a table lock to catch the task mid-flight")
    # Given two conflicting figures, saved without queuing any check
    event = EventFactory(title="Airstrikes around Aleppo")
    ministry_claim = FigureClaimFactory(event=event, value_low=200, quantity_subject="militants killed")
    monitor_claim = FigureClaimFactory(event=event, value_low=20, quantity_subject="militants killed")
    ministry_claim.attributions.create(source=PartySourceFactory(name="Ministry", slug="ministry"))
    monitor_claim.attributions.create(source=SourceFactory(name="Monitor", slug="monitor"))

    # And a second session that blocks every write to the flag table
    settings = connection.settings_dict
    blocker = psycopg.connect(
        dbname=settings["NAME"],
        user=settings["USER"],
        password=settings["PASSWORD"] or None,
        host=settings["HOST"] or None,
        port=settings["PORT"] or None,
    )
    blocker.execute("LOCK TABLE claims_conflictflag IN SHARE ROW EXCLUSIVE MODE")
    try:
        # When the worker takes the check and is caught waiting to write the flag
        check_claim.delay(monitor_claim.pk)

        def worker_waits_on_the_lock():
            # Asked from the test's own autocommit connection: inside the
            # blocker's transaction pg_stat_activity would be a frozen snapshot.
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query ILIKE %s",
                    ["%claims_conflictflag%"],
                )
                return cursor.fetchone()[0] > 0

        wait_until(worker_waits_on_the_lock, timeout=60)
        # ...and the process running it is killed outright
        busy_children = child_pids(celery_worker.process.pid)
        assert busy_children, "the worker has no pool process"
        for pid in busy_children:
            os.kill(pid, signal.SIGKILL)
    finally:
        blocker.rollback()
        blocker.close()

    # Then the task comes back to a fresh process and finishes: one flag, once
    flag = wait_until(lambda: ConflictFlag.objects.filter(rule="figure_mismatch").first(), timeout=90)
    assert flag.claim_ids == sorted([ministry_claim.pk, monitor_claim.pk])
    assert "SIGKILL" in celery_worker.log() or "WorkerLostError" in celery_worker.log()
    # Checking again (as a second redelivery would) changes nothing
    check_claim.delay(monitor_claim.pk)
    check_claim.delay(ministry_claim.pk)
    wait_until(lambda: celery_worker.log().count("succeeded") >= 3, timeout=60)
    assert ConflictFlag.objects.filter(rule="figure_mismatch").count() == 1
