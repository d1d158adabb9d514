"""Celery tasks for webhooks: each takes ids and calls one service."""

import logging

from celery import shared_task
from django.db import DatabaseError, InterfaceError, OperationalError
from kombu.exceptions import OperationalError as BrokerOperationalError

logger = logging.getLogger(__name__)

TRANSIENT_ERRORS = (OperationalError, InterfaceError)


# The HTTP request itself is bounded by WEBHOOK_TIMEOUT_SECONDS (at most 30);
# these limits only stop a task stuck somewhere else.
@shared_task(
    acks_late=True,
    autoretry_for=TRANSIENT_ERRORS,
    retry_backoff=True,
    max_retries=5,
    soft_time_limit=60,
    time_limit=90,
)
def deliver_webhook(delivery_id: int, manual: bool = False) -> None:
    """Make one attempt at a delivery (if it is still due: a duplicate task,
    or one for a delivery already sent, returns quietly)."""
    from .services import webhook_delivery_attempt

    webhook_delivery_attempt(delivery_id=delivery_id, manual=manual)


def queue_delivery(delivery_id: int, *, countdown: float | None = None, manual: bool = False) -> None:
    """Queue an attempt, never failing the caller: with the broker down the
    delivery stays pending and the beat sweep queues it later."""
    try:
        deliver_webhook.apply_async(args=[delivery_id, manual], countdown=countdown, retry=False)
    except (BrokerOperationalError, ConnectionError, OSError) as error:
        logger.warning("Could not queue webhook delivery %s (%s); the sweep will.", delivery_id, error)
    except DatabaseError:
        # Eager mode only: the attempt ran in-process and the database failed.
        logger.exception("In-process webhook delivery %s failed; the sweep will retry it.", delivery_id)


@shared_task(acks_late=True, autoretry_for=TRANSIENT_ERRORS, retry_backoff=True, max_retries=3)
def queue_due_webhook_deliveries() -> int:
    """Celery beat: queue deliveries that are due but have no task (see settings)."""
    from .services import webhook_deliveries_queue_due

    return webhook_deliveries_queue_due()


@shared_task(acks_late=True, autoretry_for=(*TRANSIENT_ERRORS, OSError), retry_backoff=True, max_retries=4)
def send_endpoint_disabled_notice(endpoint_id: int) -> None:
    from .models import WebhookEndpoint
    from .services import webhook_endpoint_disabled_notice_send

    if WebhookEndpoint.objects.filter(pk=endpoint_id).exists():
        webhook_endpoint_disabled_notice_send(endpoint_id=endpoint_id)
