"""A claim saved for real is checked by a real Celery worker over Redis."""

import pytest

from claims.models import ConflictFlag
from tests.conftest import wait_until
from tests.factories import EventFactory, PartySourceFactory, SourceFactory

from .conftest import make_figure

pytestmark = pytest.mark.worker


def test_a_worker_raises_the_flag_for_two_committed_figures(detection_lexicon, celery_worker):
    # Given two sources and an event, committed (no test transaction here)
    event = EventFactory(title="Airstrikes around Aleppo")
    ministry = PartySourceFactory(name="Russian Ministry of Defence", slug="mod")
    monitor = SourceFactory(name="Syrian Observatory for Human Rights", slug="sohr")
    # When two figures are saved through the service, each queues a check on commit
    make_figure(event=event, value=200, subject="militants killed", sources=[ministry])
    make_figure(event=event, value=20, subject="insurgents killed", sources=[monitor])
    # Then the worker raises the mismatch
    flag = wait_until(lambda: ConflictFlag.objects.filter(rule="figure_mismatch").first(), timeout=60)
    assert flag.severity == ConflictFlag.Severity.CRITICAL
    assert "check_claim" in celery_worker.log()
