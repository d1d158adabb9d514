"""An event the detector suggests for a claim without one is offered on the
claim's page; an editor puts the claim under it or turns it down."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from claims.models import Claim
from claims.services import claim_create
from detection.models import EventLinkSuggestion
from detection.services import conflicts_detect_for_claim
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def loose_claim():
    event = factories.EventFactory(title="Airstrikes around Aleppo", place="Aleppo")
    claim_create(
        text="200 militants killed.",
        kind=Claim.Kind.FIGURE,
        event=event,
        quantity_subject="militants killed",
        value_low=200,
        place="Aleppo",
        occurred_on=date(2024, 11, 29),
    )
    claim = claim_create(
        text="20 insurgents killed.",
        kind=Claim.Kind.FIGURE,
        quantity_subject="insurgents killed",
        value_low=20,
        place="Aleppo",
        occurred_on=date(2024, 11, 30),
    )
    conflicts_detect_for_claim(claim_id=claim.pk)
    return claim


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_claim_page_offers_the_suggested_event(loose_claim):
    response = logged_in(factories.editor()).get(reverse("claims:claim-detail", args=[loose_claim.pk]))
    assert b"Is this about one of these events?" in response.content
    assert b"Airstrikes around Aleppo" in response.content
    assert b"Put it under this event" in response.content


def test_an_editor_puts_the_claim_under_the_suggested_event(loose_claim):
    suggestion = EventLinkSuggestion.objects.get(claim=loose_claim)
    response = logged_in(factories.editor()).post(
        reverse("detection:event-suggestion-decide", args=[suggestion.pk, "accept"])
    )
    assert response.status_code == 302
    loose_claim.refresh_from_db()
    assert loose_claim.event == suggestion.event


def test_turned_down_it_is_no_longer_offered(loose_claim):
    suggestion = EventLinkSuggestion.objects.get(claim=loose_claim)
    client = logged_in(factories.editor())
    client.post(reverse("detection:event-suggestion-decide", args=[suggestion.pk, "reject"]))

    response = client.get(reverse("claims:claim-detail", args=[loose_claim.pk]))

    assert b"Is this about one of these events?" not in response.content
    loose_claim.refresh_from_db()
    assert loose_claim.event is None


def test_a_viewer_sees_the_suggestion_but_cannot_decide(loose_claim):
    suggestion = EventLinkSuggestion.objects.get(claim=loose_claim)
    client = logged_in(factories.viewer())
    page = client.get(reverse("claims:claim-detail", args=[loose_claim.pk]))
    assert b"Airstrikes around Aleppo" in page.content
    assert b"Put it under this event" not in page.content

    response = client.post(reverse("detection:event-suggestion-decide", args=[suggestion.pk, "accept"]))

    assert response.status_code == 403
    loose_claim.refresh_from_db()
    assert loose_claim.event is None


def test_deciding_twice_says_it_was_already_decided(loose_claim):
    suggestion = EventLinkSuggestion.objects.get(claim=loose_claim)
    client = logged_in(factories.editor())
    client.post(reverse("detection:event-suggestion-decide", args=[suggestion.pk, "reject"]))

    response = client.post(
        reverse("detection:event-suggestion-decide", args=[suggestion.pk, "accept"]), follow=True
    )

    assert b"already rejected" in response.content
