"""Two saves of one record arriving together: the lost-update checks
(If-Match on the API, edit_base on the edit pages) are made by the service
under the row lock, so the second save cannot pass a check made before the
first one committed (core/lost_updates.py).

The race is made certain, not left to luck: another session changes the
record and keeps its transaction (and the row lock) open; the request passes
the early check (the change is not committed yet) and waits on the lock in
the service; then the other session commits. PostgreSQL only.
"""

import re

import pytest
from django.db import connection
from django.urls import reverse

from claims.models import Claim
from claims.services import claim_update, event_update
from sources.services import source_update
from tests import factories
from tests.api.conftest import client_with_token
from tests.conftest import skip_or_fail, while_another_session_holds

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def postgresql_only():
    if connection.vendor != "postgresql":
        skip_or_fail("lost-update races need PostgreSQL (DATABASE_URL)")


@pytest.fixture
def api(editor_user):
    return client_with_token(editor_user)


def test_a_patch_whose_if_match_was_current_until_a_concurrent_save_committed_is_a_412(api):
    claim = factories.ClaimFactory(place="Aleppo")
    url = f"/api/v1/claims/{claim.pk}/"
    etag = api.get(url)["ETag"]

    response = while_another_session_holds(
        lambda: claim_update(claim_id=claim.pk, user=factories.editor(), place="Homs"),
        lambda: api.patch(url, {"place": "Idlib"}, format="json", HTTP_IF_MATCH=etag),
    )

    assert response.status_code == 412
    assert response.json()["error"]["code"] == "precondition_failed"
    claim.refresh_from_db()
    assert claim.place == "Homs"


def test_a_delete_whose_if_match_was_current_until_a_concurrent_save_committed_deletes_nothing(api):
    event = factories.EventFactory(place="Aleppo")
    url = f"/api/v1/events/{event.pk}/"
    etag = api.get(url)["ETag"]

    response = while_another_session_holds(
        lambda: event_update(event_id=event.pk, user=factories.editor(), place="Homs"),
        lambda: api.delete(url, HTTP_IF_MATCH=etag),
    )

    assert response.status_code == 412
    assert api.get(url).json()["place"] == "Homs"


def test_a_patch_with_the_version_it_read_still_goes_through_after_waiting_on_the_lock(api):
    # The lock only orders the writes: a write based on no version, or on
    # any (`*`), is not refused for having waited.
    claim = factories.ClaimFactory(place="Aleppo", text="Shelling reported.")

    response = while_another_session_holds(
        lambda: claim_update(claim_id=claim.pk, user=factories.editor(), text="Shelling reported at dawn."),
        lambda: api.patch(
            f"/api/v1/claims/{claim.pk}/", {"place": "Idlib"}, format="json", HTTP_IF_MATCH="*"
        ),
    )

    assert response.status_code == 200
    claim.refresh_from_db()
    assert (claim.text, claim.place) == ("Shelling reported at dawn.", "Idlib")


def edit_base_of(response) -> str:
    match = re.search(r'name="edit_base" value="([^"]*)"', response.content.decode())
    assert match, "the edit form carries no edit_base"
    return match.group(1)


def test_an_edit_page_saved_while_a_colleagues_save_commits_is_refused_and_keeps_theirs(editor_client):
    claim = factories.ClaimFactory(text="The monitor counted 20 dead.")
    url = reverse("claims:claim-edit", args=[claim.pk])
    opened = edit_base_of(editor_client.get(url))
    form = {
        "text": "The monitor counted 20 dead on Friday.",
        "kind": claim.kind,
        "credibility": str(claim.credibility),
        "attributions-TOTAL_FORMS": "0",
        "attributions-INITIAL_FORMS": "0",
        "edit_base": opened,
    }

    response = while_another_session_holds(
        lambda: claim_update(claim_id=claim.pk, user=factories.editor(), text="The monitor counted 25 dead."),
        lambda: editor_client.post(url, form),
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "Someone else saved changes to this claim since you opened this page (Claim)." in page
    assert "The monitor counted 20 dead on Friday." in page
    claim.refresh_from_db()
    assert claim.text == "The monitor counted 25 dead."
    # The page now carries the colleague's version: saving again is a choice, and it works.
    again = editor_client.post(url, {**form, "edit_base": edit_base_of(response)})
    assert again.status_code == 302
    assert Claim.objects.get(pk=claim.pk).text == "The monitor counted 20 dead on Friday."


def test_a_source_page_saved_while_a_colleagues_save_commits_is_refused(editor_client):
    source = factories.SourceFactory(name="Monitor", country="Syria", reliability="F")
    url = reverse("sources:source-edit", args=[source.slug])
    opened = edit_base_of(editor_client.get(url))
    form = {
        "name": "Monitor",
        "kind": source.kind,
        "affiliation": source.affiliation,
        "country": "Lebanon",
        "reliability": "F",
        "edit_base": opened,
    }

    response = while_another_session_holds(
        lambda: source_update(source_id=source.pk, user=factories.editor(), country="Turkey"),
        lambda: editor_client.post(url, form),
    )

    assert response.status_code == 400
    assert "Someone else saved changes to this source" in response.content.decode()
    source.refresh_from_db()
    assert source.country == "Turkey"
