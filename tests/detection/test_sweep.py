"""The periodic sweep, the detect_conflicts command, and saving with Redis down."""

import logging
from datetime import timedelta
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.utils import timezone

from claims.models import Claim, ConflictFlag
from detection.models import SweepState
from detection.services import SWEEP_LOCK_KEY, conflicts_sweep

from .conftest import make_figure

pytestmark = pytest.mark.django_db


def test_the_first_sweep_checks_every_claim_and_raises_what_it_finds(event):
    make_figure(event=event, value=200)
    make_figure(event=event, value=20)
    report = conflicts_sweep()
    assert report.checked == 2
    assert ConflictFlag.objects.filter(rule="figure_mismatch").count() == 1
    assert SweepState.objects.get().high_water_mark is not None


def test_the_next_sweep_checks_only_claims_changed_since_the_last(event):
    old = make_figure(event=event, value=5)
    conflicts_sweep()
    # Older than the sweep's overlap window: not looked at again.
    Claim.objects.filter(pk=old.pk).update(updated_at=timezone.now() - timedelta(hours=1))
    SweepState.objects.update(high_water_mark=timezone.now() - timedelta(minutes=30))
    make_figure(event=event, value=50)
    report = conflicts_sweep()
    assert report.checked == 1
    assert ConflictFlag.objects.filter(rule="figure_mismatch").count() == 1


def test_a_sweep_while_another_runs_does_nothing(event):
    make_figure(event=event, value=200)
    cache.add(SWEEP_LOCK_KEY, "locked", timeout=60)
    try:
        report = conflicts_sweep()
    finally:
        cache.delete(SWEEP_LOCK_KEY)
    assert report.skipped
    assert report.checked == 0


def test_a_sweep_out_of_time_keeps_its_place_for_the_next_run(event, monkeypatch):
    monkeypatch.setattr("detection.services.SWEEP_BATCH_SIZE", 2)
    for value in (1, 2, 3, 4, 5):
        make_figure(event=event, value=value * 100)
    first = conflicts_sweep(time_budget=0)
    assert (first.checked, first.finished) == (2, False)
    second = conflicts_sweep(time_budget=60)
    assert second.finished
    # The overlap window re-reads recent claims; every claim was checked at least once.
    assert first.checked + second.checked >= 5
    assert ConflictFlag.objects.filter(rule="figure_mismatch").count() == 10


def test_detect_conflicts_for_one_claim_prints_what_it_raised(event):
    make_figure(event=event, value=200)
    claim = make_figure(event=event, value=20)
    out = StringIO()
    call_command("detect_conflicts", "--claim", str(claim.pk), stdout=out)
    assert "created: flag #" in out.getvalue()
    assert "[figure_mismatch, critical]" in out.getvalue()
    assert "Checked 1 claim(s): 1 flag(s) raised" in out.getvalue()


def test_detect_conflicts_all_checks_every_claim_and_is_idempotent(event):
    make_figure(event=event, value=200)
    make_figure(event=event, value=20)
    call_command("detect_conflicts", "--all", stdout=StringIO())
    out = StringIO()
    call_command("detect_conflicts", "--all", stdout=out)
    assert "Checked 2 claim(s): 0 flag(s) raised, 0 re-opened, 0 updated." in out.getvalue()
    assert ConflictFlag.objects.count() == 1


def test_detect_conflicts_refuses_an_unknown_claim():
    with pytest.raises(CommandError, match="no claim #999"):
        call_command("detect_conflicts", "--claim", "999")


@pytest.fixture
def redis_unreachable(celery_broker_at):
    """Point Celery at a closed port and stop running tasks in-process, as in
    production when Redis is down."""
    celery_broker_at("redis://127.0.0.1:6390/0")


def test_saving_a_claim_with_redis_unreachable_succeeds_and_the_sweep_raises_the_flag(
    event, redis_unreachable, caplog, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True),
        caplog.at_level(logging.WARNING, "detection.tasks"),
    ):
        make_figure(event=event, value=200)
        claim = make_figure(event=event, value=20)
    assert Claim.objects.filter(pk=claim.pk).exists()
    warnings = [record for record in caplog.records if record.name == "detection.tasks"]
    assert warnings and all(record.levelno == logging.WARNING for record in warnings)
    assert f"claim {claim.pk}" in warnings[-1].getMessage()
    assert not ConflictFlag.objects.exists()

    conflicts_sweep()
    assert ConflictFlag.objects.filter(rule="figure_mismatch").count() == 1


def test_the_sweep_task_runs_the_sweep(event):
    from detection.tasks import sweep_conflicts

    make_figure(event=event, value=200)
    make_figure(event=event, value=20)
    sweep_conflicts.delay()
    assert ConflictFlag.objects.filter(rule="figure_mismatch").count() == 1


def test_the_sweep_is_scheduled_with_an_expiry_shorter_than_its_interval(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["conflict-sweep"]
    assert entry["task"] == "detection.tasks.sweep_conflicts"
    assert entry["schedule"] == settings.DETECTION_SWEEP_SECONDS
    assert 0 < entry["options"]["expires"] < settings.DETECTION_SWEEP_SECONDS
