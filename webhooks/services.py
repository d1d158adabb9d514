"""Every write about webhooks: endpoints, the outbox of events, each attempt.

Delivery is at least once. Each event has an id (the idempotency key, sent as
`Idempotency-Key` and in the body) that stays the same across retries and
manual redeliveries, so a receiver that remembers ids processes each event
once.
"""

import logging
import random
import secrets
import time
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from core import events
from core.exceptions import ConflictError
from core.lost_updates import VersionCheck, check_unchanged
from core.permissions import role_refusal

from .models import EventType, WebhookAttempt, WebhookDelivery, WebhookEndpoint, WebhookEvent
from .payloads import event_body
from .signing import signature_header
from .targets import TargetRefused, target_check, webhook_post

logger = logging.getLogger(__name__)

USER_AGENT = "Claimtrack-Webhooks/1"


MANAGE_PERMISSION = "webhooks.manage_webhookendpoint"


def user_can_manage_webhooks(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.has_perm(MANAGE_PERMISSION))


def _clean_event_types(event_types) -> list[str]:
    if not isinstance(event_types, (list, tuple)) or not event_types:
        raise ValidationError({"event_types": "Choose at least one event type."})
    unknown = [value for value in event_types if value not in EventType.values]
    if unknown:
        raise ValidationError({"event_types": f"Unknown event type: {', '.join(map(str, unknown))}."})
    # Keep the documented order, without repeats.
    return [value for value in EventType.values if value in event_types]


def _clean_url(url: str) -> str:
    url = (url or "").strip()
    try:
        target_check(url)
    except TargetRefused as error:
        raise ValidationError({"url": str(error)}) from error
    return url


def _clean_secret(secret: str | None) -> str:
    if not secret:
        return "whsec_" + secrets.token_urlsafe(32)
    secret = secret.strip()
    if len(secret) < 16:
        raise ValidationError(
            {"secret": "Use a secret of at least 16 characters (or leave it empty to get one)."}
        )
    return secret


def _refuse_non_manager(user) -> None:
    if not user_can_manage_webhooks(user):
        # With the role needed and whom to ask, as the API's own checks say it.
        raise role_refusal(user, [MANAGE_PERMISSION], saying="Only editors can manage webhooks.")


@transaction.atomic
def webhook_endpoint_create(
    *, user, url: str, event_types, secret: str | None = None, description: str = ""
) -> WebhookEndpoint:
    """Register an endpoint. Without a secret one is made; either way the
    caller shows it once (it is not shown again)."""
    _refuse_non_manager(user)
    endpoint = WebhookEndpoint(
        owner=user,
        url=_clean_url(url),
        event_types=_clean_event_types(event_types),
        secret=_clean_secret(secret),
        description=(description or "").strip(),
    )
    endpoint.full_clean()
    endpoint.save()
    return endpoint


@transaction.atomic
def webhook_endpoint_update(
    *, endpoint_id: int, user, unchanged_since: VersionCheck | None = None, **changes
) -> WebhookEndpoint:
    """Change an endpoint's URL, event types, description or secret, or switch
    it on or off. Switching it back on clears the failure count and sends what
    waited while it was off."""
    _refuse_non_manager(user)
    allowed = {"url", "event_types", "description", "secret", "is_active"}
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationError({field: "This field cannot be changed here." for field in unknown})
    endpoint = WebhookEndpoint.objects.select_for_update().get(pk=endpoint_id, owner=user)
    check_unchanged(unchanged_since, endpoint)
    if "url" in changes:
        endpoint.url = _clean_url(changes["url"])
    if "event_types" in changes:
        endpoint.event_types = _clean_event_types(changes["event_types"])
    if "description" in changes:
        endpoint.description = (changes["description"] or "").strip()
    if "secret" in changes:
        endpoint.secret = _clean_secret(changes["secret"])
    if "is_active" in changes and bool(changes["is_active"]) != endpoint.is_active:
        endpoint.is_active = bool(changes["is_active"])
        if endpoint.is_active:
            endpoint.consecutive_failures = 0
            endpoint.disabled_at = None
            endpoint.disabled_reason = ""
            waiting = list(
                endpoint.deliveries.filter(status=WebhookDelivery.Status.PENDING).values_list("pk", flat=True)
            )
            endpoint.deliveries.filter(pk__in=waiting).update(next_attempt_at=timezone.now())
            transaction.on_commit(lambda: _queue_deliveries(waiting))
        else:
            endpoint.disabled_at = timezone.now()
            endpoint.disabled_reason = "Switched off by its owner."
    endpoint.full_clean()
    endpoint.save()
    return endpoint


@transaction.atomic
def webhook_endpoint_delete(*, endpoint_id: int, user, unchanged_since: VersionCheck | None = None) -> None:
    """Remove an endpoint with its delivery log."""
    _refuse_non_manager(user)
    endpoint = WebhookEndpoint.objects.select_for_update().get(pk=endpoint_id, owner=user)
    check_unchanged(unchanged_since, endpoint)
    endpoint.delete()


# The outbox: recording events


