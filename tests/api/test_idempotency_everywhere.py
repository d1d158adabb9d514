"""Idempotency-Key on every POST of the API, not only the resource creates
(core/idempotency.py, docs/api.md): background exports, tokens, webhook
endpoints, article ingestion, document versions and record actions replay
their first answer for the same key and body, and refuse another body."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import get_resolver
from django.urls.resolvers import URLResolver
from rest_framework.test import APIClient

from accounts.models import ApiToken
from claims.models import ConflictFlag
from core.idempotency import IdempotentPosts
from core.models import IdempotencyKey
from exports.models import ClaimExport
from sources.models import Document
from tests import factories
from tests.api.conftest import error_of
from webhooks.models import WebhookEndpoint

pytestmark = pytest.mark.django_db

ARTICLE = {
    "title": "Shelling on the northern district",
    "body": "The district council said on Monday that 14 people were hurt when shells hit a bakery queue.",
}


def twice(api, path, body, key="key-1", **extra):
    first = api.post(path, body, HTTP_IDEMPOTENCY_KEY=key, **extra)
    again = api.post(path, body, HTTP_IDEMPOTENCY_KEY=key, **extra)
    return first, again


def assert_replayed(first, again, status):
    assert first.status_code == status, first.content[:500]
    assert again.status_code == status, again.content[:500]
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first


def _post_routes(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _post_routes(pattern.url_patterns, prefix + str(pattern.pattern))
            continue
        view_class = getattr(pattern.callback, "cls", None)
        actions = getattr(pattern.callback, "actions", None)
        if view_class is None:
            continue
        answers_post = "post" in actions if actions is not None else hasattr(view_class, "post")
        if answers_post:
            yield prefix + str(pattern.pattern), view_class


def test_every_post_of_the_api_honours_the_key():
    # A new POST endpoint that forgot the mixin would create twice on a retry.
    routes = [
        (path, cls) for path, cls in _post_routes(get_resolver().url_patterns) if path.startswith("api/v1")
    ]

    assert len(routes) > 20
    assert [path for path, cls in routes if not issubclass(cls, IdempotentPosts)] == []


def test_the_schema_documents_the_key_on_every_post(client):
    paths = client.get("/api/schema/?format=json").json()["paths"]
    posts = {path: operations["post"] for path, operations in paths.items() if "post" in operations}

    missing = [
        path
        for path, operation in posts.items()
        if "Idempotency-Key" not in [parameter["name"] for parameter in operation.get("parameters", [])]
    ]
    assert len(posts) > 20
    assert missing == []
    assert all("422" in operation["responses"] for operation in posts.values())


def test_a_background_export_request_is_replayed_and_queued_once(viewer_api):
    body = {"format": "csv", "filters": {"status": ["disputed"]}}

    first, again = twice(viewer_api, "/api/v1/exports/", body)

    assert_replayed(first, again, 202)
    assert ClaimExport.objects.count() == 1
    other = viewer_api.post(
        "/api/v1/exports/", {**body, "format": "json"}, HTTP_IDEMPOTENCY_KEY="key-1", format="json"
    )
    assert other.status_code == 422
    assert error_of(other)["code"] == "idempotency_key_reused"
    assert ClaimExport.objects.count() == 1


def test_a_token_created_twice_with_one_key_is_one_token_whose_secret_is_never_stored_readable(editor_user):
    session = APIClient()
    session.force_login(editor_user)

    first, again = twice(session, "/api/v1/tokens/", {"name": "nightly sync"}, format="json")

    assert_replayed(first, again, 201)
    assert ApiToken.objects.filter(user=editor_user).count() == 1
    raw = first.json()["token"]
    # The replayed token is the one that works...
    script = APIClient()
    script.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
    assert script.get("/api/v1/claims/").status_code == 200
    # ...and the stored answer holds it sealed, not as text.
    stored = IdempotencyKey.objects.get(user=editor_user)
    assert raw not in json.dumps(stored.response_body)
    assert stored.response_body["id"] == first.json()["id"]


def test_a_replay_whose_seal_cannot_be_opened_says_what_to_do_and_creates_nothing(editor_user, settings):
    session = APIClient()
    session.force_login(editor_user)
    first = session.post("/api/v1/tokens/", {"name": "laptop"}, format="json", HTTP_IDEMPOTENCY_KEY="k")
    settings.SECRET_KEY = "another-secret-key-after-a-rotation-0123456789"
    session.force_login(editor_user)  # the old session's hash no longer holds

    again = session.post("/api/v1/tokens/", {"name": "laptop"}, format="json", HTTP_IDEMPOTENCY_KEY="k")

    assert again.status_code == 409
    error = error_of(again)
    assert error["code"] == "idempotency_secret_lost"
    assert f"#{first.json()['id']}" in error["message"]
    assert ApiToken.objects.filter(user=editor_user).count() == 1


def test_a_webhook_registration_is_replayed_with_its_secret(editor_api):
    body = {"url": "https://93.184.216.34/hook", "event_types": ["claim.created"]}

    first, again = twice(editor_api, "/api/v1/webhooks/", body, format="json")

    assert_replayed(first, again, 201)
    assert WebhookEndpoint.objects.count() == 1
    assert first.json()["secret"] not in json.dumps(IdempotencyKey.objects.get().response_body)
    other = editor_api.post(
        "/api/v1/webhooks/",
        {**body, "url": "https://93.184.216.35/hook"},
        format="json",
        HTTP_IDEMPOTENCY_KEY="key-1",
    )
    assert other.status_code == 422
    assert WebhookEndpoint.objects.count() == 1


def test_an_article_submitted_twice_is_one_document_and_the_replay_keeps_its_location(editor_api):
    first, again = twice(editor_api, "/api/v1/documents/ingest/", ARTICLE, format="json")

    assert_replayed(first, again, 202)
    assert again["Location"] == first["Location"] == first.json()["extraction_url"]
    assert Document.objects.count() == 1


def test_an_uploaded_article_is_told_apart_by_its_bytes(editor_api):
    def upload(text: bytes):
        parts = {"title": "Bakery queue", "upload": SimpleUploadedFile("story.txt", text, "text/plain")}
        return editor_api.post(
            "/api/v1/documents/ingest/", parts, format="multipart", HTTP_IDEMPOTENCY_KEY="upload-1"
        )

    first = upload(ARTICLE["body"].encode())
    again = upload(ARTICLE["body"].encode())
    other = upload(b"The council later said 15 people were hurt in the same shelling.")

    assert first.status_code == again.status_code == 202, first.content[:300]
    assert again.json() == first.json()
    assert other.status_code == 422
    assert Document.objects.count() == 1


def test_a_document_version_is_added_once(editor_api):
    document = factories.DocumentFactory()
    path = f"/api/v1/documents/{document.pk}/versions/"
    body = {"body": document.body + " A later paragraph corrects the count to 16 hurt."}

    first, again = twice(editor_api, path, body, format="json")

    assert_replayed(first, again, 201)
    assert Document.objects.count() == 2


def test_a_retried_flag_resolution_gets_its_answer_rather_than_a_409(fact_checker_api):
    flag = factories.ConflictFlagFactory()
    path = f"/api/v1/flags/{flag.pk}/resolve/"

    first, again = twice(
        fact_checker_api, path, {"note": "The ministry's figure was for another day."}, format="json"
    )

    assert_replayed(first, again, 200)
    assert ConflictFlag.objects.get().status == ConflictFlag.Status.RESOLVED
    without_key = fact_checker_api.post(path, {"note": "again"}, format="json")
    assert without_key.status_code == 409  # as before, when the script does not say it is a retry
