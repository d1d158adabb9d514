"""Two desks open the same story twice: merging folds the duplicate event
into the other, and deleting an event never ungroups its claims by accident."""

import pytest
from django.core.exceptions import ValidationError

from claims.models import AuditEntry, Claim, ConflictFlag, Event
from claims.services import event_delete, event_merge
from core.exceptions import ConflictError
from tests.api.conftest import client_with_token, error_of
from tests.detection.conftest import make_figure
from tests.factories import EventFactory, SourceFactory, editor

pytestmark = pytest.mark.django_db


@pytest.fixture
def twins():
    """The same airstrikes opened twice, one toll filed under each."""
    kept = EventFactory(title="Airstrikes around Aleppo", place="Aleppo")
    duplicate = EventFactory(title="Aleppo air raids", place="Aleppo")
    high = make_figure(event=kept, value=200, sources=[SourceFactory(name="Ministry")])
    low = make_figure(event=duplicate, value=20, sources=[SourceFactory(name="Monitor")])
    return kept, duplicate, high, low


def test_merging_moves_every_claim_records_it_and_deletes_the_duplicate(
    twins, django_capture_on_commit_callbacks
):
    kept, duplicate, high, low = twins
    user = editor()
    # Two tolls under two events: not (yet) one question.
    assert not ConflictFlag.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        result = event_merge(event_id=duplicate.pk, into_event_id=kept.pk, user=user, reason="Same raids.")

    assert result == kept
    assert not Event.objects.filter(pk=duplicate.pk).exists()
    low.refresh_from_db()
    assert low.event_id == kept.pk
    moved = AuditEntry.objects.get(claim=low, action=AuditEntry.Action.EDITED)
    assert moved.changes == {"event": ["Aleppo air raids", "Airstrikes around Aleppo"]}
    assert (moved.actor, moved.reason, moved.related_id) == (user, "Same raids.", duplicate.pk)
    gone = AuditEntry.objects.get(
        object_type="event", object_id=duplicate.pk, action=AuditEntry.Action.DELETED
    )
    assert (gone.from_value, gone.related_id) == ("Aleppo air raids", kept.pk)
    assert AuditEntry.objects.filter(object_type="event", object_id=kept.pk, related_id=duplicate.pk).exists()
    # Now under one event, the two tolls are checked against each other.
    flag = ConflictFlag.objects.get(rule="figure_mismatch")
    assert set(flag.claim_ids) == {high.pk, low.pk}


def test_an_event_cannot_be_merged_into_itself_or_into_one_that_is_gone(twins):
    kept, duplicate, *_ = twins
    with pytest.raises(ValidationError) as refused:
        event_merge(event_id=kept.pk, into_event_id=kept.pk)
    assert "into itself" in refused.value.message_dict["into"][0]
    with pytest.raises(ValidationError) as refused:
        event_merge(event_id=duplicate.pk, into_event_id=999_999)
    assert "no longer exists" in refused.value.message_dict["into"][0]
    # Nothing moved.
    assert Claim.objects.filter(event=duplicate).count() == 1


def test_deleting_an_event_that_groups_claims_is_refused_unless_its_claims_may_be_ungrouped(twins):
    _, duplicate, _, low = twins
    with pytest.raises(ConflictError) as refused:
        event_delete(event_id=duplicate.pk, user=editor())
    assert refused.value.code == "event_has_claims"
    assert "still groups 1 claim." in refused.value.message
    assert Event.objects.filter(pk=duplicate.pk).exists()

    event_delete(event_id=duplicate.pk, user=editor(), ungroup_claims=True)
    low.refresh_from_db()
    assert low.event_id is None
    left = AuditEntry.objects.get(claim=low, action=AuditEntry.Action.EDITED)
    assert left.changes == {"event": ["Aleppo air raids", ""]}


# The API


@pytest.fixture
def editor_api(editor_user):
    return client_with_token(editor_user)


