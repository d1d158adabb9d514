"""Celery tasks for conflict detection. Each takes ids, re-fetches, and calls one service."""

import logging

from celery import shared_task
from django.db import InterfaceError, OperationalError
from kombu.exceptions import OperationalError as BrokerOperationalError

from core.tasks import enqueue_safely

from .dispute_services import dispute_state_repair
from .services import conflicts_detect_for_claim, conflicts_sweep

logger = logging.getLogger(__name__)

# Errors worth retrying: the database or the broker was briefly unreachable.
TRANSIENT_ERRORS = (OperationalError, InterfaceError, BrokerOperationalError)
# The periodic tasks (Celery beat): acknowledged once done, retried a few
# times on a brief outage; a run missed altogether is made up by the next.
PERIODIC_TASK_OPTIONS = {
    "acks_late": True,
    "autoretry_for": TRANSIENT_ERRORS,
    "retry_backoff": True,
    "retry_backoff_max": 300,
    "max_retries": 3,
}


@shared_task(
    acks_late=True,
    autoretry_for=TRANSIENT_ERRORS,
    retry_backoff=True,
    retry_backoff_max=300,
    max_retries=5,
)
def check_claim(claim_id: int) -> None:
    """Check one claim against its candidates and raise any flags."""
    conflicts_detect_for_claim(claim_id=claim_id)


def queue_claim_check(claim_id: int) -> None:
    """Queue a check of `claim_id`, never failing the caller.

    Called after a save has committed. If Redis is down the save still stands:
    the failure is logged and the periodic sweep checks the claim later.
    """
    enqueue_safely(
        check_claim,
        claim_id,
        what=f"a conflict check for claim {claim_id}",
        fallback="the sweep will catch it.",
        log=logger,
    )


def queue_claims_check(*, claim_ids) -> None:
    """The receiver of the claims_changed hook (registered in apps.py): claims
    fires it after a commit instead of importing this module."""
    for claim_id in claim_ids:
        queue_claim_check(claim_id)


@shared_task(**PERIODIC_TASK_OPTIONS)
def sweep_conflicts() -> None:
    """Recheck every claim changed since the last sweep (Celery beat, see
    CELERY_BEAT_SCHEDULE): catches checks lost while the broker was down."""
    report = conflicts_sweep()
    if not report.skipped:
        logger.info(
            "Sweep: %d claim(s) checked, %d flag(s) raised or changed%s.",
            report.checked,
            len(report.outcomes),
            "" if report.finished else ", more left for the next run",
        )


@shared_task(**PERIODIC_TASK_OPTIONS)
def repair_dispute_state() -> int:
    """Put right any dispute whose stored queue state drifted from its flags
    (Celery beat, see CELERY_BEAT_SCHEDULE); the service logs and records
    what it repaired. Returns how many disputes were repaired."""
    return len(dispute_state_repair().repaired)
