""" "Resolve, then next" follows the editors' queue of disputes, not raw severity.

The disputes here are built by hand (one pair per severity, ages set), so
each builder ends with the refresh production runs when a flag's dispute
changes; every pair is closed through the flag services, which refresh the
stored state (is_open, worst) the queue and "then next" both rank by.
"""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from claims.models import ConflictFlag
from claims.services import flag_assign, flag_dismiss, flag_resolve
from detection.dispute_selectors import dispute_next_open_flag, dispute_queue_entries
from detection.dispute_services import dispute_state_refresh
from detection.models import Dispute, DisputeFlag
from tests import factories

pytestmark = pytest.mark.django_db

Severity = ConflictFlag.Severity


def _dispute(key: str, *severities, age_minutes: int = 0, closed=()) -> list[ConflictFlag]:
    """A dispute with one pair per severity; the pairs at the `closed`
    positions are filed already resolved."""
    dispute = Dispute.objects.create(key=key, topic=Dispute.Topic.FIGURE)
    if age_minutes:
        Dispute.objects.filter(pk=dispute.pk).update(
            created_at=timezone.now() - timedelta(minutes=age_minutes)
        )
    flags, emptied = [], set()
    for index, severity in enumerate(severities):
        status = ConflictFlag.Status.RESOLVED if index in closed else ConflictFlag.Status.OPEN
        flag = factories.ConflictFlagFactory(severity=severity, status=status)
        # The factory's flag was filed under a dispute of its own: move it.
        emptied.add(DisputeFlag.objects.get(flag=flag).dispute_id)
        DisputeFlag.objects.filter(flag=flag).update(dispute=dispute)
        flags.append(flag)
    # Moving a pair changes both disputes' state, as disputes_sync's filing does.
    dispute_state_refresh(dispute_ids={dispute.pk, *emptied})
    return flags


def _dismiss(flag: ConflictFlag, user) -> None:
    flag_dismiss(flag_id=flag.pk, user=user, reason="Not the same count.")


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


def test_disputes_are_taken_in_queue_order_worst_open_pair_then_oldest(editor_user):
    (current,) = _dispute("figure:0:done", Severity.LOW)
    # Its critical pair is closed: the dispute ranks by its open pair (low).
    _closed_critical, low_open = _dispute(
        "figure:1:a", Severity.CRITICAL, Severity.LOW, age_minutes=30, closed={0}
    )
    (newer_high,) = _dispute("figure:2:b", Severity.HIGH, age_minutes=1)
    (older_high,) = _dispute("figure:3:c", Severity.HIGH, age_minutes=10)

    assert dispute_next_open_flag(after_flag_id=current.pk) == older_high
    _dismiss(older_high, editor_user)
    assert dispute_next_open_flag(after_flag_id=current.pk) == newer_high
    _dismiss(newer_high, editor_user)
    assert dispute_next_open_flag(after_flag_id=current.pk) == low_open


def test_a_dispute_whose_worst_pair_was_closed_drops_below_one_with_a_worse_open_pair(editor_user):
    worst, medium = _dispute("figure:1:a", Severity.CRITICAL, Severity.MEDIUM, age_minutes=30)
    (high,) = _dispute("figure:2:b", Severity.HIGH, age_minutes=1)
    assert dispute_next_open_flag() == worst

    # Closed from the conflict's own page: the older dispute's worst open pair is now medium.
    flag_resolve(flag_id=worst.pk, user=editor_user, note="The monitor holds up.")

    assert dispute_next_open_flag() == high
    _dismiss(high, editor_user)
    assert dispute_next_open_flag() == medium


def test_then_next_goes_to_the_pair_the_queue_lists_first(editor_user):
    _dispute("figure:1:a", Severity.MEDIUM, Severity.LOW, age_minutes=20)
    _dispute("figure:2:b", Severity.CRITICAL, Severity.HIGH, age_minutes=10, closed={0})
    _dispute("figure:3:c", Severity.HIGH, Severity.MEDIUM, age_minutes=5)
    while (flag := dispute_next_open_flag()) is not None:
        top = dispute_queue_entries().first()
        assert top.is_open
        assert DisputeFlag.objects.get(flag=flag).dispute_id == top.pk
        _dismiss(flag, editor_user)
    assert not dispute_queue_entries().filter(is_open=True).exists()


def test_my_assigned_pair_comes_after_the_current_dispute_but_before_the_rest(editor_user):
    current, same = _dispute("figure:1:a", Severity.HIGH, Severity.LOW)
    (top,) = _dispute("figure:2:b", Severity.CRITICAL)
    (mine,) = _dispute("figure:3:c", Severity.LOW)
    flag_assign(flag_id=mine.pk, user=editor_user, assignee=editor_user)

    assert dispute_next_open_flag(after_flag_id=current.pk, user=editor_user) == same
    flag_resolve(flag_id=same.pk, user=editor_user, note="Checked.")
    assert dispute_next_open_flag(after_flag_id=current.pk, user=editor_user) == mine
    # Without a user (or for someone else), the queue's top comes next.
    assert dispute_next_open_flag(after_flag_id=current.pk) == top


def test_a_pair_not_yet_filed_under_a_dispute_comes_after_every_filed_one(editor_user):
    unfiled = factories.ConflictFlagFactory(severity=Severity.CRITICAL)
    DisputeFlag.objects.filter(flag=unfiled).delete()
    dispute_state_refresh()
    (filed,) = _dispute("figure:1:a", Severity.LOW)
    assert dispute_next_open_flag() == filed
    flag_resolve(flag_id=filed.pk, user=editor_user, note="Checked.")
    assert dispute_next_open_flag() == unfiled
    flag_resolve(flag_id=unfiled.pk, user=editor_user, note="Checked.")
    assert dispute_next_open_flag() is None


def test_my_assigned_pairs_come_in_their_disputes_queue_order_not_their_own_severity(editor_user):
    (current,) = _dispute("figure:0:done", Severity.LOW)
    _critical, mine_low = _dispute("figure:1:a", Severity.CRITICAL, Severity.LOW, age_minutes=5)
    (mine_high,) = _dispute("figure:2:b", Severity.HIGH, age_minutes=10)
    for flag in (mine_low, mine_high):
        flag_assign(flag_id=flag.pk, user=editor_user, assignee=editor_user)

    # The low pair's dispute is critical: the queue lists it first.
    assert dispute_next_open_flag(after_flag_id=current.pk, user=editor_user) == mine_low
    _dismiss(_critical, editor_user)
    assert dispute_next_open_flag(after_flag_id=current.pk, user=editor_user) == mine_high
