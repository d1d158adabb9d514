"""The third outside attack on the API (docs/security.md): what it found, each
pinned, and a sweep of the hostile inputs it found answered well, so they stay
clear 4xx answers with the error body and never a 500 or a partial write."""

import pytest
from django.middleware.csrf import get_token
from rest_framework.test import APIClient

from claims.models import Attribution, Claim, Event
from tests import factories
from tests.api.conftest import client_with_token, error_of

pytestmark = pytest.mark.django_db

JSON = "application/json"


@pytest.fixture
def api(editor_user):
    return client_with_token(editor_user)


# A key given twice in one JSON object.


def test_a_key_given_twice_is_a_400_naming_it_and_stores_nothing(api):
    response = api.generic("POST", "/api/v1/events/", b'{"title": "Market strike", "title": "Other"}', JSON)

    assert response.status_code == 400
    assert error_of(response)["fields"] == {
        "title": ["Give this field once: it appears more than once in the same JSON object."]
    }
    assert not Event.objects.exists()


def test_a_key_given_twice_inside_a_nested_attribution_is_refused_too(api):
    first, second = factories.SourceFactory(), factories.SourceFactory()
    pair = f'{{"source": {first.pk}, "source": {second.pk}}}'
    body = ('{"text": "The monitor counted 20 dead.", "attributions": [' + pair + "]}").encode()

    response = api.generic("POST", "/api/v1/claims/", body, JSON)

    assert response.status_code == 400
    assert "source" in error_of(response)["fields"]
    assert not Claim.objects.exists() and not Attribution.objects.exists()


def test_the_same_key_in_two_objects_is_fine(api):
    source = factories.SourceFactory()
    body = {"text": "The monitor counted 20 dead.", "attributions": [{"source": source.pk}]}

    assert api.post("/api/v1/claims/", body, format="json").status_code == 201


# A body's updated_at that is no date-time, and If-Match that names no version.


@pytest.mark.parametrize("sent", ["garbage", None, 5, "2026-13-45T00:00:00Z"])
def test_an_updated_at_that_is_no_moment_is_a_400_naming_it_not_a_412(api, sent):
    event = factories.EventFactory(place="Aleppo")

    response = api.patch(f"/api/v1/events/{event.pk}/", {"place": "Idlib", "updated_at": sent}, format="json")

    assert response.status_code == 400
    assert error_of(response)["fields"] == {"updated_at": ["This field is read-only: the server sets it."]}
    event.refresh_from_db()
    assert event.place == "Aleppo"


@pytest.mark.parametrize("header", ["", "   ", "garbage", "5d0c", '"x", *', "é"])
def test_an_if_match_that_names_no_version_is_a_400_naming_the_header(api, header):
    event = factories.EventFactory(place="Aleppo")

    patched = api.patch(
        f"/api/v1/events/{event.pk}/", {"place": "Idlib"}, format="json", HTTP_IF_MATCH=header
    )
    deleted = api.delete(f"/api/v1/events/{event.pk}/", HTTP_IF_MATCH=header)

    for response in (patched, deleted):
        assert response.status_code == 400
        assert "If-Match" in error_of(response)["fields"]
    event.refresh_from_db()
    assert event.place == "Aleppo"


@pytest.mark.parametrize("header", ['"0000"', 'W/"0000"', '"0000", "1111"'])
def test_a_well_formed_if_match_of_another_version_is_still_a_412(api, header):
    event = factories.EventFactory(place="Aleppo")

    response = api.patch(
        f"/api/v1/events/{event.pk}/", {"place": "Idlib"}, format="json", HTTP_IF_MATCH=header
    )

    assert response.status_code == 412


# CSRF on session-authenticated writes.


def test_a_session_write_without_its_csrf_token_says_how_to_pass_and_changes_nothing(editor_user):
    session = APIClient(enforce_csrf_checks=True)
    session.force_login(editor_user)
    event = factories.EventFactory(place="Aleppo")

    created = session.post("/api/v1/events/", {"title": "Forged"}, format="json")
    patched = session.patch(f"/api/v1/events/{event.pk}/", {"place": "Forged"}, format="json")
    token = session.post("/api/v1/tokens/", {"name": "forged"}, format="json")

    for response in (created, patched, token):
        assert response.status_code == 403
        error = error_of(response)
        assert error["code"] == "csrf_failed"
        assert "X-CSRFToken" in error["message"] and "Authorization: Token" in error["message"]
        assert "role" not in error
    assert not Event.objects.filter(title="Forged").exists()
    event.refresh_from_db()
    assert event.place == "Aleppo"


def test_a_session_write_with_its_csrf_token_goes_through(editor_user, rf):
    session = APIClient(enforce_csrf_checks=True)
    session.force_login(editor_user)
    page = session.get(
        "/api/v1/events/"
    )  # any page: the session gets its csrftoken cookie when one is asked for
    request = rf.get("/")
    token = get_token(request)
    session.cookies["csrftoken"] = request.META["CSRF_COOKIE"]
    assert page.status_code == 200

    response = session.post(
        "/api/v1/events/", {"title": "Typed in Swagger"}, format="json", HTTP_X_CSRFTOKEN=token
    )

    assert response.status_code == 201, response.content[:300]


