"""Past one machine: two web processes and two Celery workers on one PostgreSQL
and one Redis, as separate processes on loopback (docs/production.md
"Past one machine").

- The same claim saved through both webs at once raises each flag once.
- A digest week started twice (two beat runs, say, after a failover), with
  the fan-out and the sends spread over both workers, reaches each reader once.
"""

import os
import socket
import subprocess
import sys
import threading
import time

import pytest
import requests
from aiosmtpd.controller import Controller
from django.db import connection

from accounts.services import api_token_create
from claims.models import ConflictFlag
from digests.models import DigestDelivery
from digests.weeks import IsoWeek
from tests import factories
from tests.conftest import PROJECT_DIR, CeleryWorker, skip_or_fail, wait_until
from tests.digests.test_smtp import Inbox

pytestmark = [pytest.mark.worker, pytest.mark.slow]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class WebProcess:
    """gunicorn serving the app against the test database, queueing tasks on Redis."""

    def __init__(self, *, env: dict):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = PROJECT_DIR / ".pytest_cache" / f"web-{self.port}.log"
        self.env = env
        self.process = None
        self._log = None

    def start(self) -> None:
        self.log_path.parent.mkdir(exist_ok=True)
        self._log = open(self.log_path, "w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "tracker.wsgi:application", "--bind", f"127.0.0.1:{self.port}",
             "--workers", "1", "--timeout", "60"],
            cwd=PROJECT_DIR, env=self.env, stdout=self._log, stderr=subprocess.STDOUT,
        )  # fmt: skip

        def ready():
            if self.process.poll() is not None:
                raise AssertionError(f"web process exited:\n{self.log_path.read_text()}")
            try:
                return requests.get(f"{self.url}/healthz", timeout=5).status_code == 200
            except requests.RequestException:
                return False

        wait_until(ready, timeout=60)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=20)
        if self._log:
            self._log.close()


@pytest.fixture
def two_webs_two_workers(transactional_db, settings):
    from tracker.celery import app

    if connection.vendor != "postgresql":
        skip_or_fail("the scale-out test needs PostgreSQL (DATABASE_URL)")
    broker_url = os.environ.get("CELERY_BROKER_URL", "")
    if not broker_url.startswith("redis"):
        skip_or_fail("CELERY_BROKER_URL does not name a Redis broker")

    inbox = Inbox()
    smtp_port = free_port()
    smtp = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
    smtp.start()

    queue = settings.CELERY_TASK_DEFAULT_QUEUE
    database_name = connection.settings_dict["NAME"]
    shared_env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tracker.test_settings",
        "CELERY_BROKER_URL": broker_url,
        "CELERY_TASK_DEFAULT_QUEUE": queue,
        "CLAIMTRACK_TEST_DATABASE_NAME": database_name,
        "CLAIMTRACK_TEST_TASKS_VIA_BROKER": "true",
        "CLAIMTRACK_TEST_SMTP_PORT": str(smtp_port),
    }
    webs = [WebProcess(env=shared_env) for _ in range(2)]
    workers = [
        CeleryWorker(
            broker_url=broker_url, queue=queue, database_name=database_name, name=f"-{n}",
            extra_env={"CLAIMTRACK_TEST_SMTP_PORT": str(smtp_port)},
        )
        for n in (1, 2)
    ]  # fmt: skip
    app.conf.task_always_eager = False
    started = []
    try:
        for process in (*webs, *workers):
            process.start()
            started.append(process)
        yield webs, workers, inbox
    finally:
        for process in started:
            process.stop()
        smtp.stop()
        app.conf.task_always_eager = True


def queue_drained(workers) -> bool:
    """Nothing waiting in Redis and nothing running on either worker."""
    from tracker.celery import app

    with app.connection_for_write() as conn:
        waiting = conn.default_channel.client.llen(workers[0].queue)
    if waiting:
        return False
    active = app.control.inspect(destination=[w.hostname for w in workers], timeout=1).active() or {}
    return len(active) == len(workers) and not any(active.values())


def settled(workers, *, seconds: float = 1.0) -> bool:
    """Drained now and still drained a moment later (a task may queue another)."""
    if not queue_drained(workers):
        return False
    time.sleep(seconds)
    return queue_drained(workers)


def test_the_same_claim_saved_through_two_webs_raises_each_flag_once(two_webs_two_workers):
    webs, workers, _ = two_webs_two_workers
    event = factories.EventFactory()
    party_figure = factories.FigureClaimFactory(event=event, value_low=200)
    party_figure.attributions.create(source=factories.PartySourceFactory())
    monitor_figure = factories.FigureClaimFactory(event=event, value_low=20)
    monitor_figure.attributions.create(source=factories.SourceFactory())
    _, raw_token = api_token_create(user=factories.editor(username="desk"), name="scale-out test")
    headers = {"Authorization": f"Token {raw_token}"}

    start = threading.Barrier(2)
    answers = []

    def save_through(web):
        start.wait()
        answers.append(
            requests.patch(
                f"{web.url}/api/v1/claims/{monitor_figure.pk}/",
                json={"text": "A monitor counted 20 militants killed in the strikes."},
                headers=headers,
                timeout=30,
            ).status_code
        )

    threads = [threading.Thread(target=save_through, args=(web,)) for web in webs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == [200, 200]

    wait_until(lambda: ConflictFlag.objects.filter(rule="figure_mismatch").exists(), timeout=60)
    wait_until(lambda: settled(workers), timeout=60)

    flags = list(ConflictFlag.objects.values_list("rule", "claim_a", "claim_b"))
    assert ("figure_mismatch", party_figure.pk, monitor_figure.pk) in flags
    assert len(flags) == len(set(flags)), flags
    # Both workers took part: the checks were spread, not serialised on one.
    assert all("detection.tasks.check_claim" in worker.log() for worker in workers)


def test_a_digest_week_started_twice_reaches_each_reader_once(two_webs_two_workers):
    from tracker.celery import app

    _, workers, inbox = two_webs_two_workers
    readers = [factories.editor(username=f"reader{n}", email=f"reader{n}@example.org") for n in range(6)]
    event = factories.EventFactory()
    first = factories.FigureClaimFactory(event=event, value_low=200)
    second = factories.FigureClaimFactory(event=event, value_low=20)
    factories.ConflictFlagFactory(claim_a=first, claim_b=second)
    week = str(IsoWeek.containing(first.created_at.date()))

    # Two beat runs of the same week, at once, on whichever workers take them.
    for _ in range(2):
        app.send_task("digests.tasks.send_weekly_digests", args=[week], queue=workers[0].queue)

    wait_until(
        lambda: (
            DigestDelivery.objects.filter(week=week).exclude(status__in=["pending", "sending"]).count()
            == len(readers)
        ),
        timeout=90,
    )
    wait_until(lambda: settled(workers), timeout=60)

    deliveries = DigestDelivery.objects.filter(week=week)
    assert deliveries.count() == len(readers)
    assert set(deliveries.values_list("status", flat=True)) == {DigestDelivery.Status.SENT}
    recipients = [rcpt for _, rcpts in inbox.envelopes for rcpt in rcpts]
    assert sorted(recipients) == sorted(reader.email for reader in readers)
