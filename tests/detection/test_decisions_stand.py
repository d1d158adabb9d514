"""An editor's decision on a conflict stands while its claims say the same
thing: moving claims to another event (a merge, an edit, an event deleted and
its claims regrouped), editing their event, their status or their
credibility never re-opens a pair an editor resolved or dismissed. A change of
what the rules compare (figure, statement, counted subject, place, date,
credits, an editor's relation) does, and its history says what changed.
Every kind of dispute follows its claims to the event they are moved to."""

import pytest
from django.urls import reverse

from claims.models import AuditEntry, Claim, ClaimRelation, ConflictFlag
from claims.services import (
    attribution_create,
    claim_set_status,
    claim_update,
    event_delete,
    event_merge,
    event_update,
    flag_dismiss,
    flag_resolve,
    relation_create,
)
from detection.dispute_services import dispute_resolve
from detection.models import Dispute
from detection.services import conflicts_sweep
from sources.services import source_update
from tests.factories import EventFactory, SourceFactory

from .conftest import check, make_claim, make_figure

pytestmark = pytest.mark.django_db


@pytest.fixture
def kept(db):
    return EventFactory(title="Airstrikes around Aleppo", place="Aleppo")


@pytest.fixture
def duplicate(db):
    return EventFactory(title="Aleppo air raids", place="Aleppo")


@pytest.fixture
def dismissed_pair(duplicate, ministry, monitor, editor_user):
    """Two tolls under the duplicate event, their mismatch dismissed by an editor."""
    high = make_figure(event=duplicate, value=200, sources=[ministry])
    low = make_figure(event=duplicate, value=20, sources=[monitor])
    check(low)
    flag = ConflictFlag.objects.get(rule="figure_mismatch")
    flag_dismiss(flag_id=flag.pk, user=editor_user, reason="Two different nights of strikes.")
    return high, low, flag


def reopenings(flag) -> int:
    return flag.history.filter(action=AuditEntry.Action.REOPENED).count()


def status_of(flag) -> str:
    flag.refresh_from_db()
    return flag.status


def test_merging_the_pairs_event_into_another_leaves_the_dismissal_standing(
    dismissed_pair, kept, duplicate, editor_user, django_capture_on_commit_callbacks
):
    high, low, flag = dismissed_pair
    with django_capture_on_commit_callbacks(execute=True):
        event_merge(event_id=duplicate.pk, into_event_id=kept.pk, user=editor_user, reason="Same raids.")
    check(high)
    check(low)
    assert status_of(flag) == ConflictFlag.Status.DISMISSED
    assert reopenings(flag) == 0


def test_merging_another_event_into_the_pairs_leaves_the_resolution_standing(
    duplicate, kept, ministry, monitor, editor_user, django_capture_on_commit_callbacks
):
    high = make_figure(event=kept, value=200, sources=[ministry])
    low = make_figure(event=kept, value=20, sources=[monitor])
    check(low)
    flag = ConflictFlag.objects.get(rule="figure_mismatch")
    flag_resolve(flag_id=flag.pk, user=editor_user, note="The ministry counted a second night.")
    # A claim of another kind, so the merge brings no new disagreement.
    make_claim(event=duplicate, text="Strikes hit the old city overnight.", kind="occurrence")
    with django_capture_on_commit_callbacks(execute=True):
        event_merge(event_id=duplicate.pk, into_event_id=kept.pk, user=editor_user)
    check(high)
    assert status_of(flag) == ConflictFlag.Status.RESOLVED
    assert reopenings(flag) == 0


def test_a_new_figure_brought_in_by_a_merge_still_reopens_the_decided_dispute(
    dismissed_pair, kept, duplicate, editor_user, django_capture_on_commit_callbacks
):
    high, low, flag = dismissed_pair
    dispute = flag.dispute_membership.dispute
    dispute.refresh_from_db()
    assert not dispute.is_open
    third = make_figure(event=kept, value=2000, sources=[SourceFactory(name="Local council")])
    with django_capture_on_commit_callbacks(execute=True):
        event_merge(event_id=duplicate.pk, into_event_id=kept.pk, user=editor_user)
    # The editor's dismissal stands; the new figure's pairs are new questions.
    assert status_of(flag) == ConflictFlag.Status.DISMISSED
    new = ConflictFlag.objects.filter(rule="figure_mismatch").exclude(pk=flag.pk)
    assert {frozenset(pair.claim_ids) for pair in new} == {
        frozenset((high.pk, third.pk)),
        frozenset((low.pk, third.pk)),
    }
    assert all(pair.status == ConflictFlag.Status.OPEN for pair in new)
    flag.refresh_from_db()
    assert flag.dispute_membership.dispute.is_open


def test_editing_the_event_leaves_a_resolved_pair_resolved(
    dismissed_pair, duplicate, editor_user, django_capture_on_commit_callbacks
):
    high, low, flag = dismissed_pair
    with django_capture_on_commit_callbacks(execute=True):
        event_update(event_id=duplicate.pk, user=editor_user, title="Air raids on Aleppo, 3 October")
    check(high)
    assert status_of(flag) == ConflictFlag.Status.DISMISSED


