"""Webhooks end to end: a change committed in this process, the delivery task
through the real Redis broker to a real Celery worker, and a real HTTP
receiver started by the test."""

import json

import pytest

from claims.services import claim_create
from tests import factories
from tests.conftest import wait_until
from webhooks.models import WebhookDelivery, WebhookEndpoint

from .conftest import verify_signature

pytestmark = pytest.mark.worker

SECRET = "worker-test-secret-0123456789"


def worker_settings(monkeypatch, settings, *, allow_private: bool) -> None:
    """Settings for the worker process (read from its environment when it
    starts) and the same ones for this process."""
    values = {
        "WEBHOOK_REQUIRE_HTTPS": False,
        "WEBHOOK_ALLOW_PRIVATE_TARGETS": allow_private,
        "WEBHOOK_RETRY_BASE_SECONDS": 0.2,
        "WEBHOOK_RETRY_MAX_SECONDS": 1.0,
        "WEBHOOK_DISABLE_AFTER_FAILURES": 3,
        "WEBHOOK_MAX_ATTEMPTS": 10,
        "WEBHOOK_TIMEOUT_SECONDS": 2.0,
    }
    for name, value in values.items():
        monkeypatch.setenv(name, str(value).lower() if isinstance(value, bool) else str(value))
        setattr(settings, name, value)


@pytest.fixture
def local_worker_settings(monkeypatch, settings):
    worker_settings(monkeypatch, settings, allow_private=True)


@pytest.fixture
def production_worker_settings(monkeypatch, settings):
    worker_settings(monkeypatch, settings, allow_private=False)


def endpoint_for(receiver) -> WebhookEndpoint:
    # Created directly: the production-rules test needs a loopback URL stored
    # as if it had been allowed when registered.
    return WebhookEndpoint.objects.create(
        owner=factories.editor(), url=f"{receiver.url}/hook", secret=SECRET, event_types=["claim.created"]
    )


def delivery_settled(status: str):
    return lambda: WebhookDelivery.objects.filter(status=status).first()


# The settings fixture comes before celery_worker: the worker copies the
# environment when it starts.
def test_a_worker_delivers_a_signed_event_and_retries_after_a_500(
    local_worker_settings, receiver, celery_worker
):
    endpoint_for(receiver)
    receiver.answers = [500, 200]

    claim = claim_create(text="The ministry said 12 soldiers died.")

    delivery = wait_until(delivery_settled("succeeded"), timeout=60)
    assert delivery.attempts == 2, celery_worker.log()
    assert [a.status_code for a in delivery.attempt_log.order_by("number")] == [500, 200]
    assert receiver.count() == 2
    for request in receiver.requests:
        assert verify_signature(secret=SECRET, headers=request.headers, body=request.body)
        assert request.headers["idempotency-key"] == str(delivery.event_id)
    assert json.loads(receiver.requests[1].body)["data"]["claim"]["id"] == claim.pk


def test_a_worker_switches_off_an_endpoint_that_keeps_failing(local_worker_settings, receiver, celery_worker):
    endpoint = endpoint_for(receiver)
    receiver.answers = [500]

    claim_create(text="The monitor counted 20 insurgents.")

    wait_until(lambda: not WebhookEndpoint.objects.get(pk=endpoint.pk).is_active, timeout=60)
    endpoint.refresh_from_db()
    assert "3 failed attempts in a row (last: HTTP 500)" in endpoint.disabled_reason
    assert receiver.count() == 3
    assert WebhookDelivery.objects.get().status == "pending"


def test_a_worker_refuses_a_loopback_target(production_worker_settings, receiver, celery_worker):
    endpoint_for(receiver)

    claim_create(text="Officials said 3 people were hurt.")

    delivery = wait_until(delivery_settled("failed"), timeout=60)
    assert delivery.last_error.startswith("Refused:"), celery_worker.log()
    assert "public addresses only" in delivery.last_error
    assert receiver.count() == 0
