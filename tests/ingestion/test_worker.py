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


def test_the_ingestion_api_end_to_end_with_a_real_worker(celery_worker, ingestion_lexicon):
    from django.core.cache import cache

    from claims.models import Claim
    from tests.api.conftest import client_with_token

    cache.clear()  # throttle counters
    user = editor(username="api-worker-editor")
    api = client_with_token(user)
    queued = api.post(
        reverse("api:document-ingest"),
        {"title": "Port", "body": "Port report\nThe port authority said 12 cranes were hit.\n"},
        format="json",
    )
    assert queued.status_code == 202
    run_url = queued.json()["extraction_url"]

    def finished():
        run = api.get(run_url).json()
        return run if run["extraction"]["finished"] else None

    run = wait_until(finished, timeout=30)
    assert run["extraction"]["status"] == "done", celery_worker.log()
    (proposal,) = run["proposals"]
    assert (proposal["proposed_source_name"], proposal["value_low"]) == ("port authority", 12)
    accepted = api.post(reverse("api:proposal-accept", kwargs={"pk": proposal["id"]}), {}, format="json")
    assert accepted.status_code == 201
    assert Claim.objects.get(pk=accepted.json()["claim"]).attributions.get().source.name == "port authority"
