"""A read-only field sent with a new value is refused naming what does change
it (an action, another endpoint), and a record changed only through its
actions answers PATCH and PUT with a 405 listing them."""

import pytest

from claims.models import Claim
from tests import factories
from tests.api.conftest import error_of

pytestmark = pytest.mark.django_db


def test_a_claims_status_names_the_status_action(editor_api):
    claim = factories.FigureClaimFactory()
    other = next(value for value in Claim.Status.values if value != claim.status)

    response = editor_api.patch(f"/api/v1/claims/{claim.pk}/", {"status": other}, format="json")

    assert response.status_code == 400
    assert error_of(response)["fields"] == {
        "status": [
            "This field is read-only here; it changes through POST /api/v1/claims/{id}/status/ (with a reason)."
        ]
    }


def test_a_claims_attributions_name_the_attribution_endpoints(editor_api):
    claim = factories.FigureClaimFactory()

    response = editor_api.patch(
        f"/api/v1/claims/{claim.pk}/", {"attributions": [{"source": 1}]}, format="json"
    )

    assert response.status_code == 400
    assert "POST /api/v1/attributions/" in error_of(response)["fields"]["attributions"][0]


def test_a_sources_reliability_names_the_reliability_action(editor_api):
    source = factories.SourceFactory()

    response = editor_api.patch(
        f"/api/v1/sources/{source.pk}/",
        {"reliability": "unreliable", "reliability_reason": "x"},
        format="json",
    )

    assert response.status_code == 400
    fields = error_of(response)["fields"]
    assert "POST /api/v1/sources/{id}/reliability/" in fields["reliability"][0]
    assert "POST /api/v1/sources/{id}/reliability/" in fields["reliability_reason"][0]


def test_a_documents_version_names_the_versions_endpoint(editor_api):
    document = factories.DocumentFactory()

    response = editor_api.patch(f"/api/v1/documents/{document.pk}/", {"version": 9}, format="json")

    assert response.status_code == 400
    assert "POST /api/v1/documents/{id}/versions/" in error_of(response)["fields"]["version"][0]


def test_a_server_set_field_says_the_server_sets_it(editor_api):
    response = editor_api.post("/api/v1/events/", {"title": "Shelling", "id": 7}, format="json")

    assert response.status_code == 400
    assert error_of(response)["fields"] == {"id": ["This field is read-only: the server sets it."]}


def test_the_digest_unsubscribed_at_names_subscribed(viewer_user):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(viewer_user)

    response = api.patch(
        "/api/v1/me/digest-preferences/", {"unsubscribed_at": "2026-01-01T00:00:00Z"}, format="json"
    )

    assert response.status_code == 400
    assert "subscribed" in error_of(response)["fields"]["unsubscribed_at"][0]


@pytest.mark.parametrize("method", ["patch", "put"])
def test_a_flag_changed_only_by_its_actions_names_them_on_patch_and_put(editor_api, method):
    flag = factories.ConflictFlagFactory()

    response = getattr(editor_api, method)(f"/api/v1/flags/{flag.pk}/", {"status": "resolved"}, format="json")

    assert response.status_code == 405
    message = error_of(response)["message"]
    assert f"POST /api/v1/flags/{flag.pk}/resolve/" in message
    assert f"POST /api/v1/flags/{flag.pk}/dismiss/" in message
    flag.refresh_from_db()
    assert flag.status != "resolved"