def _queue_deliveries(delivery_ids) -> None:
    from .tasks import queue_delivery

    for delivery_id in delivery_ids:
        queue_delivery(delivery_id)


def webhook_events_record(event_type: str, *, actor=None, **subjects) -> WebhookEvent | None:
    """The core/events.py subscriber: write the event and one delivery per
    active endpoint that wants this type, inside the publisher's transaction,
    and queue the deliveries once it commits. Nothing is written when nobody
    listens."""
    if event_type not in EventType.values:
        return None
    # Endpoints are few (a newsroom's handful of tools): filter their event
    # types here rather than with JSON lookups SQLite does not have.
    endpoint_ids = [
        endpoint.pk
        for endpoint in WebhookEndpoint.objects.filter(is_active=True).only("pk", "event_types")
        if event_type in endpoint.event_types
    ]
    if not endpoint_ids:
        return None
    event_id = uuid.uuid4()
    event = WebhookEvent.objects.create(
        id=event_id,
        event_type=event_type,
        body=event_body(event_id=event_id, event_type=event_type, actor=actor, subjects=subjects),
    )
    now = timezone.now()
    deliveries = WebhookDelivery.objects.bulk_create(
        [WebhookDelivery(endpoint_id=pk, event=event, next_attempt_at=now) for pk in endpoint_ids]
    )
    delivery_ids = [delivery.pk for delivery in deliveries]
    transaction.on_commit(lambda: _queue_deliveries(delivery_ids))
    return event


# Sending


def retry_delay_seconds(attempts: int) -> float:
    """Exponential backoff with jitter: about base × 2^(n-1), capped, then a
    random point in its upper half, so that a receiver coming back after an
    outage is not hit by every waiting delivery in the same second."""
    ceiling = min(
        settings.WEBHOOK_RETRY_BASE_SECONDS * (2 ** max(attempts - 1, 0)), settings.WEBHOOK_RETRY_MAX_SECONDS
    )
    return random.uniform(ceiling / 2, ceiling)


def _claim_delivery(delivery_id: int) -> bool:
    """Take the delivery for this worker: it must be due (pending and its
    time has come), or left "sending" by a worker that died (its lock ran
    out). Exactly one worker wins; the others return."""
    now = timezone.now()
    lease = timedelta(seconds=settings.WEBHOOK_TIMEOUT_SECONDS * 4 + 30)
    due = Q(status=WebhookDelivery.Status.PENDING, next_attempt_at__lte=now) | Q(
        status=WebhookDelivery.Status.SENDING, locked_until__lt=now
    )
    changed = WebhookDelivery.objects.filter(due, pk=delivery_id, endpoint__is_active=True).update(
        status=WebhookDelivery.Status.SENDING, locked_until=now + lease, updated_at=now
    )
    return changed == 1


def webhook_delivery_attempt(*, delivery_id: int, manual: bool = False) -> WebhookAttempt | None:
    """Make one attempt at a delivery, if it is due and nobody else is making
    it, and record the outcome: delivered; failed and queued again after a
    backoff; or given up after WEBHOOK_MAX_ATTEMPTS. The HTTP request is made
    outside any transaction (no row lock held while a slow receiver answers).
    Returns the attempt, or None when there was nothing to do."""
    if not _claim_delivery(delivery_id):
        return None
    delivery = WebhookDelivery.objects.select_related("endpoint", "event").get(pk=delivery_id)
    endpoint, event = delivery.endpoint, delivery.event
    body = event.body.encode("utf-8")
    timestamp = int(time.time())
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": USER_AGENT,
        "X-Claimtrack-Event": event.event_type,
        "X-Claimtrack-Event-Id": str(event.id),
        "Idempotency-Key": str(event.id),
        "X-Claimtrack-Delivery": str(delivery.pk),
        "X-Claimtrack-Timestamp": str(timestamp),
        "X-Claimtrack-Signature": signature_header(secret=endpoint.secret, timestamp=timestamp, body=body),
    }
    result = webhook_post(url=endpoint.url, body=body, headers=headers)
    return _record_attempt(delivery_id=delivery_id, result=result, manual=manual)


@transaction.atomic
def _record_attempt(*, delivery_id: int, result, manual: bool) -> WebhookAttempt:
    delivery = WebhookDelivery.objects.select_for_update().get(pk=delivery_id)
    endpoint = WebhookEndpoint.objects.select_for_update().get(pk=delivery.endpoint_id)
    now = timezone.now()
    delivery.attempts += 1
    attempt = WebhookAttempt.objects.create(
        delivery=delivery,
        number=delivery.attempts,
        status_code=result.status_code,
        latency_ms=result.latency_ms,
        error=result.error,
        succeeded=result.succeeded,
        manual=manual,
    )
    delivery.last_status_code = result.status_code
    delivery.last_latency_ms = result.latency_ms
    delivery.last_error = result.error
    delivery.locked_until = None
    if result.succeeded:
        delivery.status = WebhookDelivery.Status.SUCCEEDED
        delivery.delivered_at = now
        delivery.next_attempt_at = None
        if endpoint.consecutive_failures:
            endpoint.consecutive_failures = 0
            endpoint.save(update_fields=["consecutive_failures", "updated_at"])
    else:
        if result.worth_retrying and delivery.attempts < settings.WEBHOOK_MAX_ATTEMPTS:
            delay = retry_delay_seconds(delivery.attempts)
            delivery.status = WebhookDelivery.Status.PENDING
            delivery.next_attempt_at = now + timedelta(seconds=delay)
            transaction.on_commit(lambda: _queue_later(delivery_id, delay))
        else:
            delivery.status = WebhookDelivery.Status.FAILED
            delivery.next_attempt_at = None
        _count_failure(endpoint, result)
    delivery.save(
        update_fields=[
            "attempts",
            "status",
            "next_attempt_at",
            "locked_until",
            "last_status_code",
            "last_latency_ms",
            "last_error",
            "delivered_at",
            "updated_at",
        ]
    )
    return attempt


