"""The weekly digest run: one beat task fans out one small task per reader."""

import logging

from celery import shared_task
from celery.utils.time import get_exponential_backoff_interval
from django.db import InterfaceError, OperationalError

from .selectors import digest_recipient_ids
from .services import SMTP_ERRORS, digest_send
from .weeks import IsoWeek

logger = logging.getLogger(__name__)

# A mail server or database that went away briefly: worth trying again.
RETRYABLE_ERRORS = (*SMTP_ERRORS, OperationalError, InterfaceError)
# Five attempts in all, waiting a random time up to 1, 2, 4, then 8 minutes
# between them (random, so a mail server coming back is not hit by every
# reader's retry at once): long enough to ride out a restart, short enough
# that the digest still arrives on Monday morning.
MAX_RETRIES = 4
RETRY_BACKOFF_SECONDS = 60
RETRY_BACKOFF_MAX_SECONDS = 600
# Ids are read from the database in batches of this size while fanning out, so
# a newsroom of thousands never holds every id in memory at once.
FAN_OUT_BATCH_SIZE = 500


@shared_task(acks_late=True, soft_time_limit=300, time_limit=360)
def send_weekly_digests(week: str | None = None) -> int:
    """Queue one digest task per subscribed reader for `week` (default: the week
    that just ended). Safe to run twice: each reader's task sends at most once."""
    week = IsoWeek.parse(week) if week else IsoWeek.last_complete()
    queued = 0
    for user_id in digest_recipient_ids().iterator(chunk_size=FAN_OUT_BATCH_SIZE):
        send_digest_to_user.delay(user_id, str(week))
        queued += 1
    logger.info("Queued %s digests for %s.", queued, week)
    return queued


@shared_task(bind=True, acks_late=True, max_retries=MAX_RETRIES, soft_time_limit=60, time_limit=90)
def send_digest_to_user(self, user_id: int, week: str) -> None:
    """Send one reader their digest for one week. Retries a failed send with
    backoff; after the last try the failure stays recorded on the delivery row
    and the task ends quietly, so nothing else waits on it."""
    try:
        digest_send(user_id=user_id, week=IsoWeek.parse(week))
    except RETRYABLE_ERRORS as error:
        if self.request.retries >= self.max_retries:
            logger.error(
                "Giving up on digest %s for user %s after %s attempts: %s",
                week,
                user_id,
                self.request.retries + 1,
                error,
            )
            return
        countdown = get_exponential_backoff_interval(
            factor=RETRY_BACKOFF_SECONDS,
            retries=self.request.retries,
            maximum=RETRY_BACKOFF_MAX_SECONDS,
            full_jitter=True,
        )
        raise self.retry(exc=error, countdown=countdown) from error
