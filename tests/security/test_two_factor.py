"""TOTP two-factor authentication (accounts/two_factor.py, django-otp), with
real RFC 6238 codes computed from the device's key."""

import time

import pytest
import time_machine
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.api.conftest import client_with_token
from tests.factories import editor, viewer

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"


def code_for(device: TOTPDevice, *, at: float | None = None) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = at if at is not None else time.time()
    return f"{totp.token():0{device.digits}d}"


def log_in(client, username: str):
    return client.post(reverse("login"), {"username": username, "password": PASSWORD})


@pytest.fixture
def editor_with_device(db):
    user = editor(username="night-editor")
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    return user, device


def test_after_the_password_an_account_with_a_device_must_give_its_code(client, editor_with_device):
    user, device = editor_with_device
    log_in(client, "night-editor")

    dashboard = client.get("/")
    wrong = client.post(reverse("two-factor-verify"), {"code": "000000", "next": "/"})
    # django-otp makes the next try wait after a failure (1 s, then doubling).
    with time_machine.travel(time.time() + 5, tick=False):
        right = client.post(reverse("two-factor-verify"), {"code": code_for(device), "next": "/"})
        after = client.get("/")

    assert dashboard.status_code == 302
    assert dashboard["Location"].startswith(reverse("two-factor-verify"))
    assert wrong.status_code == 400
    assert right.status_code == 302
    assert after.status_code == 200


def test_a_used_code_cannot_be_replayed(client, editor_with_device):
    user, device = editor_with_device
    code = code_for(device)
    log_in(client, "night-editor")
    assert client.post(reverse("two-factor-verify"), {"code": code}).status_code == 302

    other = client.__class__()
    log_in(other, "night-editor")
    assert other.post(reverse("two-factor-verify"), {"code": code}).status_code == 400


def test_a_session_without_its_code_cannot_use_the_api_but_a_token_can(client, editor_with_device):
    user, device = editor_with_device
    log_in(client, "night-editor")

    session_call = client.get("/api/v1/claims/")
    token_call = client_with_token(user).get("/api/v1/claims/")

    assert session_call.status_code == 403
    assert session_call.json()["error"]["code"] == "two_factor_required"
    assert token_call.status_code == 200


def test_tokens_cannot_be_minted_before_the_code(client, editor_with_device):
    log_in(client, "night-editor")
    response = client.post(reverse("accounts:api-tokens"), {"name": "script"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two-factor-verify"))


def test_when_required_an_editor_without_a_device_sets_one_up_and_goes_on(client, settings):
    settings.TWO_FACTOR_REQUIRED = True
    editor(username="day-editor")
    log_in(client, "day-editor")

    redirected = client.get("/")
    setup_page = client.get(reverse("two-factor-setup"))
    device = TOTPDevice.objects.get(user__username="day-editor", confirmed=False)
    confirmed = client.post(reverse("two-factor-setup"), {"code": code_for(device), "next": "/"})

    assert redirected["Location"].startswith(reverse("two-factor-setup"))
    assert setup_page.status_code == 200
    assert b"data:image/svg+xml;base64," in setup_page.content
    assert confirmed.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/").status_code == 200


def test_when_required_a_viewer_is_not_asked(client, settings):
    settings.TWO_FACTOR_REQUIRED = True
    viewer(username="reader")
    log_in(client, "reader")
    assert client.get("/").status_code == 200


def test_without_the_setting_an_editor_may_go_on_without_a_device(client):
    editor(username="day-editor")
    log_in(client, "day-editor")
    assert client.get("/").status_code == 200


def test_a_code_from_a_minute_ago_is_refused(client, editor_with_device):
    user, device = editor_with_device
    old_code = code_for(device, at=time.time() - 120)
    log_in(client, "night-editor")
    with time_machine.travel(time.time(), tick=False):
        assert client.post(reverse("two-factor-verify"), {"code": old_code}).status_code == 400


def test_a_wrong_code_makes_the_next_try_wait(client, editor_with_device):
    user, device = editor_with_device
    log_in(client, "night-editor")
    client.post(reverse("two-factor-verify"), {"code": "000000"})
    # Even the right code is refused inside the wait: guessing is slowed down.
    assert client.post(reverse("two-factor-verify"), {"code": code_for(device)}).status_code == 400
