"""TOTP two-factor authentication (django-otp), for editors and staff.

Who must use it: when TWO_FACTOR_REQUIRED is on, every editor and every staff
account; anyone may turn it on for their own account. An account with a
confirmed authenticator must give a current code after the password, once per
session, before any page (or session-authenticated API call) is served.

API tokens: a token is minted only from a session that passed the second
factor when the account has one (accounts/views.py, accounts/api), so a token
carries that proof; token requests are not asked for codes.

Codes are the RFC 6238 six-digit, 30-second codes any authenticator app
makes; django-otp refuses a code already used (replay) and allows one step of
clock drift.
"""

import base64
import io

import segno
from django.conf import settings
from django.db import transaction
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.roles import Role

DEVICE_NAME = "Authenticator app"


def two_factor_required(user) -> bool:
    """Whether this account must have a second factor (TWO_FACTOR_REQUIRED)."""
    if not getattr(settings, "TWO_FACTOR_REQUIRED", False) or not user.is_authenticated:
        return False
    return user.is_staff or user.is_superuser or user.groups.filter(name=Role.EDITOR).exists()


def two_factor_enabled(user) -> bool:
    return user.is_authenticated and user_has_device(user, confirmed=True)


# What the session must do about the second factor, worked out once at log-in
# (and kept in the session) rather than on every request, so pages keep their
# query counts: "code" (the account has an authenticator), "setup" (it must
# have one and has none) or "none". A device added or a requirement switched
# on takes effect at the account's next log-in; the session that confirms a
# device updates itself at once.
SESSION_KEY = "two_factor_state"
CODE, SETUP, NONE = "code", "setup", "none"


def two_factor_state(user) -> str:
    if two_factor_enabled(user):
        return CODE
    return SETUP if two_factor_required(user) else NONE


def remember_two_factor_state(*, request, user) -> None:
    """Called on log-in (accounts.apps: user_logged_in)."""
    if hasattr(request, "session"):
        request.session[SESSION_KEY] = two_factor_state(user)


def _session_state(request) -> str:
    state = request.session.get(SESSION_KEY)
    if state is None:  # a session from before this feature, or made without log-in
        state = two_factor_state(request.user)
        request.session[SESSION_KEY] = state
    return state


def needs_code(request) -> bool:
    """A signed-in session whose account has an authenticator but that has not given a code."""
    return (
        request.user.is_authenticated and _session_state(request) == CODE and not request.user.is_verified()
    )


def needs_setup(request) -> bool:
    """A signed-in account that must use two-factor but has no authenticator yet."""
    return request.user.is_authenticated and _session_state(request) == SETUP


@transaction.atomic
def totp_device_start(*, user) -> TOTPDevice:
    """The account's unconfirmed authenticator to set up (made once, kept until confirmed)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


@transaction.atomic
def totp_device_confirm(*, request, device_id: int, token: str) -> bool:
    """Confirm a new authenticator with a first code; the session counts as verified."""
    device = (
        TOTPDevice.objects.select_for_update()
        .filter(pk=device_id, user=request.user, confirmed=False)
        .first()
    )
    if device is None or not device.verify_token((token or "").strip()):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    request.session[SESSION_KEY] = CODE
    otp_login(request, device)
    return True


def totp_verify(*, request, token: str) -> bool:
    """Check a code against the account's confirmed authenticators; on success
    the session counts as verified."""
    token = (token or "").strip()
    for device in TOTPDevice.objects.filter(user=request.user, confirmed=True):
        if device.verify_token(token):
            otp_login(request, device)
            return True
    return False


def qr_code_data_uri(device: TOTPDevice) -> str:
    """The otpauth:// setup address as an SVG QR code in a data: URI (the CSP
    allows data: images; no inline markup or script)."""
    buffer = io.BytesIO()
    segno.make(device.config_url, error="m").save(buffer, kind="svg", scale=5, border=2)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


def secret_for_typing(device: TOTPDevice) -> str:
    """The key in base32, grouped by four, for apps without a camera."""
    key = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))
