"""A key a write does not take is a 400 naming it, never a 2xx that changed
nothing (core/api_input.py): misspelt or unknown keys are "Unknown field.",
the record's read-only fields "This field is read-only", naming what changes
them, unless sent back with the value the record holds."""

import pytest
from rest_framework.test import APIClient

from claims.models import Claim, Event
from claims.services import event_update
from tests import factories
from tests.api.conftest import error_of


@pytest.fixture
def claim(db):
    return factories.FigureClaimFactory(place="Aleppo")


def test_a_misspelt_field_on_a_create_is_refused_and_nothing_is_saved(fact_checker_api):
    response = fact_checker_api.post(
        "/api/v1/claims/", {"txet": "Strikes killed 200 militants."}, format="json"
    )

    assert response.status_code == 400
    fields = error_of(response)["fields"]
    assert fields["txet"] == ["Unknown field."]
    assert "text" in fields  # the missing field is named in the same answer
    assert not Claim.objects.exists()


def test_a_misspelt_field_on_a_change_is_refused_and_nothing_changes(fact_checker_api, claim):
    response = fact_checker_api.patch(
        f"/api/v1/claims/{claim.pk}/", {"place": "Idlib", "palce": "Homs"}, format="json"
    )

    assert response.status_code == 400
    assert error_of(response)["fields"] == {"palce": ["Unknown field."]}
    claim.refresh_from_db()
    assert claim.place == "Aleppo"


def test_a_read_only_status_sent_to_change_it_is_refused(editor_api, claim):
    before = claim.status
    other = next(value for value in Claim.Status.values if value != before)

    response = editor_api.patch(f"/api/v1/claims/{claim.pk}/", {"status": other}, format="json")

    assert response.status_code == 400
    assert error_of(response)["fields"] == {
        "status": [
            "This field is read-only here; it changes through POST /api/v1/claims/{id}/status/ (with a reason)."
        ]
    }
    claim.refresh_from_db()
    assert claim.status == before


def test_the_body_read_by_get_can_be_sent_back_with_a_change(editor_api, claim):
    url = f"/api/v1/claims/{claim.pk}/"
    body = editor_api.get(url).json()

    response = editor_api.patch(url, {**body, "place": "Idlib"}, format="json")

    assert response.status_code == 200, response.json()
    assert response.json()["place"] == "Idlib"


def test_a_read_only_field_sent_back_with_another_value_is_refused(editor_api, claim):
    url = f"/api/v1/claims/{claim.pk}/"
    body = editor_api.get(url).json()

    response = editor_api.patch(
        url, {**body, "place": "Idlib", "created_at": "2020-01-01T00:00:00Z"}, format="json"
    )

    assert response.status_code == 400
    assert error_of(response)["fields"] == {"created_at": ["This field is read-only: the server sets it."]}
    claim.refresh_from_db()
    assert claim.place == "Aleppo"


def test_a_body_read_before_someone_elses_change_is_refused_naming_the_new_version(editor_api):
    event = factories.EventFactory(place="Aleppo")
    url = f"/api/v1/events/{event.pk}/"
    body = editor_api.get(url).json()
    event_update(event_id=event.pk, user=factories.editor(), title="Renamed by a colleague")

    response = editor_api.patch(url, {**body, "place": "Idlib"}, format="json")

    # Refused as If-Match would have been, saying what differs and how to retry.
    assert response.status_code == 412
    error = error_of(response)
    assert error["code"] == "precondition_failed"
    current = error["current"]
    assert current["differs"] == {
        "title": {"sent": body["title"], "current": "Renamed by a colleague"},
        "place": {"sent": "Idlib", "current": "Aleppo"},
    }
    assert current["record"]["title"] == "Renamed by a colleague"
    assert current["updated_at"] != body["updated_at"]
    assert response["ETag"] == current["etag"] and current["etag"] in error["message"]
    event.refresh_from_db()
    assert (event.title, event.place) == ("Renamed by a colleague", "Aleppo")

    # The retry the message describes: the change applied to the record as it is now.
    retried = editor_api.patch(url, {**current["record"], "place": "Idlib"}, format="json")
    assert retried.status_code == 200, retried.json()
    event.refresh_from_db()
    assert (event.title, event.place) == ("Renamed by a colleague", "Idlib")


def test_a_read_only_field_on_a_create_is_refused(editor_api):
    response = editor_api.post(
        "/api/v1/events/", {"title": "Shelling of the old market", "id": 7}, format="json"
    )

    assert response.status_code == 400
    assert error_of(response)["fields"] == {"id": ["This field is read-only: the server sets it."]}
    assert not Event.objects.exists()


def test_an_unknown_field_inside_a_nested_attribution_is_named(fact_checker_api):
    source = factories.SourceFactory()

    response = fact_checker_api.post(
        "/api/v1/claims/",
        {"text": "Strikes hit the market.", "attributions": [{"source": source.pk, "exerpt": "hit"}]},
        format="json",
    )

    assert response.status_code == 400
    assert error_of(response)["fields"]["attributions"]["0"] == {"exerpt": ["Unknown field."]}
    assert not Claim.objects.exists()


def test_an_action_refuses_a_field_it_does_not_take(editor_api, claim):
    response = editor_api.post(
        f"/api/v1/claims/{claim.pk}/status/",
        {"status": "disputed", "reason": "Two monitors differ.", "text": "Something else."},
        format="json",
    )

    assert response.status_code == 400
    assert error_of(response)["fields"] == {"text": ["Unknown field."]}
    claim.refresh_from_db()
    assert claim.status != "disputed"


def test_digest_settings_put_back_as_read_are_accepted_and_a_typo_is_not(db):
    client = APIClient()
    client.force_authenticate(factories.UserFactory())
    url = "/api/v1/me/digest-preferences/"
    body = client.get(url).json()
    assert "unsubscribed_at" in body

    changed = client.put(url, {**body, "subscribed": False}, format="json")
    assert changed.status_code == 200
    refused = client.put(url, {**changed.json(), "subscribd": True}, format="json")

    assert refused.status_code == 400
    assert error_of(refused)["fields"] == {"subscribd": ["Unknown field."]}
    assert client.get(url).json()["subscribed"] is False


def test_the_schema_says_request_bodies_take_no_other_fields(db):
    schemas = APIClient().get("/api/schema/?format=json").json()["components"]["schemas"]

    request_bodies = {name: schema for name, schema in schemas.items() if name.endswith("Request")}

    assert {"ClaimCreateRequest", "PatchedClaimInputRequest", "AttributionFieldsRequest"} <= set(
        request_bodies
    )
    assert all(schema["additionalProperties"] is False for schema in request_bodies.values())
