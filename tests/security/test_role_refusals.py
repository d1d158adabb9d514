"""A refused write says which role it needs and whom to ask, in one shape for
the API's 403 body (`error.role`) and the web UI's 403 page
(core/permissions.py, accounts.roles.role_refusal)."""

import pytest
from django.contrib.auth import get_user_model

from tests import factories
from tests.api.conftest import client_with_token, error_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def viewer_api(viewer_user):
    return client_with_token(viewer_user)


@pytest.fixture
def fact_checker_api(fact_checker_user):
    return client_with_token(fact_checker_user)


DEFAULT_ASK = "an administrator of this Claimtrack (someone who can open its admin site)"


def test_a_viewers_api_write_names_the_roles_that_may_and_whom_to_ask(viewer_api):
    response = viewer_api.post("/api/v1/claims/", {"text": "The monitor counted 20 dead."}, format="json")

    assert response.status_code == 403
    error = error_of(response)
    assert error["code"] == "permission_denied"
    assert error["role"] == {"yours": "viewer", "needed": ["fact-checker", "editor"], "ask": DEFAULT_ASK}
    assert "fact-checker or editor roles" in error["message"]
    assert DEFAULT_ASK in error["message"]


def test_a_fact_checker_is_told_only_an_editor_may_grade_a_source(fact_checker_api):
    source = factories.SourceFactory()

    response = fact_checker_api.post(
        f"/api/v1/sources/{source.pk}/reliability/",
        {"reliability": "B", "reason": "Good record."},
        format="json",
    )

    assert response.status_code == 403
    assert error_of(response)["role"]["needed"] == ["editor"]
    assert "needs the editor role" in error_of(response)["message"]


def test_every_refused_write_of_a_viewer_carries_the_role_object(viewer_api):
    claim = factories.ClaimFactory()
    writes = [
        ("post", "/api/v1/events/", {"title": "Strike"}),
        ("patch", f"/api/v1/claims/{claim.pk}/", {"place": "Idlib"}),
        ("delete", f"/api/v1/claims/{claim.pk}/", None),
        ("post", f"/api/v1/claims/{claim.pk}/status/", {"status": "false", "reason": "x"}),
        ("post", "/api/v1/webhooks/", {"url": "https://93.184.216.34/", "event_types": ["claim.created"]}),
        ("post", "/api/v1/documents/ingest/", {"title": "T", "body": "B"}),
    ]
    for method, path, body in writes:
        response = getattr(viewer_api, method)(path, body, format="json")

        assert response.status_code == 403, (path, response.content[:300])
        role = error_of(response)["role"]
        assert role["yours"] == "viewer" and role["needed"] and role["ask"], path


def test_the_contact_to_ask_is_the_newsrooms_own(viewer_api, settings):
    settings.ROLE_CONTACT = "the night editor, desk@example.org"

    response = viewer_api.post("/api/v1/events/", {"title": "Strike"}, format="json")

    assert error_of(response)["role"]["ask"] == "the night editor, desk@example.org"
    assert "Ask the night editor, desk@example.org to give" in error_of(response)["message"]


def test_an_account_without_a_role_is_told_so():
    nobody = get_user_model().objects.create_user("norole", password="x-unused-9931")
    api = client_with_token(nobody)

    response = api.get("/api/v1/claims/")

    assert response.status_code == 403
    error = error_of(response)
    assert error["role"]["yours"] is None
    assert error["role"]["needed"] == ["viewer", "fact-checker", "editor"]
    assert error["message"].startswith("Your account has no newsroom role")


def test_the_ui_403_page_says_the_same(client, viewer_user):
    client.force_login(viewer_user)

    response = client.post("/claims/new/", {"text": "The monitor counted 20 dead."})

    assert response.status_code == 403
    page = response.content.decode()
    assert "needs the fact-checker or editor roles" in page
    assert DEFAULT_ASK in page


def test_the_ui_403_page_of_an_editors_only_page_names_the_editor_role(client, fact_checker_user):
    client.force_login(fact_checker_user)

    response = client.get("/webhooks/")

    assert response.status_code == 403
    assert "needs the editor role" in response.content.decode()


def test_the_schema_documents_the_role_object(client):
    schema = client.get("/api/schema/?format=json").json()

    error = schema["components"]["schemas"]["Error"]["properties"]["error"]
    assert set(error["properties"]["role"]["properties"]) == {"yours", "needed", "ask"}


def test_a_viewer_still_browses_the_api_whose_forms_the_role_may_not_use(viewer_user, client):
    # The browsable API asks the permission check which forms to show and
    # catches DRF's exception only: a refusal raised as Django's was a 500.
    client.force_login(viewer_user)
    factories.ClaimFactory()

    listed = client.get("/api/v1/claims/", HTTP_ACCEPT="text/html")
    detail = client.get(f"/api/v1/claims/{factories.ClaimFactory().pk}/", HTTP_ACCEPT="text/html")

    assert listed.status_code == detail.status_code == 200


def test_the_ingestion_and_webhook_services_refuse_with_the_role_needed_in_their_own_words(
    viewer_user, fact_checker_user, settings
):
    from core.api_errors import api_refusal
    from core.permissions import RoleRequired
    from ingestion.services import document_ingest
    from webhooks.services import webhook_endpoint_create

    settings.ROLE_CONTACT = "the desk chief"
    with pytest.raises(RoleRequired) as refused:
        document_ingest(title="Quake", body="The valley shook at dawn.", user=viewer_user)
    assert refused.value.as_detail() == {"yours": "viewer", "needed": ["editor"], "ask": "the desk chief"}
    assert refused.value.message.startswith("Only editors can add documents. Your role, viewer,")

    with pytest.raises(RoleRequired) as refused:
        webhook_endpoint_create(
            url="https://93.184.216.34/", event_types=["claim.created"], user=fact_checker_user
        )
    assert refused.value.as_detail()["needed"] == ["editor"]
    assert "Only editors can manage webhooks." in refused.value.message
    # As it reaches the API: the 403's error.role.
    assert api_refusal(refused.value).role == {
        "yours": "fact-checker",
        "needed": ["editor"],
        "ask": "the desk chief",
    }
