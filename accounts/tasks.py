"""Account emails, sent from the worker so a page never waits on the mail server."""

from celery import shared_task

from .services import sessions_clear_expired

# Mail servers fail transiently; three tries a minute apart, then give up (the
# user can ask again).
RETRYABLE_ERRORS = (OSError,)


@shared_task(
    acks_late=True,
    autoretry_for=RETRYABLE_ERRORS,
    retry_backoff=60,
    max_retries=3,
    soft_time_limit=30,
    time_limit=60,
)
def send_password_reset_email(user_id: int) -> None:
    from .password_reset import password_reset_email_send

    password_reset_email_send(user_id=user_id)


@shared_task(acks_late=True, soft_time_limit=300, time_limit=360)
def clear_expired_sessions() -> None:
    sessions_clear_expired()
