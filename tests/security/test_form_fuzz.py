"""Every form of the web UI, fed empty, oversized, out-of-range and
nonsensical values: never a server error, and a refused form changes nothing."""

import pytest
from django.test import Client
from django.urls import reverse

from claims.models import Attribution, AuditEntry, Claim, ClaimRelation, ConflictFlag, Event
from ingestion.models import ClaimProposal
from sources.models import Document, Source
from tests import factories

from .forms import post_forms

pytestmark = pytest.mark.django_db

MODELS = [Source, Document, Event, Claim, Attribution, ClaimRelation, ConflictFlag, AuditEntry, ClaimProposal]


def garbage(kind: str, strategy: str) -> str:
    if strategy == "empty":
        return ""
    if strategy == "huge":
        return "9" * 40 if kind in {"number", "select"} else "x" * 20_001
    if strategy == "negative":
        return "-1"
    if strategy == "nonsense":
        return {"date": "2024-13-45", "datetime-local": "yesterday", "number": "twelve"}.get(
            kind, "\x00not-a-choice\ufffd"
        )
    raise ValueError(strategy)


def fuzzed(form: dict, strategy: str) -> dict:
    data = {}
    for name, field in form["fields"].items():
        if field["kind"] == "hidden":
            data[name] = field["value"]  # CSRF token and formset counts stay
        elif field["kind"] != "file":
            data[name] = garbage(field["kind"], strategy)
    return data


@pytest.fixture
def pages():
    event = factories.EventFactory()
    first = factories.FigureClaimFactory(event=event, value_low=200)
    second = factories.FigureClaimFactory(event=event, value_low=20)
    source = factories.SourceFactory(name="Monitor", slug="monitor")
    document = factories.DocumentFactory(body="The monitor said 20 were killed.")
    first.attributions.create(
        source=source, document=document, excerpt="20 were killed", excerpt_start=17, excerpt_end=31
    )
    flag = factories.ConflictFlagFactory(claim_a=first, claim_b=second)
    proposal = ClaimProposal.objects.create(
        document=document,
        text="20 were killed.",
        speaker_text="The monitor",
        source=source,
        excerpt="The monitor said 20 were killed.",
        excerpt_start=0,
        excerpt_end=len(document.body),
    )
    return [
        reverse("claims:claim-create"),
        reverse("claims:claim-edit", args=[first.pk]),
        reverse("claims:claim-detail", args=[first.pk]),
        reverse("claims:relation-create"),
        reverse("claims:event-create"),
        reverse("claims:event-edit", args=[event.pk]),
        reverse("claims:flag-detail", args=[flag.pk]),
        reverse("sources:source-create"),
        reverse("sources:source-edit", args=[source.slug]),
        reverse("sources:document-create"),
        reverse("sources:document-edit", args=[document.pk]),
        reverse("ingestion:document-add"),
        reverse("ingestion:proposal-edit", args=[proposal.pk]),
        reverse("digests:preferences"),
    ]


def snapshot() -> dict:
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in MODELS}


@pytest.mark.parametrize("strategy", ["empty", "huge", "negative", "nonsense"])
def test_no_form_answers_bad_input_with_a_server_error_or_a_half_write(pages, strategy):
    client = Client()
    client.force_login(factories.editor())
    submitted = 0
    for url in pages:
        for form in post_forms(client.get(url).content.decode()):
            before = snapshot()
            response = client.post(form["action"] or url, fuzzed(form, strategy))
            assert response.status_code < 500, (url, form["action"], strategy)
            if response.status_code != 302:
                # Refused: shown again with its errors, and nothing was written.
                assert snapshot() == before, (url, form["action"], strategy)
            submitted += 1
    assert submitted >= len(pages)