def test_the_api_merges_an_event_and_answers_with_the_one_kept(twins, editor_api):
    kept, duplicate, _, low = twins
    response = editor_api.post(f"/api/v1/events/{duplicate.pk}/merge/", {"into": kept.pk}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["id"] == kept.pk
    assert Claim.objects.get(pk=low.pk).event_id == kept.pk


def test_the_api_says_which_field_is_wrong_when_a_merge_is_refused(twins, editor_api):
    _, duplicate, *_ = twins
    response = editor_api.post(f"/api/v1/events/{duplicate.pk}/merge/", {"into": duplicate.pk}, format="json")
    assert response.status_code == 400
    assert "into" in error_of(response)["fields"]
    response = editor_api.post(f"/api/v1/events/{duplicate.pk}/merge/", {"into": "next"}, format="json")
    assert response.status_code == 400
    assert "into" in error_of(response)["fields"]
    # Well formed, but no such event: a clash with stored data, as elsewhere.
    response = editor_api.post(f"/api/v1/events/{duplicate.pk}/merge/", {"into": 999_999}, format="json")
    assert response.status_code == 409
    assert error_of(response)["code"] == "does_not_exist"
    assert "into" in error_of(response)["fields"]


def test_the_api_refuses_to_delete_an_event_with_claims_with_409_until_told_to_ungroup(twins, editor_api):
    _, duplicate, *_ = twins
    response = editor_api.delete(f"/api/v1/events/{duplicate.pk}/")
    assert response.status_code == 409
    assert error_of(response)["code"] == "event_has_claims"
    assert editor_api.delete(f"/api/v1/events/{duplicate.pk}/?ungroup_claims=maybe").status_code == 400
    assert editor_api.delete(f"/api/v1/events/{duplicate.pk}/?ungroup_claims=true").status_code == 204
    assert not Event.objects.filter(pk=duplicate.pk).exists()


# The web UI


def test_the_merge_page_offers_likely_twins_and_merges(twins, editor_client):
    kept, duplicate, _, low = twins
    unrelated = EventFactory(title="Floods in Dhaka", place="Dhaka")
    page = editor_client.get(f"/events/{duplicate.pk}/merge/")
    assert page.status_code == 200
    body = page.content.decode()
    assert f"#{kept.pk} Airstrikes around Aleppo (1 claims)" in body
    assert "Floods in Dhaka" not in body

    response = editor_client.post(f"/events/{duplicate.pk}/merge/", {"into": kept.pk, "reason": ""})
    assert response.status_code == 302
    assert response["Location"] == kept.get_absolute_url()
    assert Claim.objects.get(pk=low.pk).event_id == kept.pk
    # Any other event can be named by its number.
    response = editor_client.post(f"/events/{kept.pk}/merge/", {"into_number": unrelated.pk})
    assert response.status_code == 302
    assert Claim.objects.filter(event=unrelated).count() == 2


def test_the_merge_form_offers_events_that_name_the_same_place_another_way_but_not_a_part_of_it():
    from claims.selectors import event_merge_candidates

    undated = EventFactory(title="Shelling reports", place="Aleppo", start_date=None, end_date=None)
    same_place = [
        EventFactory(title="Strikes on the city", place="Aleppo, Syria", start_date=None, end_date=None),
        EventFactory(title="Raids, city desk", place="the city of ALEPPO", start_date=None, end_date=None),
    ]
    elsewhere = [
        EventFactory(title="Eastern districts", place="East Aleppo", start_date=None, end_date=None),
        EventFactory(title="Province fighting", place="Aleppo province", start_date=None, end_date=None),
        EventFactory(title="A town nearby", place="Tal Rifaat", start_date=None, end_date=None),
    ]

    offered = event_merge_candidates(event=undated)

    assert {event.pk for event in offered} == {event.pk for event in same_place}
    assert not {event.pk for event in offered} & {event.pk for event in elsewhere}
    # And the other way round: "Aleppo, Syria" is offered its "Aleppo" twin.
    assert undated.pk in {event.pk for event in event_merge_candidates(event=same_place[0])}


def test_the_merge_form_says_what_is_wrong(twins, editor_client):
    kept, duplicate, *_ = twins
    response = editor_client.post(f"/events/{duplicate.pk}/merge/", {})
    assert response.status_code == 400
    assert "Choose the event to merge into." in response.content.decode()
    response = editor_client.post(f"/events/{duplicate.pk}/merge/", {"into_number": duplicate.pk})
    assert response.status_code == 400
    assert "cannot be merged into itself" in response.content.decode()
    response = editor_client.post(f"/events/{duplicate.pk}/merge/", {"into_number": 999_999})
    assert response.status_code == 400
    assert "no longer exists" in response.content.decode()
    assert Event.objects.filter(pk=duplicate.pk).exists()


def test_only_an_editor_may_merge(twins, client):
    from tests.factories import fact_checker

    kept, duplicate, *_ = twins
    client.force_login(fact_checker())
    assert client.get(f"/events/{duplicate.pk}/merge/").status_code == 403
    assert client.post(f"/events/{duplicate.pk}/merge/", {"into": kept.pk}).status_code == 403
    assert Event.objects.filter(pk=duplicate.pk).exists()


def test_a_merged_events_decided_dispute_keeps_its_verdict_and_its_pairs_join_the_kept_events(
    twins, django_capture_on_commit_callbacks
):
    from detection.dispute_services import dispute_resolve
    from detection.models import Dispute

    kept, duplicate, high, low = twins
    user = editor()
    # The duplicate event had a toll dispute of its own, settled by an editor.
    with django_capture_on_commit_callbacks(execute=True):
        make_figure(event=duplicate, value=90, sources=[SourceFactory(name="Hospital")])
    settled = Dispute.objects.get(event=duplicate, topic=Dispute.Topic.FIGURE)
    dispute_resolve(dispute_id=settled.pk, user=user, note="The monitor's count holds.")

    with django_capture_on_commit_callbacks(execute=True):
        event_merge(event_id=duplicate.pk, into_event_id=kept.pk, user=user)

    # Every toll pair now sits in a dispute of the kept event...
    filed = Dispute.objects.filter(flags__rule="figure_mismatch").distinct()
    assert {dispute.event_id for dispute in filed} == {kept.pk}
    assert ConflictFlag.objects.filter(rule="figure_mismatch").count() == 3
    # ...and the editor's verdict on the old question was not deleted with
    # its event: the dispute's history still says who settled it and how.
    from detection.models import DisputeNote

    assert DisputeNote.objects.filter(
        action="resolved", actor=user, reason="The monitor's count holds.", dispute__event=kept
    ).exists()
