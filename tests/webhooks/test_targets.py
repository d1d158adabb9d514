"""Server-side request forgery: where a webhook may not be sent. These run
with the production defaults (https only, public addresses only)."""

import pytest

from webhooks.models import WebhookDelivery, WebhookEndpoint, WebhookEvent
from webhooks.services import webhook_delivery_attempt, webhook_endpoint_create
from webhooks.targets import TargetRefused, target_check


@pytest.fixture(autouse=True)
def production_rules(settings):
    settings.WEBHOOK_REQUIRE_HTTPS = True
    settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = False


@pytest.mark.parametrize(
    "url",
    [
        "https://127.0.0.1/hook",
        "https://127.8.9.10/hook",
        "https://localhost/hook",
        "https://[::1]/hook",
        "https://10.1.2.3/hook",
        "https://172.16.0.9/hook",
        "https://192.168.1.20/hook",
        "https://169.254.169.254/latest/meta-data/",
        "https://[fe80::1]/hook",
        "https://100.64.0.1/hook",
        "https://0.0.0.0/hook",
        "https://[::ffff:127.0.0.1]/hook",
        "https://[fd00::1]/hook",
        "https://224.0.0.1/hook",
    ],
)
def test_private_loopback_and_link_local_targets_are_refused(url):
    with pytest.raises(TargetRefused, match="public addresses only"):
        target_check(url)


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://93.184.216.34/hook", "must use https"),
        ("ftp://93.184.216.34/hook", "Only http and https"),
        ("https://user:pw@93.184.216.34/hook", "no user name or password"),
        ("https:///hook", "no host name"),
        ("https://no-such-host.invalid/hook", "cannot be resolved"),
        ("https://93.184.216.34:99999/hook", "not a valid URL"),
    ],
)
def test_other_unsafe_or_broken_urls_are_refused_with_a_reason(url, reason):
    with pytest.raises(TargetRefused, match=reason):
        target_check(url)


def test_a_public_https_address_is_accepted():
    target = target_check("https://93.184.216.34:8443/hooks?team=desk")
    assert (target.host, target.port, target.path, target.addresses) == (
        "93.184.216.34",
        8443,
        "/hooks?team=desk",
        ("93.184.216.34",),
    )


def test_a_setting_allows_private_targets_for_a_newsroom_network(settings):
    settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = True
    settings.WEBHOOK_REQUIRE_HTTPS = False
    assert target_check("http://127.0.0.1:8080/hook").addresses == ("127.0.0.1",)


@pytest.mark.django_db
def test_registering_a_private_target_is_refused_on_the_url_field(editor_user):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        webhook_endpoint_create(
            user=editor_user, url="https://169.254.169.254/", event_types=["claim.created"]
        )
    assert "public addresses only" in error.value.message_dict["url"][0]
    assert not WebhookEndpoint.objects.exists()


@pytest.mark.django_db
def test_a_stored_endpoint_is_checked_again_when_sending(editor_user, receiver):
    """A URL that was fine when registered (or a host name that now resolves
    to loopback) is refused at send time: no request leaves."""
    endpoint = WebhookEndpoint.objects.create(
        owner=editor_user, url=f"{receiver.url}/hook", secret="x" * 20, event_types=["claim.created"]
    )
    event = WebhookEvent.objects.create(event_type="claim.created", body="{}")
    delivery = WebhookDelivery.objects.create(
        endpoint=endpoint, event=event, next_attempt_at="2000-01-01T00:00Z"
    )

    attempt = webhook_delivery_attempt(delivery_id=delivery.pk)

    assert attempt.error.startswith("Refused:")
    assert attempt.status_code is None
    assert receiver.count() == 0
    # Our own rule will not change by trying again.
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("failed", 1)
