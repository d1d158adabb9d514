import pytest
from django.urls import reverse

from tests.factories import editor

pytestmark = pytest.mark.django_db


def test_every_page_carries_a_csp_without_inline_script(client):
    response = client.get(reverse("login"))
    policy = response.headers["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in policy
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"


def test_pages_cannot_be_framed_and_do_not_leak_the_referrer(client):
    response = client.get(reverse("login"))
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_login_locks_after_five_wrong_passwords_even_with_the_right_one_next(client):
    editor(username="night-editor")
    for _ in range(5):
        response = client.post(reverse("login"), {"username": "night-editor", "password": "wrong guess"})
        assert response.status_code in (200, 429)

    response = client.post(
        reverse("login"), {"username": "night-editor", "password": "correct-horse-battery"}
    )

    assert response.status_code == 429
    assert b"Too many failed log-in attempts" in response.content
    assert "_auth_user_id" not in client.session


def test_a_lockout_is_per_username_so_colleagues_can_still_log_in(client):
    editor(username="night-editor")
    editor(username="day-editor")
    for _ in range(5):
        client.post(reverse("login"), {"username": "night-editor", "password": "wrong guess"})

    response = client.post(reverse("login"), {"username": "day-editor", "password": "correct-horse-battery"})

    assert response.status_code == 302
