"""Unique-constraint races (issue 13, finding 5): a double-click on "save" for
a document, or two editors adding sources whose names make the same slug
("Monitor!" and "Monitor?"), gave a 500 in the web forms: document_create and
source_create checked, then inserted, and the loser's insert hit the unique
index. Now the loser gets the same refusal as a later duplicate (a form error,
409 in the API), and a clash on a slug the service chose is retried.

The race is made certain, not left to luck: another session inserts the
clashing row and keeps its transaction open, the request passes the service's
check (the row is not committed yet) and waits on the unique index; then the
other session commits. PostgreSQL only: SQLite's writers take turns
(IMMEDIATE transactions), so the race cannot happen there.
"""

import threading

import pytest
from django.db import connection
from django.urls import reverse

from sources.models import Document, Source
from sources.services import document_create, source_create
from tests.api.conftest import client_with_token
from tests.conftest import skip_or_fail, while_another_session_holds

pytestmark = pytest.mark.django_db(transaction=True)

ARTICLE = "The monitor said 20 people died in the strike on the market."


@pytest.fixture(autouse=True)
def postgresql_only():
    if connection.vendor != "postgresql":
        skip_or_fail("unique-constraint races need PostgreSQL (DATABASE_URL)")


def test_a_double_clicked_document_save_gets_the_duplicate_form_error(client, editor_user):
    client.force_login(editor_user)

    response = while_another_session_holds(
        lambda: document_create(title="Market strike", body=ARTICLE, user=editor_user),
        lambda: client.post(reverse("sources:document-create"), {"title": "Market strike", "body": ARTICLE}),
    )

    assert response.status_code == 400
    assert "This text is already stored as document #" in response.content.decode()
    assert Document.objects.count() == 1


def test_a_document_race_in_the_api_is_a_409_duplicate_document(editor_user):
    api = client_with_token(editor_user)

    response = while_another_session_holds(
        lambda: document_create(title="Market strike", body=ARTICLE, user=editor_user),
        lambda: api.post("/api/v1/documents/", {"title": "Market strike", "body": ARTICLE}, format="json"),
    )

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "duplicate_document"
    assert Document.objects.count() == 1


def source_form(name: str) -> dict:
    return {"name": name, "kind": "ngo_monitor", "affiliation": "independent", "reliability": "F"}


def test_two_sources_whose_names_make_the_same_slug_are_both_saved(client, editor_user):
    client.force_login(editor_user)

    response = while_another_session_holds(
        lambda: source_create(name="Monitor!", kind="ngo_monitor", user=editor_user),
        lambda: client.post(reverse("sources:source-create"), source_form("Monitor?")),
    )

    assert response.status_code == 302
    assert sorted(Source.objects.values_list("name", "slug")) == [
        ("Monitor!", "monitor"),
        ("Monitor?", "monitor-2"),
    ]


def test_a_source_name_taken_meanwhile_is_a_form_error_and_a_409(client, editor_user):
    client.force_login(editor_user)
    page = while_another_session_holds(
        lambda: source_create(name="Monitor", kind="ngo_monitor", user=editor_user),
        lambda: client.post(reverse("sources:source-create"), source_form("Monitor")),
    )
    api = client_with_token(editor_user)
    api_response = while_another_session_holds(
        lambda: source_create(name="Wire", kind="wire_agency", user=editor_user),
        lambda: api.post("/api/v1/sources/", {"name": "Wire", "kind": "wire_agency"}, format="json"),
    )

    assert page.status_code == 400
    assert "A source named “Monitor” already exists." in page.content.decode()
    assert api_response.status_code == 409
    assert api_response.json()["error"]["code"] == "duplicate_source"
    assert Source.objects.count() == 2


def test_many_simultaneous_saves_of_one_document_store_it_once(editor_user):
    from django.test import Client

    barrier = threading.Barrier(4)
    statuses = []

    def save():
        try:
            client = Client()
            client.force_login(editor_user)
            barrier.wait(timeout=30)
            response = client.post(reverse("sources:document-create"), {"title": "Market", "body": ARTICLE})
            statuses.append(response.status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=save) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(statuses) == [302, 400, 400, 400]
    assert Document.objects.count() == 1
