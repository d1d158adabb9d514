import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from claims.demo import DEMO_PASSWORD, demo_load
from claims.models import Attribution, Claim, Event
from sources.models import Document, Source

pytestmark = pytest.mark.django_db


def claim_by_source(name: str, **filters) -> Claim:
    return Claim.objects.get(attributions__source__name=name, **filters)


def test_the_demo_builds_the_aleppo_story():
    demo_load()

    assert Source.objects.count() == 6
    assert Document.objects.count() == 1
    assert Event.objects.count() == 4
    russia = claim_by_source("Russian Ministry of Defence", kind=Claim.Kind.FIGURE)
    sohr = claim_by_source("Syrian Observatory for Human Rights", kind=Claim.Kind.FIGURE)
    assert (russia.value_low, russia.quantity_subject) == (200, "militants killed")
    assert (sohr.value_low, sohr.quantity_subject) == (20, "insurgents killed")
    assert russia.event == sohr.event
    army = Claim.objects.filter(attributions__source__name="Syrian Army General Command")
    assert {claim.kind for claim in army} == {Claim.Kind.FRAMING, Claim.Kind.TERRITORY}
    assert "redeployment" in army.get(kind=Claim.Kind.FRAMING).text


def test_every_demo_excerpt_quotes_the_document_at_its_offsets():
    demo_load()
    attributions = Attribution.objects.select_related("document")
    assert attributions.count() == Claim.objects.count()
    for attribution in attributions:
        body = attribution.document.body
        assert body[attribution.excerpt_start : attribution.excerpt_end] == attribution.excerpt


def test_the_demo_wire_agency_relays_the_armys_statement():
    demo_load()
    attribution = Attribution.objects.get(
        source__name="Syrian Army General Command", claim__kind=Claim.Kind.FRAMING
    )
    assert attribution.relayed_by.kind == Source.Kind.WIRE_AGENCY
    assert attribution.form == Attribution.Form.STATEMENT


def test_running_the_demo_twice_creates_nothing_new():
    first = demo_load()
    counts = [model.objects.count() for model in (Source, Document, Event, Claim, Attribution)]

    second = demo_load()

    assert first.total > 0
    assert second.total == 0
    assert [model.objects.count() for model in (Source, Document, Event, Claim, Attribution)] == counts


def test_the_demo_editor_can_log_in_and_is_an_editor(client):
    call_command("load_demo", stdout=open("/dev/null", "w"))
    editor = get_user_model().objects.get(username="editor")
    assert editor.groups.filter(name="editor").exists()
    assert client.login(username="editor", password=DEMO_PASSWORD)


def test_the_demo_restates_the_article_without_copying_its_sentences(seed_article_text):
    from claims.demo import DOCUMENT_BODY

    article_sentences = [s.strip() for s in seed_article_text.replace("\n", " ").split(". ") if len(s) > 40]
    for sentence in article_sentences:
        assert sentence not in DOCUMENT_BODY
