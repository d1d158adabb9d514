"""Idempotency, dismissal, resolution and re-opening of detected flags."""

from datetime import timedelta

import pytest
from django.utils import timezone

from claims.models import AuditEntry, Claim, ConflictFlag
from claims.services import claim_update, flag_dismiss, flag_resolve
from detection.services import STALE_NOTE, Outcome, flag_raise

from .conftest import check, make_figure

pytestmark = pytest.mark.django_db


@pytest.fixture
def mismatch(event):
    """Two figures ten times apart, checked once: one open figure_mismatch flag."""
    high = make_figure(event=event, value=200)
    low = make_figure(event=event, value=20)
    check(low)
    return high, low, ConflictFlag.objects.get(rule="figure_mismatch")


def test_checking_twice_raises_one_flag(mismatch):
    high, low, _ = mismatch
    check(low)
    check(high)
    assert ConflictFlag.objects.filter(rule="figure_mismatch").count() == 1


def test_a_new_flag_has_a_created_history_line_by_the_system(mismatch):
    *_, flag = mismatch
    [entry] = flag.history.all()
    assert entry.action == AuditEntry.Action.CREATED
    assert entry.actor is None
    assert entry.actor_display == "system"


def test_a_dismissed_flag_stays_dismissed_when_nothing_changed(mismatch, editor_user):
    high, low, flag = mismatch
    flag_dismiss(flag_id=flag.pk, user=editor_user, reason="Different airstrikes, wrongly grouped.")
    check(low)
    check(high)
    flag.refresh_from_db()
    assert flag.status == ConflictFlag.Status.DISMISSED


def test_a_dismissed_flag_reopens_when_a_claim_changes_after_the_dismissal(mismatch, editor_user):
    high, low, flag = mismatch
    flag_dismiss(flag_id=flag.pk, user=editor_user, reason="Probably a typo in the wire copy.")
    claim_update(claim_id=low.pk, user=editor_user, value_low=18)
    [outcome] = check(low)
    assert outcome.outcome == Outcome.REOPENED
    flag.refresh_from_db()
    assert flag.status == ConflictFlag.Status.OPEN
    assert "figure of 200 militants killed is" in flag.explanation and "18" in flag.explanation


def test_a_resolved_flag_whose_claim_changed_is_reopened_with_a_note_saying_why(mismatch, editor_user):
    high, low, flag = mismatch
    flag_resolve(flag_id=flag.pk, user=editor_user, note="The ministry corrected its figure.")
    claim_update(
        claim_id=high.pk, user=editor_user, text="Strikes killed 200 militants, the ministry repeated."
    )
    check(high)
    flag.refresh_from_db()
    assert flag.status == ConflictFlag.Status.OPEN
    reopened = flag.history.get(action=AuditEntry.Action.REOPENED)
    assert reopened.actor is None
    assert reopened.from_value == "resolved"
    assert f"claim #{high.pk} changed after the flag was resolved" in reopened.reason


def test_resolving_a_flag_by_marking_a_claim_disputed_does_not_reopen_it(mismatch, editor_user):
    high, low, flag = mismatch
    flag_resolve(
        flag_id=flag.pk,
        user=editor_user,
        note="The ministry's count is unsupported.",
        mark_claim_id=high.pk,
        mark_status=Claim.Status.DISPUTED,
    )
    check(high)
    check(low)
    flag.refresh_from_db()
    assert flag.status == ConflictFlag.Status.RESOLVED


def test_an_open_flag_follows_a_claim_edit_with_a_new_severity(mismatch, editor_user):
    high, low, flag = mismatch
    claim_update(claim_id=high.pk, user=editor_user, value_low=30)
    [outcome] = check(high)
    assert outcome.outcome == Outcome.UPDATED
    flag.refresh_from_db()
    assert flag.severity == ConflictFlag.Severity.MEDIUM
    assert flag.status == ConflictFlag.Status.OPEN


def test_an_open_flag_that_no_longer_holds_stays_open_with_one_note(mismatch, editor_user):
    high, low, flag = mismatch
    claim_update(claim_id=low.pk, user=editor_user, value_low=200)
    check(low)
    check(high)
    flag.refresh_from_db()
    assert flag.status == ConflictFlag.Status.OPEN
    assert list(flag.history.filter(action=AuditEntry.Action.STALE).values_list("reason", flat=True)) == [
        STALE_NOTE
    ]


def test_flag_raise_refuses_an_unknown_rule(mismatch):
    from django.core.exceptions import ValidationError

    high, low, _ = mismatch
    with pytest.raises(ValidationError):
        flag_raise(rule="gut_feeling", claim_ids=(high.pk, low.pk), severity=20, explanation="Odd.")


def test_a_dismissed_flag_from_long_ago_is_not_reopened_by_an_old_edit(mismatch, editor_user):
    high, low, flag = mismatch
    flag_dismiss(flag_id=flag.pk, user=editor_user, reason="Not the same strikes.")
    # The claims' last change predates the dismissal.
    Claim.objects.filter(pk__in=[high.pk, low.pk]).update(updated_at=timezone.now() - timedelta(days=1))
    check(low)
    flag.refresh_from_db()
    assert flag.status == ConflictFlag.Status.DISMISSED


def test_checking_a_claim_that_no_longer_exists_does_nothing():
    from detection.tasks import check_claim

    assert check(Claim(pk=987654)) == []
    check_claim.delay(987654)  # runs in-process in tests; returns quietly
    assert not ConflictFlag.objects.exists()


def test_a_claim_moved_to_another_event_leaves_its_old_flag_open_with_a_note(mismatch, editor_user):
    from tests.factories import EventFactory

    high, low, flag = mismatch
    claim_update(claim_id=low.pk, user=editor_user, event=EventFactory())
    check(low)
    flag.refresh_from_db()
    assert flag.status == ConflictFlag.Status.OPEN
    assert flag.history.filter(action=AuditEntry.Action.STALE, reason=STALE_NOTE).exists()


def test_resolving_one_flag_does_not_reopen_another_dismissed_flag_on_the_same_claim(
    editor_user, event, ministry, monitor
):

    high = make_figure(event=event, value=200, sources=[ministry])
    low = make_figure(event=event, value=20, sources=[monitor])
    check(high)
    check(low)
    party_only = ConflictFlag.objects.get(rule="party_only_sourcing", claim_a=high)
    mismatch = ConflictFlag.objects.get(rule="figure_mismatch")
    flag_dismiss(flag_id=party_only.pk, user=editor_user, reason="The ministry is the only source we have")

    flag_resolve(flag_id=mismatch.pk, user=editor_user, note="Ministry overstates", mark_claim_id=high.pk)
    check(high)

    party_only.refresh_from_db()
    assert party_only.status == ConflictFlag.Status.DISMISSED
