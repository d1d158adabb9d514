"""Deliveries made in-process (eager tasks) to a real HTTP receiver on
127.0.0.1: what is sent, how it is signed, and what happens on failure.
tests/webhooks/test_worker.py runs the same through Redis and a real worker."""

import json

import pytest
from django.core import mail
from django.db import transaction

from claims.services import claim_create, claim_set_status, flag_dismiss, flag_reopen, flag_resolve
from sources.services import document_create
from tests import factories
from webhooks.models import WebhookDelivery, WebhookEndpoint, WebhookEvent
from webhooks.services import (
    webhook_deliveries_queue_due,
    webhook_delivery_redeliver,
    webhook_endpoint_create,
    webhook_endpoint_update,
)

from .conftest import SLOW, verify_signature

pytestmark = pytest.mark.django_db


@pytest.fixture
def endpoint(receiver, local_targets, editor_user):
    return webhook_endpoint_create(
        user=editor_user,
        url=f"{receiver.url}/hooks/claimtrack",
        event_types=["claim.created", "flag.raised", "flag.resolved"],
        secret="a-long-enough-test-secret",
    )


def record_claim(capture, text="The ministry said 12 soldiers died.") -> int:
    with capture(execute=True):
        return claim_create(text=text).pk


def test_a_new_claim_is_posted_signed_to_a_subscribed_endpoint(
    endpoint, receiver, django_capture_on_commit_callbacks
):
    claim_id = record_claim(django_capture_on_commit_callbacks)

    assert receiver.count() == 1
    request = receiver.requests[0]
    assert request.path == "/hooks/claimtrack"
    assert verify_signature(secret="a-long-enough-test-secret", headers=request.headers, body=request.body)
    assert not verify_signature(secret="another-secret-entirely", headers=request.headers, body=request.body)
    body = json.loads(request.body)
    assert body["type"] == "claim.created" == request.headers["x-claimtrack-event"]
    assert body["id"] == request.headers["idempotency-key"] == request.headers["x-claimtrack-event-id"]
    assert body["schema_version"] == 1
    assert body["data"]["claim"]["id"] == claim_id
    assert body["data"]["claim"]["api_url"].endswith(f"/api/v1/claims/{claim_id}/")
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == ("succeeded", 1, 200)
    assert delivery.last_latency_ms is not None


def test_an_endpoint_hears_only_the_event_types_it_chose(
    receiver, local_targets, editor_user, django_capture_on_commit_callbacks
):
    webhook_endpoint_create(user=editor_user, url=receiver.url, event_types=["flag.dismissed"])

    record_claim(django_capture_on_commit_callbacks)

    assert receiver.count() == 0
    assert not WebhookEvent.objects.exists()


def test_no_event_is_announced_for_a_change_that_rolled_back(endpoint, receiver):
    with pytest.raises(RuntimeError), transaction.atomic():
        claim_create(text="Never saved.")
        raise RuntimeError("the request failed after the claim")

    assert not WebhookEvent.objects.exists()
    assert receiver.count() == 0


def test_a_500_is_retried_and_the_retry_delivers_the_same_bytes(
    endpoint, receiver, django_capture_on_commit_callbacks
):
    receiver.answers = [500, 200]

    record_claim(django_capture_on_commit_callbacks)

    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts) == ("succeeded", 2)
    assert [a.status_code for a in delivery.attempt_log.order_by("number")] == [500, 200]
    first, second = receiver.requests
    assert first.body == second.body
    assert first.headers["idempotency-key"] == second.headers["idempotency-key"]
    assert verify_signature(secret=endpoint.secret, headers=second.headers, body=second.body)


def test_a_timeout_is_retried(endpoint, receiver, settings, django_capture_on_commit_callbacks):
    settings.WEBHOOK_TIMEOUT_SECONDS = 0.3
    receiver.slow_seconds = 1.5
    receiver.answers = [SLOW, 200]

    record_claim(django_capture_on_commit_callbacks)

    delivery = WebhookDelivery.objects.get()
    attempts = list(delivery.attempt_log.order_by("number"))
    assert attempts[0].status_code is None and attempts[0].error == "Timed out."
    assert (delivery.status, attempts[-1].status_code) == ("succeeded", 200)


def test_a_404_is_not_retried(endpoint, receiver, django_capture_on_commit_callbacks):
    receiver.answers = [404]

    record_claim(django_capture_on_commit_callbacks)

    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == ("failed", 1, 404)
    assert receiver.count() == 1


def test_a_redirect_is_not_followed(endpoint, receiver, django_capture_on_commit_callbacks):
    receiver.answers = [302]

    record_claim(django_capture_on_commit_callbacks)

    assert [request.path for request in receiver.requests] == ["/hooks/claimtrack"]
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.last_status_code) == ("failed", 302)


def test_retries_stop_after_the_last_attempt(
    endpoint, receiver, settings, django_capture_on_commit_callbacks
):
    settings.WEBHOOK_MAX_ATTEMPTS = 3
    receiver.answers = [503]

    record_claim(django_capture_on_commit_callbacks)

    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts) == ("failed", 3)
    assert receiver.count() == 3


