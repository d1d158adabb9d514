"""Redis stops while editors save claims: every save succeeds, and once Redis
is back the sweep raises every flag a run with Redis up would have raised."""

import logging

import pytest
from django.conf import settings

from claims.demo import CLAIMS, demo_load
from claims.models import Claim, ConflictFlag
from detection.services import conflicts_detect_for_claim, conflicts_sweep

pytestmark = pytest.mark.django_db


def flag_keys() -> set[tuple]:
    return set(ConflictFlag.objects.values_list("rule", "claim_a_id", "claim_b_id"))


def test_saves_survive_a_redis_outage_and_the_sweep_catches_up(
    spare_redis, celery_broker_at, caplog, django_capture_on_commit_callbacks
):
    # Given the broker is a real Redis that then goes down
    celery_broker_at(spare_redis.url)
    spare_redis.stop()

    # When editors save the whole Aleppo story through the services
    with (
        django_capture_on_commit_callbacks(execute=True),
        caplog.at_level(logging.WARNING, "detection.tasks"),
    ):
        demo_load()

    # Then every save landed, each failed enqueue was logged, and nothing was checked yet
    assert Claim.objects.count() == len(CLAIMS)
    failed_enqueues = [r for r in caplog.records if "sweep will catch it" in r.getMessage()]
    assert len(failed_enqueues) >= len(CLAIMS)
    assert not ConflictFlag.objects.exists()

    # When Redis comes back, new checks are queued again...
    spare_redis.start()
    with django_capture_on_commit_callbacks(execute=True):
        Claim.objects.first()  # no-op read: the broker reconnects lazily
        from detection.tasks import queue_claim_check

        queue_claim_check(Claim.objects.first().pk)
    assert spare_redis.queue_length(settings.CELERY_TASK_DEFAULT_QUEUE) == 1

    # ...and the sweep raises the flags that were missed
    conflicts_sweep()
    after_sweep = flag_keys()
    assert {rule for rule, _, _ in after_sweep} >= {
        "figure_mismatch",
        "framing_conflict",
        "territorial_control",
    }

    # A check of every claim, as Redis-up workers would have run, finds nothing more
    for claim_id in Claim.objects.values_list("pk", flat=True):
        conflicts_detect_for_claim(claim_id=claim_id)
    assert flag_keys() == after_sweep
    assert ConflictFlag.objects.count() == len(after_sweep)
