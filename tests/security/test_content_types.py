"""What the API does with a body whose Content-Type is not plainly one it
reads: a wildcard, an unknown type, another charset, no type at all. Each is
a 415 naming the types the endpoint accepts, and nothing is stored; before,
DRF matched `*/*` and `application/*` against application/json and read the
body as JSON, and decoded a JSON body as whatever charset the header named."""

import pytest

from claims.models import Event
from sources.models import Document
from tests.api.conftest import client_with_token, error_of

pytestmark = pytest.mark.django_db

BODY = b'{"title": "Market strike"}'


@pytest.fixture
def api(editor_user):
    return client_with_token(editor_user)


@pytest.mark.parametrize(
    "content_type",
    [
        "*/*",
        "application/*",
        "*/json",
        "*",
        "application/*+json",
        "application/json-patch+json",
        "text/json",
        "application/octet-stream",
        "",
    ],
)
def test_a_wildcard_or_unknown_type_is_a_415_naming_the_accepted_types(api, content_type):
    response = api.generic("POST", "/api/v1/events/", BODY, content_type)

    assert response.status_code == 415
    error = error_of(response)
    assert error["code"] == "unsupported_media_type"
    assert "Send the body as application/json" in error["message"]
    assert not Event.objects.exists()


@pytest.mark.parametrize("charset", ["latin-1", "ISO-8859-1", "utf-16", "cp1252"])
def test_a_json_body_in_another_charset_is_a_415_asking_for_utf_8(api, charset):
    body = '{"title": "Caf\u00e9 strike"}'.encode("latin-1")

    response = api.generic("POST", "/api/v1/events/", body, f"application/json; charset={charset}")

    assert response.status_code == 415
    assert "UTF-8" in error_of(response)["message"]
    assert not Event.objects.exists()


@pytest.mark.parametrize("charset", ["utf-8", "UTF-8", "utf8", '"utf-8"', "us-ascii"])
def test_a_json_body_declared_utf_8_is_read(api, charset):
    response = api.generic("POST", "/api/v1/events/", BODY, f"application/json; charset={charset}")

    assert response.status_code == 201, response.content
    assert Event.objects.get().title == "Market strike"


def test_a_patch_with_a_wildcard_type_is_a_415_too(api):
    event = Event.objects.create(title="Market strike")

    response = api.generic("PATCH", f"/api/v1/events/{event.pk}/", b'{"title": "Other"}', "*/*")

    assert response.status_code == 415
    event.refresh_from_db()
    assert event.title == "Market strike"


def test_the_ingest_endpoint_names_both_types_it_reads(api):
    response = api.generic("POST", "/api/v1/documents/ingest/", b'{"title": "T", "text": "x"}', "*/*")

    assert response.status_code == 415
    assert "application/json or multipart/form-data" in error_of(response)["message"]
    assert not Document.objects.exists()


def test_a_multipart_body_on_a_json_only_endpoint_names_json(api):
    body = '--x\r\nContent-Disposition: form-data; name="title"\r\n\r\nT\r\n--x--\r\n'

    response = api.generic("POST", "/api/v1/events/", body, "multipart/form-data; boundary=x")

    assert response.status_code == 415
    assert "Send the body as application/json" in error_of(response)["message"]


def test_a_post_with_no_body_and_no_type_is_a_400_naming_the_fields(api):
    response = api.generic("POST", "/api/v1/events/", b"", "")

    assert response.status_code == 400
    assert "title" in error_of(response)["fields"]


def test_a_signed_out_request_with_a_wildcard_type_is_still_a_401_first():
    from rest_framework.test import APIClient

    response = APIClient().generic("POST", "/api/v1/events/", BODY, "*/*")

    assert response.status_code in (401, 403)
