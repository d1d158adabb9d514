"""Digest settings get the same lost-update guard as every editable record
(core/lost_updates.py): an ETag on the API's answer, a 412 with the settings
as they are now for a stale If-Match or body, and on the settings page a
refusal naming what changed since the page was opened."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from digests.selectors import digest_preference_for
from digests.services import digest_preference_update
from tests.api.conftest import error_of

URL = "/api/v1/me/digest-preferences/"


@pytest.fixture
def api(viewer_user):
    client = APIClient()
    client.force_authenticate(viewer_user)
    return client


def test_saved_settings_carry_an_etag_and_their_updated_at(api, viewer_user):
    digest_preference_update(user=viewer_user, skip_empty_weeks=True)

    response = api.get(URL)

    assert response.status_code == 200
    assert response["ETag"].startswith('"')
    assert response.json()["updated_at"]
    assert api.patch(URL, {"subscribed": False}, format="json")["ETag"] != response["ETag"]


def test_a_patch_with_a_stale_if_match_is_a_412_with_the_settings_now(api, viewer_user):
    digest_preference_update(user=viewer_user, skip_empty_weeks=True)
    etag = api.get(URL)["ETag"]
    digest_preference_update(user=viewer_user, include_my_flags=False)  # another tab

    response = api.patch(URL, {"subscribed": False}, format="json", HTTP_IF_MATCH=etag)

    assert response.status_code == 412
    error = error_of(response)
    assert error["code"] == "precondition_failed"
    now = api.get(URL)
    assert error["current"]["etag"] == now["ETag"]
    assert "my_flags" not in error["current"]["record"]["sections"]
    assert digest_preference_for(viewer_user).subscribed is True


def test_a_patch_with_the_current_if_match_goes_through(api, viewer_user):
    digest_preference_update(user=viewer_user, skip_empty_weeks=True)
    etag = api.get(URL)["ETag"]

    response = api.patch(URL, {"subscribed": False}, format="json", HTTP_IF_MATCH=etag)

    assert response.status_code == 200
    assert digest_preference_for(viewer_user).subscribed is False


def test_a_put_of_a_body_read_before_another_change_is_a_412_naming_what_differs(api, viewer_user):
    digest_preference_update(user=viewer_user, skip_empty_weeks=True)
    read = api.get(URL).json()
    digest_preference_update(user=viewer_user, include_my_flags=False)

    response = api.put(URL, {**read, "subscribed": False}, format="json")

    assert response.status_code == 412
    current = error_of(response)["current"]
    assert set(current["differs"]) == {"subscribed", "sections"}
    assert current["etag"] == api.get(URL)["ETag"]
    assert digest_preference_for(viewer_user).subscribed is True


def test_a_put_of_the_body_just_read_goes_through(api, viewer_user):
    digest_preference_update(user=viewer_user, skip_empty_weeks=True)
    read = api.get(URL).json()

    response = api.put(URL, {**read, "subscribed": False}, format="json")

    assert response.status_code == 200, response.json()


def test_an_if_match_that_names_no_version_is_a_400(api):
    response = api.patch(URL, {"subscribed": False}, format="json", HTTP_IF_MATCH="abc")

    assert response.status_code == 400
    assert "If-Match" in error_of(response)["fields"]


def test_the_settings_page_refuses_a_save_over_a_change_made_since_it_was_opened(client, viewer_user):
    client.force_login(viewer_user)
    opened = client.get(reverse("digests:preferences")).context["form"]["edit_base"].value()
    digest_preference_update(user=viewer_user, subscribed=False)  # the unsubscribe link, meanwhile

    response = client.post(
        reverse("digests:preferences"),
        {"subscribed": "on", "sections": ["new_claims"], "edit_base": opened},
    )

    assert response.status_code == 200
    assert "Someone else saved changes" in " ".join(response.context["form"].non_field_errors())
    assert "Send me the weekly digest" in " ".join(response.context["form"].non_field_errors())
    assert digest_preference_for(viewer_user).subscribed is False


def test_the_settings_page_saves_when_nothing_changed_since_it_was_opened(client, viewer_user):
    client.force_login(viewer_user)
    opened = client.get(reverse("digests:preferences")).context["form"]["edit_base"].value()

    response = client.post(
        reverse("digests:preferences"),
        {"subscribed": "on", "sections": ["new_claims"], "edit_base": opened},
    )

    assert response.status_code == 302
    assert digest_preference_for(viewer_user).sections == ["new_claims"]
