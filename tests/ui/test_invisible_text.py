"""A required text made only of invisible characters (a zero-width space, a
bidi control, a soft hyphen) shows as nothing: the web forms refuse it as
they refuse an empty one, with an error on the field, as the API refuses it
as blank (core.forms.RequiredTextMustShow, core.api_input.shows_something)."""

import pytest
from django.urls import reverse

from claims.models import AuditEntry, Claim, ConflictFlag, Event
from core.api_input import shows_something
from core.forms import refuse_invisible_required_text
from sources.models import Document, Source
from tests import factories

from .test_forms import claim_post

pytestmark = pytest.mark.django_db

NOTHING_TO_SEE = "\u200b\u200d\u202e\u00ad\ufeff"


def field_errors(response, field: str) -> list[str]:
    assert response.status_code == 400
    return response.context["form"].errors[field]


def test_text_of_invisible_characters_shows_nothing_but_a_word_among_them_shows():
    assert not shows_something(NOTHING_TO_SEE)
    assert not shows_something(" \u200b\n")
    assert shows_something(f"{NOTHING_TO_SEE}Aleppo")
    assert shows_something("حلب")


def test_a_claim_whose_text_is_only_invisible_characters_is_refused_and_not_saved(editor_client):
    source = factories.SourceFactory()
    response = editor_client.post(
        reverse("claims:claim-create"),
        claim_post(
            text=NOTHING_TO_SEE, **{"attributions-0-source": source.pk, "attributions-0-form": "statement"}
        ),
    )
    [error] = field_errors(response, "text")
    assert "shows as nothing" in error
    assert not Claim.objects.exists()


def test_a_source_named_with_a_lone_zero_width_space_is_refused(editor_client):
    response = editor_client.post(
        reverse("sources:source-create"),
        {"name": "\u200b", "kind": "ngo_monitor", "affiliation": "independent", "reliability": "C"},
    )
    assert field_errors(response, "name")
    assert not Source.objects.exists()


def test_an_event_and_a_document_with_invisible_titles_are_refused(editor_client):
    response = editor_client.post(reverse("claims:event-create"), {"title": NOTHING_TO_SEE})
    assert field_errors(response, "title")
    assert not Event.objects.exists()
    response = editor_client.post(
        reverse("sources:document-create"), {"title": NOTHING_TO_SEE, "body": "The council met on Monday."}
    )
    assert field_errors(response, "title")
    assert not Document.objects.exists()


def test_an_edit_that_blanks_an_event_title_with_invisible_characters_changes_nothing(editor_client):
    event = factories.EventFactory(title="Storm on the coast")
    response = editor_client.post(reverse("claims:event-edit", args=[event.pk]), {"title": "\u2060\u200c"})
    assert field_errors(response, "title")
    event.refresh_from_db()
    assert event.title == "Storm on the coast"


def test_a_dismissal_with_an_invisible_reason_keeps_the_flag_open_and_says_why(editor_client):
    flag = factories.ConflictFlagFactory()
    response = editor_client.post(
        reverse("claims:flag-action", args=[flag.pk, "dismiss"]), {"reason": NOTHING_TO_SEE}
    )
    assert response.status_code == 400
    assert "Say why this is not a real conflict." in response.content.decode()
    flag.refresh_from_db()
    assert flag.status == ConflictFlag.Status.OPEN
    assert not AuditEntry.objects.filter(action="dismissed").exists()


def test_a_status_change_with_an_invisible_reason_is_refused(editor_client):
    claim = factories.ClaimFactory()
    response = editor_client.post(
        reverse("claims:claim-status", args=[claim.pk]),
        {"status": "verified", "reason": NOTHING_TO_SEE},
        follow=True,
    )
    assert "Choose a status and say why it changes." in response.content.decode()
    claim.refresh_from_db()
    assert claim.status != Claim.Status.VERIFIED


def test_an_article_pasted_as_invisible_characters_is_not_ingested(editor_client):
    response = editor_client.post(
        reverse("ingestion:document-add"), {"title": "Council meeting", "body": NOTHING_TO_SEE}
    )
    assert response.status_code == 400
    assert "upload a .txt or .html file" in response.content.decode()
    assert not Document.objects.exists()


def test_only_required_text_is_checked_an_optional_note_is_left_as_typed():
    from claims.forms import FlagAcknowledgeForm, FlagCommentForm

    optional = FlagAcknowledgeForm({"note": "\u200b"})
    assert optional.is_valid()
    refuse_invisible_required_text(optional)
    assert not optional.errors
    required = FlagCommentForm({"note": "\u200b"})
    assert not required.is_valid()
    assert required.errors["note"][0].startswith("Write the comment.")
