"""Strict input and private responses (issue 13, "also" findings).

- Silent coercions: `"event": 1.5` linked event 1, and a form-encoded
  `POST /claims/` with junk `attributions` created a claim with none.
- No `Cache-Control: private` on signed-in pages and API responses.
"""

import pytest
from django.urls import reverse

from claims.models import Claim
from tests.api.conftest import client_with_token, error_of
from tests.factories import EventFactory, SourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(editor_user):
    return client_with_token(editor_user)


ID_SHAPES = {
    "a float": lambda pk: pk + 0.5,
    "a whole float": float,
    "a string": str,
    "a list": lambda pk: [pk],
    "an object": lambda pk: {"id": pk},
    "a boolean": lambda pk: True,
}


@pytest.mark.parametrize("shape", list(ID_SHAPES))
def test_an_event_id_that_is_not_an_integer_is_refused(api, shape):
    event = EventFactory()
    source = SourceFactory()
    body = {
        "text": "The monitor counted 20 dead.",
        "event": ID_SHAPES[shape](event.pk),
        "attributions": [{"source": source.pk}],
    }

    response = api.post("/api/v1/claims/", body, format="json")

    assert response.status_code == 400
    assert "event" in error_of(response)["fields"]
    assert not Claim.objects.exists()


def test_a_float_id_cannot_link_the_record_it_truncates_to(api):
    event = EventFactory()
    source = SourceFactory()
    body = {"text": "Twenty dead.", "event": event.pk + 0.5, "attributions": [{"source": source.pk + 0.25}]}

    response = api.post("/api/v1/claims/", body, format="json")

    assert response.status_code == 400
    fields = error_of(response)["fields"]
    assert set(fields) == {"event", "attributions"}
    assert not Claim.objects.exists()


def test_an_integer_id_still_links_the_record(api):
    event = EventFactory()
    source = SourceFactory()
    body = {"text": "Twenty dead.", "event": event.pk, "attributions": [{"source": source.pk}]}
    response = api.post("/api/v1/claims/", body, format="json")
    assert response.status_code == 201
    assert Claim.objects.get().event == event


@pytest.mark.parametrize(
    "content_type, body",
    [
        ("application/x-www-form-urlencoded", "text=Twenty+dead.&attributions=junk"),
        (
            "multipart/form-data; boundary=x",
            '--x\r\nContent-Disposition: form-data; name="text"\r\n\r\nTwenty dead.\r\n--x--\r\n',
        ),
    ],
)
def test_a_form_encoded_claim_is_refused_not_stored_without_attributions(api, content_type, body):
    response = api.post("/api/v1/claims/", body, content_type=content_type)

    assert response.status_code == 415
    assert error_of(response)["code"] == "unsupported_media_type"
    assert not Claim.objects.exists()


def test_api_answers_are_private_and_not_stored(api):
    response = api.get("/api/v1/claims/")
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives


def test_signed_in_pages_are_private_and_not_stored(client, editor_user):
    client.force_login(editor_user)
    for url in ["/", reverse("sources:source-list"), reverse("sources:document-list")]:
        response = client.get(url)
        assert response.status_code == 200, url
        directives = {part.strip() for part in response["Cache-Control"].split(",")}
        assert {"private", "no-store"} <= directives, url


# Schema and validation agree (schemathesis ST201/ST202, tests/api/test_schemathesis.py)


@pytest.mark.parametrize("page_size", ["-9.2e-06", "abc", "0", "-5", "1.5"])
def test_a_page_size_that_is_not_a_whole_number_from_1_is_a_400(api, page_size):
    response = api.get("/api/v1/events/", {"page_size": page_size})
    assert response.status_code == 400
    assert "page_size" in error_of(response)["fields"]


def test_a_huge_page_size_is_capped_not_refused(api):
    assert api.get("/api/v1/events/", {"page_size": "9" * 5000}).status_code == 200


@pytest.mark.parametrize(
    "path, parameter",
    [
        ("/api/v1/claims/", "event"),
        ("/api/v1/claims/", "source"),
        ("/api/v1/claims/", "document"),
        ("/api/v1/attributions/", "claim"),
        ("/api/v1/documents/", "outlet"),
        ("/api/v1/flags/", "claim"),
        ("/api/v1/relations/", "claim"),
    ],
)
def test_filtering_by_an_id_no_record_has_gives_an_empty_list(api, path, parameter):
    response = api.get(path, {parameter: 987654})
    assert response.status_code == 200
    assert response.json()["count"] == 0
    assert api.get(path, {parameter: "1.5"}).status_code == 400


def test_filtering_flags_by_an_unknown_username_gives_an_empty_list(api):
    response = api.get("/api/v1/flags/", {"assignee": "nobody-here"})
    assert response.status_code == 200
    assert response.json()["count"] == 0


def test_a_boolean_filter_refuses_anything_but_true_or_false(api):
    assert api.get("/api/v1/claims/", {"has_open_flags": "true"}).status_code == 200
    assert api.get("/api/v1/claims/", {"has_open_flags": "maybe"}).status_code == 400


def test_a_new_source_named_like_a_stored_one_is_a_409(api):
    SourceFactory(name="Monitor")
    response = api.post("/api/v1/sources/", {"name": "Monitor", "kind": "ngo_monitor"}, format="json")
    assert response.status_code == 409
    assert error_of(response)["code"] == "duplicate_source"


def test_a_reference_to_a_record_that_does_not_exist_is_a_409_naming_the_field(api):
    response = api.post(
        "/api/v1/relations/", {"from_claim": 0, "to_claim": 0, "relation_type": "qualifies"}, format="json"
    )
    assert response.status_code == 409
    error = error_of(response)
    assert error["code"] == "does_not_exist"
    assert set(error["fields"]) == {"from_claim", "to_claim"}
