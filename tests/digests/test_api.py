"""GET/PUT/PATCH /api/v1/me/digest-preferences/: a reader's own settings."""

import pytest
from rest_framework.test import APIClient

from digests.selectors import digest_preference_for

URL = "/api/v1/me/digest-preferences/"
ALL_SECTIONS = [
    "new_claims",
    "new_conflicts",
    "open_conflicts",
    "resolved_conflicts",
    "disputed_sources",
    "my_flags",
]


@pytest.fixture
def api(viewer_user):
    client = APIClient()
    client.force_authenticate(viewer_user)
    return client


def test_a_reader_who_never_chose_gets_the_defaults(api):
    response = api.get(URL)

    assert response.status_code == 200
    assert response.json() == {
        "id": None,
        "subscribed": True,
        "skip_empty_weeks": False,
        "sections": ALL_SECTIONS,
        "unsubscribed_at": None,
        "updated_at": None,
    }
    assert "ETag" not in response


def test_patch_changes_only_what_it_names(api, viewer_user):
    response = api.patch(URL, {"sections": ["open_conflicts"]}, format="json")

    assert response.status_code == 200
    assert response.json()["sections"] == ["open_conflicts"]
    assert response.json()["subscribed"] is True
    assert digest_preference_for(viewer_user).sections == ["open_conflicts"]


def test_put_needs_every_field(api):
    response = api.put(URL, {"subscribed": False}, format="json")

    assert response.status_code == 400
    assert "sections" in str(response.json())


def test_put_replaces_the_settings(api, viewer_user):
    response = api.put(URL, {"subscribed": False, "skip_empty_weeks": True, "sections": []}, format="json")

    assert response.status_code == 200
    assert response.json()["unsubscribed_at"] is not None
    preference = digest_preference_for(viewer_user)
    assert not preference.subscribed
    assert preference.sections == []


def test_an_unknown_section_is_refused_and_nothing_changes(api, viewer_user):
    response = api.patch(URL, {"sections": ["new_claims", "gossip"]}, format="json")

    assert response.status_code == 400
    assert "gossip" in str(response.json())
    assert digest_preference_for(viewer_user).pk is None


def test_a_string_is_not_a_yes_or_no(api):
    response = api.patch(URL, {"subscribed": "perhaps"}, format="json")

    assert response.status_code == 400


def test_an_anonymous_request_is_refused(db):
    response = APIClient().get(URL)

    assert response.status_code in (401, 403)


def test_reading_the_settings_costs_a_fixed_number_of_queries(api, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        assert api.get(URL).status_code == 200
