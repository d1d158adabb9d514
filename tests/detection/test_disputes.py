"""Disputes: the queue grows with questions, not with pairs."""

import pytest
from django.core.exceptions import ValidationError

from claims.models import AuditEntry, ConflictFlag
from claims.services import flag_resolve
from core.exceptions import ConflictError
from detection.dispute_selectors import dispute_queue, dispute_status_counts, dispute_view
from detection.dispute_services import dispute_dismiss, dispute_resolve, disputes_sync_all
from detection.models import Dispute, DisputeNote
from tests.factories import SourceFactory

from .conftest import check, make_claim, make_figure

pytestmark = pytest.mark.django_db

FIVE_TOLLS = [200, 20, 80, 5, 700]  # no two within the others' ranges


@pytest.fixture
def five_figures(event):
    claims = []
    for value in FIVE_TOLLS:
        claim = make_figure(event=event, value=value, sources=[SourceFactory()])
        check(claim)
        claims.append(claim)
    return claims


def open_disputes():
    return [dispute for dispute in dispute_queue() if dispute.is_open]


def test_five_figures_for_one_toll_are_one_queue_entry_with_ten_pairs(five_figures):
    assert ConflictFlag.objects.filter(rule="figure_mismatch").count() == 10
    disputes = open_disputes()
    assert len(disputes) == 1
    dispute = disputes[0]
    assert dispute.topic == Dispute.Topic.FIGURE
    assert dispute.subject == "militants killed"
    assert dispute.open_pairs == 10
    view = dispute_view(dispute)
    assert [item.claim.value_low for item in view.claims] == sorted(FIVE_TOLLS, reverse=True)


def test_a_disputes_severity_is_its_worst_pairs(five_figures):
    (dispute,) = open_disputes()
    assert dispute.worst == ConflictFlag.Severity.CRITICAL
    assert dispute.worst == max(ConflictFlag.objects.values_list("severity", flat=True))


def test_resolving_a_dispute_closes_its_ten_pairs_with_the_same_note(five_figures, editor_user):
    (dispute,) = open_disputes()
    dispute_resolve(dispute_id=dispute.pk, user=editor_user, note="The monitor's count holds up.")
    flags = ConflictFlag.objects.filter(rule="figure_mismatch")
    assert {flag.status for flag in flags} == {ConflictFlag.Status.RESOLVED}
    assert {flag.resolution_note for flag in flags} == {"The monitor's count holds up."}
    # Every pair has its own audit entry saying who closed it.
    entries = AuditEntry.objects.filter(flag__in=flags, to_value=ConflictFlag.Status.RESOLVED)
    assert entries.count() == 10
    assert {entry.actor for entry in entries} == {editor_user}
    assert open_disputes() == []
    assert dispute_status_counts() == {"open": 0, "resolved": 1, "dismissed": 0}


def test_a_sixth_figure_re_opens_the_resolved_dispute_with_a_note(event, five_figures, editor_user):
    (dispute,) = open_disputes()
    dispute_resolve(dispute_id=dispute.pk, user=editor_user, note="Settled on the monitor's count.")
    sixth = make_figure(event=event, value=2000, sources=[SourceFactory()])
    check(sixth)
    disputes = open_disputes()
    assert [d.pk for d in disputes] == [dispute.pk]
    assert disputes[0].open_pairs == 5  # the new figure against each of the five
    dispute.refresh_from_db()
    assert dispute.decision == ""
    note = dispute.notes.last()
    assert note.action == DisputeNote.Action.REOPENED
    assert "new disagreement" in note.reason and "resolved" in note.reason
    # The earlier verdict stays in the history.
    assert dispute.notes.filter(action=DisputeNote.Action.RESOLVED).exists()


def test_a_figure_compatible_with_every_other_does_not_re_open_it(event, five_figures, editor_user):
    (dispute,) = open_disputes()
    dispute_resolve(dispute_id=dispute.pk, user=editor_user, note="Settled.")
    vague = make_figure(event=event, value=1, qualifier="at_least", sources=[SourceFactory()])
    check(vague)
    assert open_disputes() == []
    dispute.refresh_from_db()
    assert dispute.decision == Dispute.Decision.RESOLVED


