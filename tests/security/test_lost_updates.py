"""Two people editing one record: the later save must not silently undo the
earlier one (second outside review).

An edit page used to post every field as it was when the page opened, and the
service wrote them all: an editor who kept a claim's page open while a
colleague corrected its figure put the old figure back without a word. Each
edit form now carries a fingerprint of the fields as they were opened
(`edit_base`, core.forms.ServiceModelForm).
"""

import re

import pytest
from django.urls import reverse

from claims.services import claim_update, event_update
from sources.services import source_update
from tests import factories

pytestmark = pytest.mark.django_db


def edit_base_of(response) -> str:
    match = re.search(r'name="edit_base" value="([^"]*)"', response.content.decode())
    assert match, "the edit form carries no edit_base"
    return match.group(1)


def claim_post(claim, **changes) -> dict:
    return {
        "text": claim.text,
        "kind": claim.kind,
        "credibility": str(claim.credibility),
        "attributions-TOTAL_FORMS": "0",
        "attributions-INITIAL_FORMS": "0",
        **changes,
    }


def test_saving_a_claim_a_colleague_changed_meanwhile_is_refused_and_keeps_both_texts(editor_client):
    claim = factories.ClaimFactory(text="The monitor counted 20 dead.")
    url = reverse("claims:claim-edit", args=[claim.pk])
    opened = edit_base_of(editor_client.get(url))
    claim_update(claim_id=claim.pk, user=factories.editor(), text="The monitor counted 25 dead.")

    response = editor_client.post(
        url, claim_post(claim, text="The monitor counted 20 dead on Friday.", edit_base=opened)
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "Someone else saved changes to this claim since you opened this page (Claim)." in page
    assert "The monitor counted 20 dead on Friday." in page  # what was typed is kept
    claim.refresh_from_db()
    assert claim.text == "The monitor counted 25 dead."


def test_saving_again_after_the_warning_replaces_the_colleagues_version(editor_client):
    claim = factories.ClaimFactory(text="The monitor counted 20 dead.")
    url = reverse("claims:claim-edit", args=[claim.pk])
    opened = edit_base_of(editor_client.get(url))
    claim_update(claim_id=claim.pk, user=factories.editor(), text="The monitor counted 25 dead.")
    warned = editor_client.post(url, claim_post(claim, text="Mine.", edit_base=opened))

    response = editor_client.post(url, claim_post(claim, text="Mine.", edit_base=edit_base_of(warned)))

    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.text == "Mine."


def test_saving_a_claim_nobody_else_changed_works(editor_client):
    claim = factories.ClaimFactory(text="The monitor counted 20 dead.")
    url = reverse("claims:claim-edit", args=[claim.pk])
    opened = edit_base_of(editor_client.get(url))

    response = editor_client.post(
        url, claim_post(claim, text="Twenty dead, the monitor said.", edit_base=opened)
    )

    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.text == "Twenty dead, the monitor said."


def test_an_event_changed_meanwhile_is_not_overwritten(editor_client):
    event = factories.EventFactory(title="Shelling of the market", place="Aleppo")
    url = reverse("claims:event-edit", args=[event.pk])
    opened = edit_base_of(editor_client.get(url))
    event_update(event_id=event.pk, user=factories.editor(), place="Idlib")

    response = editor_client.post(
        url, {"title": "Shelling of the old market", "place": "Aleppo", "edit_base": opened}
    )

    assert response.status_code == 400
    assert (
        "Someone else saved changes to this event since you opened this page (Place)."
        in response.content.decode()
    )
    event.refresh_from_db()
    assert (event.title, event.place) == ("Shelling of the market", "Idlib")


def test_a_source_changed_meanwhile_is_not_overwritten(editor_client):
    source = factories.SourceFactory(name="Monitor", country="Syria")
    url = reverse("sources:source-edit", args=[source.slug])
    opened = edit_base_of(editor_client.get(url))
    source_update(source_id=source.pk, user=factories.editor(), country="Turkey")

    response = editor_client.post(
        url,
        {
            "name": "Monitor group",
            "kind": source.kind,
            "affiliation": source.affiliation,
            "country": "Syria",
            "reliability": source.reliability,
            "aliases": "",
            "edit_base": opened,
        },
    )

    assert response.status_code == 400
    source.refresh_from_db()
    assert (source.name, source.country) == ("Monitor", "Turkey")


# The API: PATCH sends only the fields it names, but two scripts changing the
# same field still race. If-Match makes the second one fail instead.


@pytest.fixture
def editor_api():
    from tests.api.conftest import client_with_token

    return client_with_token(factories.editor())


@pytest.mark.parametrize("resource", ["claims", "events", "sources", "documents"])
def test_a_patch_naming_an_old_version_is_refused_with_412(editor_api, resource):
    record = {
        "claims": factories.ClaimFactory,
        "events": factories.EventFactory,
        "sources": factories.SourceFactory,
        "documents": factories.DocumentFactory,
    }[resource]()
    field = {"claims": "place", "events": "place", "sources": "country", "documents": "url"}[resource]
    first, second = {
        "claims": ("Aleppo", "Idlib"),
        "events": ("Aleppo", "Idlib"),
        "sources": ("Syria", "Turkey"),
        "documents": ("https://example.org/a", "https://example.org/b"),
    }[resource]
    url = f"/api/v1/{resource}/{record.pk}/"
    etag = editor_api.get(url)["ETag"]
    changed = editor_api.patch(url, {field: first}, format="json", HTTP_IF_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag

    stale = editor_api.patch(url, {field: second}, format="json", HTTP_IF_MATCH=etag)

    assert stale.status_code == 412
    assert stale.json()["error"]["code"] == "precondition_failed"
    assert editor_api.get(url).json()[field] == first
    # The 412 carries the record as it is now and its ETag, to redo the change on.
    current = stale.json()["error"]["current"]
    assert current["record"][field] == first
    assert current["etag"] == stale["ETag"] == changed["ETag"]
    fresh = editor_api.patch(url, {field: second}, format="json", HTTP_IF_MATCH=changed["ETag"])
    assert fresh.status_code == 200


def test_a_delete_naming_an_old_version_is_refused_and_deletes_nothing(editor_api):
    event = factories.EventFactory(place="Aleppo")
    url = f"/api/v1/events/{event.pk}/"
    etag = editor_api.get(url)["ETag"]
    event_update(event_id=event.pk, user=factories.editor(), place="Idlib")

    response = editor_api.delete(url, HTTP_IF_MATCH=etag)

    assert response.status_code == 412
    assert editor_api.get(url).status_code == 200


def test_writes_without_if_match_go_through_as_before(editor_api):
    event = factories.EventFactory(place="Aleppo")

    response = editor_api.patch(f"/api/v1/events/{event.pk}/", {"place": "Idlib"}, format="json")

    assert response.status_code == 200
    assert (
        editor_api.patch(
            f"/api/v1/events/{event.pk}/", {"place": "Homs"}, format="json", HTTP_IF_MATCH="*"
        ).status_code
        == 200
    )


def test_a_webhook_endpoint_takes_if_match_like_the_records(editor_api):
    created = editor_api.post(
        "/api/v1/webhooks/",
        {"url": "https://93.184.216.34/hook", "event_types": ["claim.created"]},
        format="json",
    )
    url = f"/api/v1/webhooks/{created.json()['id']}/"
    etag = editor_api.get(url)["ETag"]
    assert etag and created["ETag"] == etag
    changed = editor_api.patch(url, {"description": "Desk bot"}, format="json", HTTP_IF_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag

    stale = editor_api.patch(url, {"description": "Night bot"}, format="json", HTTP_IF_MATCH=etag)
    stale_delete = editor_api.delete(url, HTTP_IF_MATCH=etag)

    assert (stale.status_code, stale_delete.status_code) == (412, 412)
    assert stale.json()["error"]["current"]["record"]["description"] == "Desk bot"
    assert editor_api.delete(url, HTTP_IF_MATCH=changed["ETag"]).status_code == 204
