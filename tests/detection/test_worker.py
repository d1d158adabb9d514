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


def test_a_worker_repairs_a_disputes_drifted_state_on_schedule(celery_worker):
    from detection.models import Dispute, DisputeStateRepair
    from detection.tasks import repair_dispute_state
    from tests.factories import ConflictFlagFactory

    # Given a filed pair whose dispute's stored state was overwritten by hand
    flag = ConflictFlagFactory(severity=ConflictFlag.Severity.HIGH)
    Dispute.objects.filter(memberships__flag=flag).update(is_open=False, open_pairs=0, worst=None)
    # When beat's task reaches the worker
    repair_dispute_state.delay()
    # Then the worker recomputes it and records the repair
    record = wait_until(DisputeStateRepair.objects.first, timeout=60)
    assert record.repaired == 1
    dispute = Dispute.objects.get(memberships__flag=flag)
    assert (dispute.is_open, dispute.open_pairs, dispute.worst) == (True, 1, ConflictFlag.Severity.HIGH)
    assert "repair_dispute_state" in celery_worker.log()
