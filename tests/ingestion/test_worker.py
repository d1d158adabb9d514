"""Extraction through a real Celery worker on Redis: the document commits,
the worker proposes its claims, and the review panel shows them."""

import pytest
from django.urls import reverse

from ingestion.models import DocumentExtraction
from ingestion.services import document_ingest
from tests.conftest import wait_until
from tests.factories import editor

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ARTICLE = (
    "Storm report\n"
    "The coast guard said 14 sailors were rescued on Tuesday.\n"
    "Two fishermen who asked not to be named said the warning came late.\n"
)


def test_a_worker_proposes_the_claims_of_a_committed_document(celery_worker, ingestion_lexicon, client):
    user = editor(username="worker-editor")
    document = document_ingest(title="Storm", body=ARTICLE, user=user)

    def finished():
        extraction = DocumentExtraction.objects.get(document=document)
        return extraction if extraction.is_finished else None

    extraction = wait_until(finished, timeout=30)
    assert extraction.status == DocumentExtraction.Status.DONE, celery_worker.log()
    assert sorted(document.claim_proposals.values_list("form", flat=True)) == ["anonymous", "paraphrase"]

    client.force_login(user)
    panel = client.get(reverse("ingestion:proposals-panel", kwargs={"pk": document.pk})).content.decode()
    assert panel.count('data-testid="proposal"') == 2
    assert 'data-still-reading="false"' in panel
