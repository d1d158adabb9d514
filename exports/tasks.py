"""Background exports: one task writes one export's file; an hourly task
deletes expired files."""

import logging

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError
from kombu.exceptions import OperationalError as BrokerOperationalError

from .services import export_build, export_fail, exports_expire

logger = logging.getLogger(__name__)


def queue_export_build(export_id: int) -> None:
    """Queue the export's task after its row committed; with the broker down,
    say so on the export instead of leaving it waiting for ever."""
    try:
        build_export.apply_async(args=[export_id], retry=False)
    except (BrokerOperationalError, ConnectionError, OSError) as error:
        logger.warning("Could not queue export %s: %s", export_id, error)
        export_fail(export_id=export_id, reason="The background workers could not be reached; ask again.")
    except DatabaseError:
        # Only in eager mode, where the task ran in-process and failed.
        logger.exception("In-process export %s failed.", export_id)
        export_fail(export_id=export_id, reason="The export failed; ask again.")


@shared_task(
    acks_late=True,
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=True,
    max_retries=3,
    soft_time_limit=settings.EXPORT_TASK_SOFT_TIME_LIMIT,
    time_limit=settings.EXPORT_TASK_SOFT_TIME_LIMIT + 60,
)
def build_export(export_id: int) -> None:
    try:
        export_build(export_id=export_id)
    except SoftTimeLimitExceeded:
        export_fail(export_id=export_id, reason="The export took too long; narrow its filters.")
    except (OperationalError, InterfaceError):
        raise  # a database blip: retried (autoretry_for), the export stays "writing"
    except Exception:
        # Anything else will not go better on a retry: say so on the export
        # instead of leaving it "writing" until the stale sweep gives up on it.
        logger.exception("Export %s failed.", export_id)
        export_fail(export_id=export_id, reason="The export failed; ask again, or tell an administrator.")
        raise


@shared_task(acks_late=True, soft_time_limit=300, time_limit=360)
def expire_exports() -> None:
    expired = exports_expire()
    if expired:
        logger.info("Deleted %s expired export files.", expired)