def _queue_later(delivery_id: int, delay: float) -> None:
    from .tasks import queue_delivery

    queue_delivery(delivery_id, countdown=delay)


def _count_failure(endpoint: WebhookEndpoint, result) -> None:
    """One more failed attempt in a row; at the limit the endpoint is switched
    off and its owner told why. Its waiting deliveries stay pending and go out
    when the owner switches it back on."""
    endpoint.consecutive_failures += 1
    fields = ["consecutive_failures", "updated_at"]
    if endpoint.is_active and endpoint.consecutive_failures >= settings.WEBHOOK_DISABLE_AFTER_FAILURES:
        what = f"HTTP {result.status_code}" if result.status_code else (result.error or "no answer")
        endpoint.is_active = False
        endpoint.disabled_at = timezone.now()
        endpoint.disabled_reason = (
            f"Switched off after {endpoint.consecutive_failures} failed attempts in a row (last: {what})."
        )[:300]
        fields += ["is_active", "disabled_at", "disabled_reason"]
        endpoint_id = endpoint.pk
        transaction.on_commit(lambda: _queue_disabled_notice(endpoint_id))
        # And in the app (notifications listen): the owner sees it under the bell.
        events.publish(events.WEBHOOK_DISABLED, endpoint=endpoint)
        logger.warning("Webhook endpoint %s disabled: %s", endpoint.pk, endpoint.disabled_reason)
    endpoint.save(update_fields=fields)


def _queue_disabled_notice(endpoint_id: int) -> None:
    from .tasks import send_endpoint_disabled_notice

    try:
        send_endpoint_disabled_notice.delay(endpoint_id)
    except Exception:
        logger.exception("Could not queue the disabled notice for webhook endpoint %s", endpoint_id)


@transaction.atomic
def webhook_delivery_redeliver(*, delivery_id: int, user) -> WebhookDelivery:
    """Send a delivery again now, whatever became of it (the redeliver
    button). Same event id, so a receiver that already has it can ignore it."""
    _refuse_non_manager(user)
    delivery = (
        WebhookDelivery.objects.select_for_update()
        .select_related("endpoint")
        .get(pk=delivery_id, endpoint__owner=user)
    )
    if not delivery.endpoint.is_active:
        raise ConflictError("Switch the endpoint back on before redelivering.", code="endpoint_disabled")
    if delivery.status == WebhookDelivery.Status.SENDING:
        raise ConflictError("This delivery is being sent right now.", code="delivery_in_progress")
    delivery.status = WebhookDelivery.Status.PENDING
    delivery.next_attempt_at = timezone.now()
    delivery.save(update_fields=["status", "next_attempt_at", "updated_at"])
    transaction.on_commit(lambda: _queue_manual(delivery_id))
    return delivery


def _queue_manual(delivery_id: int) -> None:
    from .tasks import queue_delivery

    queue_delivery(delivery_id, manual=True)


def webhook_endpoint_disabled_notice_send(*, endpoint_id: int) -> bool:
    """Email the owner that their endpoint was switched off, once per
    switch-off (the notice is skipped when the endpoint is back on)."""
    from core.email import email_send

    endpoint = WebhookEndpoint.objects.select_related("owner").get(pk=endpoint_id)
    if endpoint.is_active or not endpoint.owner.email:
        return False
    email_send(
        template="webhooks/email/endpoint_disabled",
        context={
            "endpoint": endpoint,
            "site_url": settings.SITE_URL,
            "page_url": endpoint.get_absolute_url(),
        },
        to=[endpoint.owner.email],
    )
    return True


def webhook_deliveries_queue_due(*, limit: int = 1000) -> int:
    """Queue deliveries that are due but whose task was lost (the broker was
    down at the time, or a worker died mid-request). Run by Celery beat."""
    now = timezone.now()
    due = WebhookDelivery.objects.filter(
        Q(status=WebhookDelivery.Status.PENDING, next_attempt_at__lte=now)
        | Q(status=WebhookDelivery.Status.SENDING, locked_until__lt=now),
        endpoint__is_active=True,
    ).order_by("next_attempt_at", "pk")
    ids = list(due.values_list("pk", flat=True)[:limit])
    _queue_deliveries(ids)
    return len(ids)
