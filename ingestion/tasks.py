"""Celery tasks for ingestion. Each takes ids, re-fetches, and calls one service."""

import logging

from celery import shared_task
from django.db import InterfaceError, OperationalError
from kombu.exceptions import OperationalError as BrokerOperationalError

from core.tasks import enqueue_safely

logger = logging.getLogger(__name__)

TRANSIENT_ERRORS = (OperationalError, InterfaceError, BrokerOperationalError)


@shared_task(
    bind=True,
    acks_late=True,
    autoretry_for=TRANSIENT_ERRORS,
    retry_backoff=True,
    retry_backoff_max=300,
    max_retries=5,
    soft_time_limit=60,
    time_limit=90,  # services.EXTRACTION_TIME_LIMIT
)
def extract_document_claims(self, document_id: int) -> None:
    """Propose claims for one document. Idempotent: a re-run adds only what is new."""
    from .services import EXTRACTION_TIME_LIMIT, ExtractionInProgress, proposals_extract_for_document

    try:
        proposals_extract_for_document(document_id=document_id)
    except ExtractionInProgress as busy:
        # Another worker holds the run, or held it and died (this may be the
        # redelivery of its own task). Come back once such a run counts as
        # stale, so a killed run is always finished by someone.
        raise self.retry(exc=busy, countdown=EXTRACTION_TIME_LIMIT + 10, max_retries=3) from busy


def queue_document_extraction(document_id: int) -> None:
    """Queue the extractor for a document after it committed, never failing the caller.

    If Redis is down the document is still stored; its extraction stays
    pending and an editor can start it again from the review page.
    """
    enqueue_safely(
        extract_document_claims,
        document_id,
        what=f"extraction for document {document_id}",
        fallback="the extraction stays pending and an editor can start it again.",
        log=logger,
    )
