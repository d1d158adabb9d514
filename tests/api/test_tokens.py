from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import ApiToken, api_token_hash
from tests import factories
from tests.api.conftest import client_with_token, error_of


def test_a_user_creates_a_token_and_sees_it_only_once(editor_user, anonymous_api):
    anonymous_api.force_authenticate(editor_user)
    response = anonymous_api.post("/api/v1/tokens/", {"name": "nightly sync"}, format="json")
    assert response.status_code == 201
    raw = response.json()["token"]
    assert raw.startswith("ct_")
    stored = ApiToken.objects.get(pk=response.json()["id"])
    assert stored.key_hash == api_token_hash(raw)
    assert raw not in {stored.key_hash, stored.key_start, stored.name}
    listed = anonymous_api.get("/api/v1/tokens/").json()["results"]
    assert [t["name"] for t in listed] == ["nightly sync"]
    assert "token" not in listed[0]


def test_a_new_token_authenticates_requests(viewer_user, anonymous_api):
    anonymous_api.force_authenticate(viewer_user)
    raw = anonymous_api.post("/api/v1/tokens/", {"name": "script"}, format="json").json()["token"]
    anonymous_api.force_authenticate(None)
    anonymous_api.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
    assert anonymous_api.get("/api/v1/claims/").status_code == 200
    anonymous_api.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert anonymous_api.get("/api/v1/claims/").status_code == 200
    assert ApiToken.objects.get(name="script").last_used_at is not None


def test_a_revoked_token_gets_401(viewer_user, anonymous_api):
    anonymous_api.force_authenticate(viewer_user)
    created = anonymous_api.post("/api/v1/tokens/", {"name": "laptop"}, format="json").json()
    assert anonymous_api.delete(f"/api/v1/tokens/{created['id']}/").status_code == 204
    anonymous_api.force_authenticate(None)
    anonymous_api.credentials(HTTP_AUTHORIZATION=f"Token {created['token']}")
    response = anonymous_api.get("/api/v1/claims/")
    assert response.status_code == 401
    assert error_of(response)["code"] == "authentication_failed"


def test_revoking_twice_is_a_conflict(viewer_user, anonymous_api):
    anonymous_api.force_authenticate(viewer_user)
    created = anonymous_api.post("/api/v1/tokens/", {"name": "laptop"}, format="json").json()
    anonymous_api.delete(f"/api/v1/tokens/{created['id']}/")
    response = anonymous_api.delete(f"/api/v1/tokens/{created['id']}/")
    assert response.status_code == 409
    assert error_of(response)["code"] == "token_revoked"


def test_a_user_cannot_see_or_revoke_someone_elses_token(viewer_user, anonymous_api):
    from accounts.services import api_token_create

    other_token, _ = api_token_create(user=factories.editor(username="other"), name="theirs")
    anonymous_api.force_authenticate(viewer_user)
    assert anonymous_api.get("/api/v1/tokens/").json()["results"] == []
    assert anonymous_api.get(f"/api/v1/tokens/{other_token.pk}/").status_code == 404
    assert anonymous_api.delete(f"/api/v1/tokens/{other_token.pk}/").status_code == 404
    other_token.refresh_from_db()
    assert other_token.revoked_at is None


def test_two_active_tokens_with_one_name_are_refused(viewer_user, anonymous_api):
    anonymous_api.force_authenticate(viewer_user)
    anonymous_api.post("/api/v1/tokens/", {"name": "sync"}, format="json")
    response = anonymous_api.post("/api/v1/tokens/", {"name": "sync"}, format="json")
    assert response.status_code == 409
    assert ApiToken.objects.filter(user=viewer_user).count() == 1


def test_a_user_may_hold_several_tokens(viewer_user, anonymous_api):
    anonymous_api.force_authenticate(viewer_user)
    for name in ("laptop", "server"):
        assert anonymous_api.post("/api/v1/tokens/", {"name": name}, format="json").status_code == 201
    assert anonymous_api.get("/api/v1/tokens/").json()["count"] == 2


def test_a_token_of_a_disabled_account_is_refused(viewer_user):
    from tests.api.conftest import client_with_token

    client = client_with_token(viewer_user)
    viewer_user.is_active = False
    viewer_user.save(update_fields=["is_active"])
    assert client.get("/api/v1/claims/").status_code == 401


def test_no_credentials_is_401_with_a_token_challenge(anonymous_api, db):
    response = anonymous_api.get("/api/v1/claims/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Token")
    assert error_of(response)["code"] == "not_authenticated"


def test_a_garbage_token_is_401(anonymous_api, db):
    anonymous_api.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    assert anonymous_api.get("/api/v1/claims/").status_code == 401


def test_a_user_without_a_role_is_403_not_401(db):
    from tests.api.conftest import client_with_token

    client = client_with_token(factories.UserFactory(username="norole"))
    response = client.get("/api/v1/claims/")
    assert response.status_code == 403
    assert error_of(response)["code"] == "permission_denied"


def test_the_admin_shows_a_new_token_once(db, client):
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("root", "root@newsroom.example", "pw-for-tests-only")
    owner = factories.viewer(username="owner")
    client.force_login(admin)
    response = client.post(
        "/admin/accounts/apitoken/add/", {"user": owner.pk, "name": "from admin"}, follow=True
    )
    assert response.status_code == 200
    token = ApiToken.objects.get(user=owner, name="from admin")
    shown = [str(m) for m in response.context["messages"]]
    assert any(token.key_start in message and "ct_" in message for message in shown)


def test_the_admin_refuses_a_second_active_token_with_the_same_name(db, client):
    from django.contrib.auth import get_user_model

    from accounts.services import api_token_create

    admin = get_user_model().objects.create_superuser("root", "root@newsroom.example", "pw-for-tests-only")
    owner = factories.viewer(username="owner")
    api_token_create(user=owner, name="sync")
    client.force_login(admin)
    response = client.post("/admin/accounts/apitoken/add/", {"user": owner.pk, "name": "sync"})
    assert response.status_code == 200
    assert "already has an active token" in response.content.decode()
    assert ApiToken.objects.filter(user=owner).count() == 1


def test_a_token_cannot_mint_another_token(editor_api):
    # editor_api authenticates with a token: a leaked token must not be able
    # to create a successor that outlives its revocation.
    response = editor_api.post("/api/v1/tokens/", {"name": "successor"}, format="json")
    assert response.status_code == 403


def test_a_token_is_looked_up_without_sorting(viewer_user):
    """The hash is unique: its one indexed look-up needs no ORDER BY to build
    or plan on every API call (docs/performance.md, "Fixed cost per request,
    third round")."""
    client = client_with_token(viewer_user)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/api/v1/tokens/").status_code == 200
    lookups = [
        query["sql"]
        for query in queries.captured_queries
        if '"accounts_apitoken"."key_hash" = ' in query["sql"]
    ]
    assert len(lookups) == 1
    assert "ORDER BY" not in lookups[0]
