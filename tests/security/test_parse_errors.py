"""Bodies the API cannot read (issue 13, finding 4): about 2 KB of "[" nested
990 deep gave a 500 on PUT /api/v1/me/digest-preferences/, POST /claims/ and
PATCH /sources/{id}/, because DRF's JSON parser let RecursionError escape.
Every kind of unreadable JSON body is now a 400 with the documented error body
(bodies that are not JSON at all get 415: tests/security/test_strict_input.py)."""

import pytest

from tests.api.conftest import client_with_token, error_of
from tests.factories import SourceFactory
from tests.security.attacks import payload

pytestmark = pytest.mark.django_db

JSON = "application/json"
UNREADABLE_BODIES = {
    "arrays nested 990 deep": (payload("nested_json.txt"), JSON),
    "objects nested 990 deep": ('{"a":' * 990 + "1" + "}" * 990, JSON),
    "a field nested 40 deep": (
        '{"text": "x", "name": "x", "attributions": ' + "[" * 40 + "]" * 40 + "}",
        JSON,
    ),
    "not UTF-8": (b"\xff\xfe{", JSON),
    "malformed": ('{"text": ', JSON),
    "a 5,000-digit number": ('{"event": ' + "9" * 5000 + "}", JSON),
    "NaN": ('{"value_low": NaN}', JSON),
}


@pytest.fixture
def endpoints(editor_user):
    source = SourceFactory(name="Monitor")
    return [
        ("put", "/api/v1/me/digest-preferences/"),
        ("post", "/api/v1/claims/"),
        ("patch", f"/api/v1/sources/{source.pk}/"),
    ]


@pytest.mark.parametrize("kind", list(UNREADABLE_BODIES))
def test_an_unreadable_body_is_a_400_with_the_error_body(editor_user, endpoints, kind):
    api = client_with_token(editor_user)
    body, content_type = UNREADABLE_BODIES[kind]
    for method, path in endpoints:
        response = getattr(api, method)(path, body, content_type=content_type)

        assert response.status_code == 400, (method, path, response.content[:200])
        assert error_of(response)["code"] == "parse_error"


def test_json_at_the_depth_limit_still_reaches_validation(editor_user):
    from core.parsers import MAX_JSON_DEPTH

    api = client_with_token(editor_user)
    nested = "[" * (MAX_JSON_DEPTH - 1) + "]" * (MAX_JSON_DEPTH - 1)
    response = api.post("/api/v1/claims/", '{"text": "x", "attributions": ' + nested + "}", content_type=JSON)
    assert response.status_code == 400
    assert error_of(response)["code"] == "invalid"


def test_a_body_over_the_size_limit_is_a_413_with_the_error_body(editor_user, endpoints, settings):
    # Django refuses to read it (DATA_UPLOAD_MAX_MEMORY_SIZE); the API used to
    # let that through as Django's HTML 400 page (second outside review).
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    api = client_with_token(editor_user)
    body = '{"text": "' + "x" * 20_000 + '"}'
    for method, path in endpoints:
        response = getattr(api, method)(path, body, content_type=JSON)

        assert response.status_code == 413, (method, path, response.content[:200])
        assert response["Content-Type"] == "application/json"
        assert error_of(response)["code"] == "request_too_large"
        assert "10,000 bytes" in error_of(response)["message"]


def test_a_form_with_too_many_parts_is_a_400_with_the_error_body(editor_user, settings):
    # Django's TooManyFieldsSent escaped the API's handler like RequestDataTooBig.
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    api = client_with_token(editor_user)
    parts = {f"part{i}": "x" for i in range(50)} | {"title": "T", "body": "B"}

    response = api.post("/api/v1/documents/ingest/", parts, format="multipart")

    assert response.status_code == 400
    assert error_of(response)["code"] == "parse_error"
