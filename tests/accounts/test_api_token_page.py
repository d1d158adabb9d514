import re

from rest_framework.test import APIClient

from accounts.models import ApiToken
from tests import factories

URL = "/accounts/tokens/"


def test_a_user_creates_a_token_on_the_page_and_it_works_once_shown(client, viewer_user):
    client.force_login(viewer_user)
    response = client.post(URL, {"name": "nightly sync"})
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    [raw] = re.findall(r'data-testid="new-token">.*?<code>(ct_[^<]+)</code>', response.content.decode(), re.S)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
    assert api.get("/api/v1/claims/").status_code == 200
    # Shown once: the list page afterwards has only its first characters.
    assert raw not in client.get(URL).content.decode()


def test_a_user_revokes_a_token_from_the_page(client, viewer_user):
    client.force_login(viewer_user)
    client.post(URL, {"name": "laptop"})
    token = ApiToken.objects.get(user=viewer_user)
    response = client.post(f"{URL}{token.pk}/revoke/", follow=True)
    assert "Revoked" in response.content.decode()
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_nobody_revokes_someone_elses_token(client, viewer_user):
    other = ApiToken.objects.create(user=factories.editor(username="other"), name="x", key_hash="0" * 64)
    client.force_login(viewer_user)
    assert client.post(f"{URL}{other.pk}/revoke/").status_code == 404
    other.refresh_from_db()
    assert other.revoked_at is None


def test_a_duplicate_name_is_a_form_error(client, viewer_user):
    client.force_login(viewer_user)
    client.post(URL, {"name": "sync"})
    response = client.post(URL, {"name": "sync"})
    assert response.status_code == 400
    assert "already have an active token" in response.content.decode()
    assert ApiToken.objects.filter(user=viewer_user).count() == 1


def test_the_page_needs_a_login(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