def test_an_event_deleted_and_its_claims_regrouped_leaves_the_dismissal_standing(
    dismissed_pair, kept, duplicate, editor_user, django_capture_on_commit_callbacks
):
    high, low, flag = dismissed_pair
    with django_capture_on_commit_callbacks(execute=True):
        event_delete(event_id=duplicate.pk, user=editor_user, ungroup_claims=True)
    with django_capture_on_commit_callbacks(execute=True):
        claim_update(claim_id=high.pk, user=editor_user, event=kept)
        claim_update(claim_id=low.pk, user=editor_user, event=kept)
    check(low)
    assert status_of(flag) == ConflictFlag.Status.DISMISSED
    assert reopenings(flag) == 0


def test_a_status_or_credibility_change_leaves_the_dismissal_standing(dismissed_pair, editor_user):
    high, low, flag = dismissed_pair
    claim_set_status(
        claim_id=low.pk, user=editor_user, status=Claim.Status.VERIFIED, reason="Hospital lists."
    )
    claim_update(claim_id=low.pk, user=editor_user, credibility=Claim.Credibility.PROBABLY_TRUE)
    check(low)
    assert status_of(flag) == ConflictFlag.Status.DISMISSED


def test_saving_the_claim_form_with_the_same_figure_leaves_the_dismissal_standing(
    dismissed_pair, editor_client, django_capture_on_commit_callbacks
):
    high, low, flag = dismissed_pair
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            reverse("claims:claim-edit", args=[low.pk]),
            {
                "text": low.text,
                "kind": "figure",
                "event": low.event_id,
                "quantity_subject": low.quantity_subject,
                "value_low": "20",
                "value_high": "20",
                "qualifier": "exact",
                "place": "",
                "credibility": str(Claim.Credibility.POSSIBLY_TRUE),
                "attributions-TOTAL_FORMS": "0",
                "attributions-INITIAL_FORMS": "0",
            },
        )
    assert response.status_code == 302
    low.refresh_from_db()
    assert low.credibility == Claim.Credibility.POSSIBLY_TRUE
    assert status_of(flag) == ConflictFlag.Status.DISMISSED


def test_renaming_a_source_of_the_pair_leaves_the_dismissal_standing(
    dismissed_pair, monitor, editor_user, django_capture_on_commit_callbacks
):
    high, low, flag = dismissed_pair
    with django_capture_on_commit_callbacks(execute=True):
        source_update(source_id=monitor.pk, user=editor_user, name="Observatory for Human Rights (Syria)")
    check(low)
    assert status_of(flag) == ConflictFlag.Status.DISMISSED


def test_a_full_sweep_after_a_merge_writes_nothing_on_the_closed_pair(
    dismissed_pair, kept, duplicate, editor_user
):
    high, low, flag = dismissed_pair
    event_merge(event_id=duplicate.pk, into_event_id=kept.pk, user=editor_user)
    conflicts_sweep(full=True)
    before = flag.history.count()
    report = conflicts_sweep(full=True)
    assert status_of(flag) == ConflictFlag.Status.DISMISSED
    assert flag.history.count() == before
    assert report.outcomes == []


def test_a_corrected_figure_reopens_the_dismissed_pair_saying_what_changed(dismissed_pair, editor_user):
    high, low, flag = dismissed_pair
    claim_update(claim_id=low.pk, user=editor_user, value_low=18)
    check(low)
    assert status_of(flag) == ConflictFlag.Status.OPEN
    reason = flag.history.get(action=AuditEntry.Action.REOPENED).reason
    assert f"claim #{low.pk} changed after the flag was dismissed" in reason
    assert f"claim #{low.pk}: figure" in reason


def test_a_new_credit_reopens_the_dismissed_pair_naming_the_source(dismissed_pair, editor_user):
    high, low, flag = dismissed_pair
    attribution_create(claim=high, source=SourceFactory(name="Army spokesman"), user=editor_user)
    check(high)
    assert status_of(flag) == ConflictFlag.Status.OPEN
    reason = flag.history.get(action=AuditEntry.Action.REOPENED).reason
    assert f"claim #{high.pk}: credited to Army spokesman" in reason


def test_a_merge_after_a_place_edit_reopens_only_for_the_place(
    dismissed_pair, kept, duplicate, editor_user, django_capture_on_commit_callbacks
):
    high, low, flag = dismissed_pair
    with django_capture_on_commit_callbacks(execute=True):
        claim_update(claim_id=low.pk, user=editor_user, place="Aleppo, Syria")
        event_merge(event_id=duplicate.pk, into_event_id=kept.pk, user=editor_user)
    assert status_of(flag) == ConflictFlag.Status.OPEN
    reason = flag.history.get(action=AuditEntry.Action.REOPENED).reason
    assert f"claim #{low.pk}: place)" in reason


# Every kind of dispute follows its claims' event


