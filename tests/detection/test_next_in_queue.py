""" "Resolve, then next" follows the editors' queue of disputes, not raw severity."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from claims.models import ConflictFlag
from detection.dispute_selectors import dispute_next_open_flag
from detection.models import Dispute, DisputeFlag
from tests import factories

pytestmark = pytest.mark.django_db

Severity = ConflictFlag.Severity


def _dispute(key: str, *severities, age_minutes: int = 0, statuses=None) -> list[ConflictFlag]:
    """A dispute with one pair per severity; `statuses` closes some of them."""
    dispute = Dispute.objects.create(key=key, topic=Dispute.Topic.FIGURE)
    if age_minutes:
        Dispute.objects.filter(pk=dispute.pk).update(
            created_at=timezone.now() - timedelta(minutes=age_minutes)
        )
    flags = []
    for index, severity in enumerate(severities):
        status = (statuses or {}).get(index, ConflictFlag.Status.OPEN)
        flag = factories.ConflictFlagFactory(severity=severity, status=status)
        # The factory's flag was filed under a dispute of its own: move it.
        DisputeFlag.objects.update_or_create(flag=flag, defaults={"dispute": dispute})
        flags.append(flag)
    return flags


@pytest.fixture
def editor(editor_user):
    client = Client()
    client.force_login(editor_user)
    return client


def test_the_same_disputes_remaining_pair_comes_before_a_more_severe_pair_elsewhere(editor):
    first, lesser = _dispute("figure:1:killed", Severity.CRITICAL, Severity.LOW, age_minutes=5)
    (elsewhere,) = _dispute("figure:2:wounded", Severity.HIGH)

    response = editor.post(f"/flags/{first.pk}/resolve/", {"note": "Checked.", "then": "next"})
    assert response["Location"] == lesser.get_absolute_url()

    response = editor.post(f"/flags/{lesser.pk}/resolve/", {"note": "Checked too.", "then": "next"})
    assert response["Location"] == elsewhere.get_absolute_url()


def test_disputes_are_taken_in_queue_order_worst_open_pair_then_oldest():
    (current,) = _dispute("figure:0:done", Severity.LOW)
    # Its critical pair is closed: the dispute ranks by its open pair (low).
    _closed_critical, low_open = _dispute(
        "figure:1:a",
        Severity.CRITICAL,
        Severity.LOW,
        age_minutes=30,
        statuses={0: ConflictFlag.Status.RESOLVED},
    )
    (newer_high,) = _dispute("figure:2:b", Severity.HIGH, age_minutes=1)
    (older_high,) = _dispute("figure:3:c", Severity.HIGH, age_minutes=10)

    assert dispute_next_open_flag(after_flag_id=current.pk) == older_high
    ConflictFlag.objects.filter(pk=older_high.pk).update(status=ConflictFlag.Status.DISMISSED)
    assert dispute_next_open_flag(after_flag_id=current.pk) == newer_high
    ConflictFlag.objects.filter(pk=newer_high.pk).update(status=ConflictFlag.Status.DISMISSED)
    assert dispute_next_open_flag(after_flag_id=current.pk) == low_open


def test_my_assigned_pair_comes_after_the_current_dispute_but_before_the_rest(editor_user):
    current, same = _dispute("figure:1:a", Severity.HIGH, Severity.LOW)
    (top,) = _dispute("figure:2:b", Severity.CRITICAL)
    (mine,) = _dispute("figure:3:c", Severity.LOW)
    ConflictFlag.objects.filter(pk=mine.pk).update(assignee=editor_user)

    assert dispute_next_open_flag(after_flag_id=current.pk, user=editor_user) == same
    ConflictFlag.objects.filter(pk=same.pk).update(status=ConflictFlag.Status.RESOLVED)
    assert dispute_next_open_flag(after_flag_id=current.pk, user=editor_user) == mine
    # Without a user (or for someone else), the queue's top comes next.
    assert dispute_next_open_flag(after_flag_id=current.pk) == top


def test_a_pair_not_yet_filed_under_a_dispute_comes_after_every_filed_one():
    unfiled = factories.ConflictFlagFactory(severity=Severity.CRITICAL)
    DisputeFlag.objects.filter(flag=unfiled).delete()
    (filed,) = _dispute("figure:1:a", Severity.LOW)
    assert dispute_next_open_flag() == filed
    ConflictFlag.objects.filter(pk=filed.pk).update(status=ConflictFlag.Status.RESOLVED)
    assert dispute_next_open_flag() == unfiled
    ConflictFlag.objects.filter(pk=unfiled.pk).update(status=ConflictFlag.Status.RESOLVED)
    assert dispute_next_open_flag() is None