def test_dismissing_a_dispute_dismisses_every_open_pair(five_figures, editor_user):
    (dispute,) = open_disputes()
    dispute_dismiss(dispute_id=dispute.pk, user=editor_user, reason="Different counting periods.")
    assert set(ConflictFlag.objects.values_list("status", flat=True)) == {ConflictFlag.Status.DISMISSED}
    assert dispute_status_counts()["dismissed"] == 1


def test_a_closed_dispute_cannot_be_resolved_again(five_figures, editor_user):
    (dispute,) = open_disputes()
    dispute_resolve(dispute_id=dispute.pk, user=editor_user, note="Done.")
    with pytest.raises(ConflictError):
        dispute_resolve(dispute_id=dispute.pk, user=editor_user, note="Again.")


def test_resolving_needs_a_note_and_changes_nothing_without_one(five_figures, editor_user):
    (dispute,) = open_disputes()
    with pytest.raises(ValidationError):
        dispute_resolve(dispute_id=dispute.pk, user=editor_user, note="  ")
    assert ConflictFlag.objects.filter(status=ConflictFlag.Status.OPEN).count() == 10


def test_a_pair_already_closed_on_its_own_is_left_as_it_was(five_figures, editor_user):
    first = ConflictFlag.objects.order_by("id").first()
    flag_resolve(flag_id=first.pk, user=editor_user, note="This pair alone.")
    (dispute,) = open_disputes()
    dispute_resolve(dispute_id=dispute.pk, user=editor_user, note="The rest.")
    first.refresh_from_db()
    assert first.resolution_note == "This pair alone."


def test_different_subjects_and_events_are_different_disputes(event, monitor, ministry):
    check(make_figure(event=event, value=200, sources=[ministry]))
    check(make_figure(event=event, value=20, sources=[monitor]))
    check(make_figure(event=event, value=900, subject="civilians wounded", sources=[monitor]))
    check(make_figure(event=event, value=9, subject="civilians wounded", sources=[ministry]))
    figure_disputes = [d for d in open_disputes() if d.topic == Dispute.Topic.FIGURE]
    assert sorted(d.subject for d in figure_disputes) == ["civilians wounded", "militants killed"]


def test_the_party_only_flag_joins_its_tolls_dispute(event, monitor, ministry):
    check(make_figure(event=event, value=20, sources=[monitor]))
    army = make_figure(event=event, value=200, sources=[ministry])
    check(army)
    # Two flags: the figure mismatch and "only a party vouches for 200".
    assert ConflictFlag.objects.count() == 2
    (dispute,) = open_disputes()
    assert dispute.open_pairs == 2


def test_a_small_gap_between_same_side_sources_shows_inside_the_dispute(event, monitor):
    check(make_figure(event=event, value=200, sources=[monitor]))
    check(make_figure(event=event, value=150, sources=[SourceFactory()]))
    check(make_figure(event=event, value=20, sources=[SourceFactory()]))
    (dispute,) = open_disputes()
    view = dispute_view(dispute)
    assert len(view.minor_pairs) == 1
    minor = view.minor_pairs[0]
    assert {minor.claim_a.value_low, minor.claim_b.value_low} == {150, 200}
    assert len(view.pairs) == 2


def test_framing_and_control_are_one_entry_per_event(event, monitor, ministry):
    check(
        make_claim(event=event, text="The army completed a redeployment.", kind="framing", sources=[ministry])
    )
    check(make_claim(event=event, text="Government forces retreated.", kind="framing", sources=[monitor]))
    check(make_claim(event=event, text="Troops withdrew from the city.", kind="framing", sources=[monitor]))
    framing = [d for d in open_disputes() if d.topic == Dispute.Topic.FRAMING]
    assert len(framing) == 1
    assert framing[0].open_pairs == 2


def test_flags_from_before_disputes_are_filed_by_the_catch_up(five_figures):
    Dispute.objects.all().delete()
    assert open_disputes() == []
    disputes_sync_all()
    assert len(open_disputes()) == 1


def test_checking_again_files_nothing_twice(five_figures):
    for claim in five_figures:
        check(claim)
    assert Dispute.objects.count() == 1
    assert sum(d.pair_count for d in dispute_queue()) == 10