def test_repeated_failure_switches_the_endpoint_off_and_tells_its_owner(
    endpoint, receiver, settings, django_capture_on_commit_callbacks
):
    settings.WEBHOOK_DISABLE_AFTER_FAILURES = 3
    settings.WEBHOOK_MAX_ATTEMPTS = 10
    receiver.answers = [500]

    record_claim(django_capture_on_commit_callbacks)

    endpoint.refresh_from_db()
    assert not endpoint.is_active
    assert "3 failed attempts in a row" in endpoint.disabled_reason
    assert receiver.count() == 3
    # Not given up: the event waits for the endpoint to come back.
    assert WebhookDelivery.objects.get().status == "pending"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [endpoint.owner.email]
    assert endpoint.url in mail.outbox[0].subject
    assert f"/webhooks/{endpoint.pk}/" in mail.outbox[0].body
    # ...and under the bell.
    notice = endpoint.owner.notifications.get()
    assert (notice.kind, notice.url) == ("webhook_disabled", endpoint.get_absolute_url())

    # A disabled endpoint gets no new events...
    record_claim(django_capture_on_commit_callbacks, text="Another claim.")
    assert WebhookDelivery.objects.count() == 1
    # ...and switched back on, it receives what waited.
    receiver.answers = [200]
    with django_capture_on_commit_callbacks(execute=True):
        webhook_endpoint_update(endpoint_id=endpoint.pk, user=endpoint.owner, is_active=True)
    assert WebhookDelivery.objects.get().status == "succeeded"
    endpoint.refresh_from_db()
    assert (endpoint.is_active, endpoint.consecutive_failures) == (True, 0)


def test_a_redelivery_sends_the_same_event_again(endpoint, receiver, django_capture_on_commit_callbacks):
    record_claim(django_capture_on_commit_callbacks)
    delivery = WebhookDelivery.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        webhook_delivery_redeliver(delivery_id=delivery.pk, user=endpoint.owner)

    first, second = receiver.requests
    assert first.headers["idempotency-key"] == second.headers["idempotency-key"]
    assert [(a.number, a.manual) for a in delivery.attempt_log.order_by("number")] == [(1, False), (2, True)]


def test_the_sweep_sends_a_delivery_whose_task_was_never_queued(
    endpoint, receiver, django_capture_on_commit_callbacks
):
    # The change commits but its queued task is lost (the broker was down).
    with django_capture_on_commit_callbacks(execute=False):
        claim_create(text="Queued while Redis was down.")
    assert WebhookDelivery.objects.get().status == "pending"

    assert webhook_deliveries_queue_due() == 1

    assert WebhookDelivery.objects.get().status == "succeeded"
    assert receiver.count() == 1
    assert webhook_deliveries_queue_due() == 0


def test_a_delivery_already_made_is_not_made_again_by_a_duplicate_task(
    endpoint, receiver, django_capture_on_commit_callbacks
):
    from webhooks.tasks import deliver_webhook

    record_claim(django_capture_on_commit_callbacks)
    delivery = WebhookDelivery.objects.get()

    deliver_webhook(delivery.pk)

    assert receiver.count() == 1


def test_each_service_announces_its_event(editor_user, local_targets, receiver):
    from webhooks.models import EventType

    WebhookEndpoint.objects.create(
        owner=editor_user, url=receiver.url, secret="x" * 20, event_types=EventType.values
    )
    flag = factories.ConflictFlagFactory(
        claim_a=factories.ClaimFactory(), claim_b=factories.ClaimFactory(), explanation="Two figures."
    )

    claim = claim_create(text="A claim.", created_by=editor_user)
    claim_set_status(claim_id=claim.pk, user=editor_user, status="disputed", reason="Contradicted.")
    flag_resolve(flag_id=flag.pk, user=editor_user, note="Checked.")
    flag_reopen(flag_id=flag.pk, user=editor_user, reason="New report.")
    flag_dismiss(flag_id=flag.pk, user=editor_user, reason="Same figure after all.")
    document_create(title="Wire copy", body="Officials said 3 people were hurt.", user=editor_user)

    assert list(WebhookEvent.objects.order_by("created_at").values_list("event_type", flat=True)) == [
        "claim.created",
        "claim.status_changed",
        "flag.resolved",
        "dispute.reopened",
        "flag.dismissed",
        "document.ingested",
    ]
    changed = json.loads(WebhookEvent.objects.get(event_type="claim.status_changed").body)
    assert (changed["data"]["from_status"], changed["data"]["to_status"]) == ("unverified", "disputed")
    assert changed["actor"] == editor_user.username
    resolved = json.loads(WebhookEvent.objects.get(event_type="flag.resolved").body)
    assert resolved["data"]["flag"]["status"] == "resolved"


def test_a_raised_flag_and_an_accepted_proposal_are_announced(editor_user, local_targets, receiver):
    from detection.services import flag_raise
    from ingestion.models import ClaimProposal
    from ingestion.services import proposal_accept
    from webhooks.models import EventType

    WebhookEndpoint.objects.create(
        owner=editor_user, url=receiver.url, secret="x" * 20, event_types=EventType.values
    )
    first, second = factories.ClaimFactory(), factories.ClaimFactory()
    flag_raise(
        rule="figure_mismatch", claim_ids=(first.pk, second.pk), severity=40, explanation="200 against 20."
    )
    document = factories.DocumentFactory(body="The ministry said 12 soldiers were killed.")
    proposal = ClaimProposal.objects.create(
        document=document,
        excerpt_start=0,
        excerpt_end=len(document.body),
        excerpt=document.body,
        text="12 soldiers were killed.",
        speaker_text="The ministry",
        source=factories.SourceFactory(),
    )
    claim = proposal_accept(proposal_id=proposal.pk, user=editor_user)

    raised = json.loads(WebhookEvent.objects.get(event_type="flag.raised").body)
    assert raised["data"]["flag"]["claim_ids"] == [first.pk, second.pk]
    assert raised["data"]["flag"]["severity"] == "critical"
    assert raised["actor"] is None
    accepted = json.loads(WebhookEvent.objects.get(event_type="proposal.accepted").body)
    assert accepted["data"]["proposal"] == {
        "id": proposal.pk,
        "document_id": document.pk,
        "claim_id": claim.pk,
    }
    assert accepted["data"]["claim"]["id"] == claim.pk
