"""Celery tasks for notifications: each takes ids and calls one service."""

import smtplib

from celery import shared_task
from django.db import InterfaceError, OperationalError

RETRYABLE = (smtplib.SMTPException, OSError, OperationalError, InterfaceError)


@shared_task(acks_late=True, autoretry_for=RETRYABLE, retry_backoff=60, retry_backoff_max=600, max_retries=4)
def send_alert_email(user_id: int) -> bool:
    """Send a user's pending critical-flag alerts in one email, if the rate limit allows."""
    from .services import alert_email_send

    return alert_email_send(user_id=user_id)


@shared_task(acks_late=True)
def queue_alert_emails() -> int:
    """Celery beat: queue the batched alert emails whose interval has passed."""
    from .services import alert_emails_due_user_ids

    user_ids = alert_emails_due_user_ids()
    for user_id in user_ids:
        send_alert_email.delay(user_id)
    return len(user_ids)