@pytest.fixture
def denied_retreat(duplicate, monitor, ministry, editor_user):
    reported = make_claim(
        event=duplicate,
        text="Government forces pulled back from the airport.",
        kind="occurrence",
        sources=[monitor],
    )
    denial = make_claim(
        event=duplicate,
        text="The army said no unit had left the airport.",
        kind="occurrence",
        sources=[ministry],
    )
    relation_create(
        from_claim=denial, to_claim=reported, relation_type=ClaimRelation.Type.DENIES, created_by=editor_user
    )
    check(denial)
    return reported, denial, Dispute.objects.get(topic=Dispute.Topic.DENIAL)


def test_a_denial_dispute_follows_its_claims_into_the_merged_event(
    denied_retreat, kept, duplicate, editor_user, django_capture_on_commit_callbacks
):
    reported, denial, dispute = denied_retreat
    assert dispute.event_id == duplicate.pk
    with django_capture_on_commit_callbacks(execute=True):
        event_merge(event_id=duplicate.pk, into_event_id=kept.pk, user=editor_user)
    dispute.refresh_from_db()
    assert dispute.event_id == kept.pk
    assert "event changed" in dispute.notes.get().reason
    assert dispute in Dispute.objects.filter(event=kept)


def test_a_decided_denial_dispute_keeps_its_verdict_when_it_follows_its_claims(
    denied_retreat, kept, duplicate, editor_user, django_capture_on_commit_callbacks
):
    reported, denial, dispute = denied_retreat
    dispute_resolve(dispute_id=dispute.pk, user=editor_user, note="Satellite images show the unit stayed.")
    with django_capture_on_commit_callbacks(execute=True):
        event_merge(event_id=duplicate.pk, into_event_id=kept.pk, user=editor_user)
    dispute.refresh_from_db()
    assert (dispute.event_id, dispute.decision, dispute.is_open) == (kept.pk, "resolved", False)
    flag = ConflictFlag.objects.get(rule="denial")
    assert flag.status == ConflictFlag.Status.RESOLVED


def test_a_framing_dispute_and_a_denial_dispute_both_follow_a_claim_edit(
    duplicate, kept, monitor, ministry, editor_user, django_capture_on_commit_callbacks
):
    army = make_claim(
        event=duplicate,
        text="The army completed a redeployment from the airport.",
        kind="framing",
        sources=[ministry],
    )
    wire = make_claim(
        event=duplicate,
        text="Government forces retreated from the airport.",
        kind="framing",
        sources=[monitor],
    )
    relation_create(
        from_claim=army, to_claim=wire, relation_type=ClaimRelation.Type.DENIES, created_by=editor_user
    )
    check(army)
    check(wire)
    assert {dispute.topic for dispute in Dispute.objects.filter(event=duplicate)} == {
        Dispute.Topic.FRAMING,
        Dispute.Topic.DENIAL,
    }
    with django_capture_on_commit_callbacks(execute=True):
        claim_update(claim_id=army.pk, user=editor_user, event=kept)
        claim_update(claim_id=wire.pk, user=editor_user, event=kept)
    assert not Dispute.objects.filter(event=duplicate, pair_count__gt=0).exists()
    assert {dispute.topic for dispute in Dispute.objects.filter(event=kept, pair_count__gt=0)} == {
        Dispute.Topic.FRAMING,
        Dispute.Topic.DENIAL,
    }


def test_a_denial_across_two_events_stays_where_the_editor_met_it_until_both_claims_move(
    denied_retreat, kept, editor_user, django_capture_on_commit_callbacks
):
    reported, denial, dispute = denied_retreat
    with django_capture_on_commit_callbacks(execute=True):
        claim_update(claim_id=denial.pk, user=editor_user, event=kept)
    dispute.refresh_from_db()
    assert dispute.event_id == reported.event_id
    with django_capture_on_commit_callbacks(execute=True):
        claim_update(claim_id=reported.pk, user=editor_user, event=kept)
    dispute.refresh_from_db()
    assert dispute.event_id == kept.pk


def test_a_denial_under_no_event_files_its_dispute_under_the_denied_claims_event_and_follows_it(
    duplicate, kept, monitor, ministry, editor_user, django_capture_on_commit_callbacks
):
    reported = make_claim(
        event=duplicate,
        text="Government forces pulled back from the airport.",
        kind="occurrence",
        sources=[monitor],
    )
    denial = make_claim(
        event=None, text="The army said no unit had left the airport.", kind="occurrence", sources=[ministry]
    )
    relation_create(
        from_claim=denial, to_claim=reported, relation_type=ClaimRelation.Type.DENIES, created_by=editor_user
    )
    check(denial)
    dispute = Dispute.objects.get(topic=Dispute.Topic.DENIAL)
    assert dispute.event_id == duplicate.pk
    with django_capture_on_commit_callbacks(execute=True):
        claim_update(claim_id=reported.pk, user=editor_user, event=kept)
    dispute.refresh_from_db()
    assert dispute.event_id == kept.pk
    assert Dispute.objects.filter(topic=Dispute.Topic.DENIAL).count() == 1