# What the attack found sound, pinned: each a 4xx with the error body.

HOSTILE_LIST_QUERIES = [
    "page_size=-1",
    "page_size=0",
    "page_size=1e3",
    "page=0",
    "page=-1",
    "page=abc",
    "page=99999999",
    "cursor=abc",
    "cursor=" + "A" * 5000,
    "cursor=%00",
    "cursor=eyJpZCI6IDF9",
    "cursor=start&page=2",
    "status='%20OR%201=1",
    "event=1%20OR%201=1",
    "event=99999999999999999999999",
    "event=-1",
    "source=1e309",
    "updated_since=2026-13-45",
    "updated_since=%00",
    "search=%00",
    "ordering=id;DROP",
    "ordering=-",
    "has_open_flags=maybe",
    "credibility=9",
    "qualifier=x'--",
]


@pytest.mark.parametrize("query", HOSTILE_LIST_QUERIES)
def test_hostile_list_parameters_are_4xx_with_the_error_body(api, query):
    factories.ClaimFactory()

    response = api.get(f"/api/v1/claims/?{query}")

    assert 400 <= response.status_code < 500, (query, response.status_code)
    assert response["Content-Type"] == JSON
    error_of(response)


@pytest.mark.parametrize(
    "content_type",
    [
        "text/plain",
        "application/xml",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=zz",
        "",
    ],
)
def test_a_body_that_is_not_json_is_a_415_and_stores_nothing(api, content_type):
    response = api.generic("POST", "/api/v1/events/", b'{"title": "T"}', content_type)

    assert response.status_code == 415
    assert error_of(response)["code"] == "unsupported_media_type"
    assert not Event.objects.exists()


@pytest.mark.parametrize(
    "body",
    [
        b"[]",
        b'"x"',
        b"null",
        b"123",
        b"{",
        b'{"title": "\\ud800"}',
        b'{"title": "\xff\xfe"}',
        b'{"title": 1e400}',
    ],
)
def test_a_body_of_the_wrong_shape_or_encoding_is_a_400_and_stores_nothing(api, body):
    response = api.generic("POST", "/api/v1/events/", body, JSON)

    assert response.status_code == 400, body
    error_of(response)
    assert not Event.objects.exists()


@pytest.mark.parametrize("query", ["stauts=disputed", "page_size=5", "page=2", "cursor=start", "evnet=3"])
@pytest.mark.parametrize("path", ["/api/v1/exports/claims.csv", "/api/v1/exports/claims.json"])
def test_the_streamed_export_refuses_a_parameter_it_does_not_take_rather_than_export_everything(
    api, path, query
):
    # The export ignored them and sent every claim, which a script took for the filtered file.
    factories.ClaimFactory()

    response = api.get(f"{path}?{query}")

    assert response.status_code == 400
    assert query.split("=")[0] in error_of(response)["fields"]


def test_the_streamed_export_still_takes_its_filters_and_search(api):
    factories.ClaimFactory(text="Shelling near the airport")

    response = api.get("/api/v1/exports/claims.json?status=unverified&search=airport&format=json")

    assert response.status_code == 200
    assert b"airport" in b"".join(response.streaming_content)


# Text that shows nothing.


@pytest.mark.parametrize("name", ["\u200b", "\ufeff\u202e", "\u00ad\u2060", "\u3164"])
def test_a_required_text_made_only_of_invisible_characters_is_blank(api, name):
    from sources.models import Source

    source = api.post("/api/v1/sources/", {"name": name, "kind": "witness"}, format="json")
    claim = api.post("/api/v1/claims/", {"text": name}, format="json")

    assert source.status_code == claim.status_code == 400
    assert error_of(source)["fields"] == {"name": ["This field may not be blank."]}
    assert error_of(claim)["fields"] == {"text": ["This field may not be blank."]}
    assert not Source.objects.exists() and not Claim.objects.exists()


def test_text_with_a_visible_character_beside_invisible_ones_is_taken(api):
    response = api.post("/api/v1/sources/", {"name": "Monitor\u200b", "kind": "witness"}, format="json")

    assert response.status_code == 201


def test_the_schema_pattern_for_required_text_refuses_the_same_invisible_text(client):
    import re

    schema = client.get("/api/schema/?format=json").json()
    pattern = re.compile(
        schema["components"]["schemas"]["SourceInputRequest"]["properties"]["name"]["pattern"]
    )

    assert not pattern.search("\u200b") and not pattern.search(" \u202e ")
    assert pattern.search("Monitor\u200b")


def test_a_put_on_a_record_says_to_patch_the_body_instead(api):
    event = factories.EventFactory(place="Aleppo")
    body = api.get(f"/api/v1/events/{event.pk}/").json()

    response = api.put(f"/api/v1/events/{event.pk}/", {**body, "place": "Idlib"}, format="json")

    assert response.status_code == 405
    assert error_of(response)["code"] == "method_not_allowed"
    assert "PATCH" in error_of(response)["message"]
    assert "PUT" not in response["Allow"] and "PATCH" in response["Allow"]
    event.refresh_from_db()
    assert event.place == "Aleppo"
