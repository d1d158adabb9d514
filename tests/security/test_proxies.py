"""Client addresses behind a proxy (issue 13, findings 3 and 6).

Finding 3: django-ipware was not installed, so django-axes keyed every login
on REMOTE_ADDR: behind a proxy, five wrong passwords from one attacker locked
the username out for everyone behind that proxy. Finding 6: DRF's NUM_PROXIES
was unset, so the anonymous API throttle keyed on whatever X-Forwarded-For a
client sent, and a new value each time was never throttled.

PROXY_COUNT (tracker/conf_security.py) now feeds both.
"""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from tests.factories import editor
from tests.tracker.test_settings import run_manage

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.1"
ATTACKER = "203.0.113.7"
COLLEAGUE = "198.51.100.20"


@pytest.fixture
def behind_one_proxy(settings):
    """Settings as PROXY_COUNT=1 makes them (checked by the last test below)."""
    settings.AXES_IPWARE_PROXY_ORDER = "right-most"
    settings.AXES_IPWARE_PROXY_COUNT = 0
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}


def log_in(client, *, address: str, password: str):
    return client.post(
        reverse("login"),
        {"username": "night-editor", "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=address,
    )


def test_five_wrong_passwords_behind_a_proxy_lock_out_the_guesser_only(behind_one_proxy, client):
    editor(username="night-editor")
    for _ in range(5):
        log_in(client, address=ATTACKER, password="wrong guess")

    attacker = log_in(client, address=ATTACKER, password="correct-horse-battery")
    colleague = log_in(client, address=COLLEAGUE, password="correct-horse-battery")

    assert attacker.status_code == 429
    assert colleague.status_code == 302


@pytest.fixture
def anon_rate_one_a_minute(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"user": "100/minute", "anon": "1/minute"},
    }
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def test_without_a_proxy_a_forged_forwarded_for_does_not_escape_the_anonymous_throttle(
    anon_rate_one_a_minute,
):
    api = APIClient()
    first = api.get("/api/schema/", REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR="192.0.2.1")
    second = api.get("/api/schema/", REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR="192.0.2.2")
    assert (first.status_code, second.status_code) == (200, 429)


def test_behind_a_proxy_a_forged_forwarded_for_does_not_escape_the_anonymous_throttle(
    anon_rate_one_a_minute, behind_one_proxy
):
    api = APIClient()
    # The proxy appends the address it saw to whatever the client sent.
    first = api.get("/api/schema/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"192.0.2.1, {ATTACKER}")
    second = api.get("/api/schema/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"192.0.2.2, {ATTACKER}")
    other_client = api.get("/api/schema/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=COLLEAGUE)
    assert (first.status_code, second.status_code, other_client.status_code) == (200, 429, 200)


def test_one_proxy_setting_configures_the_lockout_and_the_api_throttle_alike():
    script = (
        "from django.conf import settings; "
        "print(settings.REST_FRAMEWORK['NUM_PROXIES'], settings.AXES_IPWARE_PROXY_COUNT, "
        "settings.AXES_IPWARE_PROXY_ORDER, settings.AXES_IPWARE_META_PRECEDENCE_ORDER[0])"
    )
    behind = run_manage("shell", "-c", script, DEBUG="true", PROXY_COUNT="1")
    direct = run_manage("shell", "-c", script, DEBUG="true", PROXY_COUNT="0")
    assert behind.stdout.strip().splitlines()[-1] == "1 0 right-most HTTP_X_FORWARDED_FOR"
    assert direct.stdout.strip().splitlines()[-1] == "0 0 right-most REMOTE_ADDR"
