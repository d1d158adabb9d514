"""In a real browser: the demo's corroboration suggestion, accepted in one click,
and the airstrikes' figure summary."""

import pytest
from playwright.sync_api import expect

from claims.models import Claim, Event
from tests.conftest import log_in

# Real commits for the live server; serialized rollback keeps the migrated rows.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_an_editor_accepts_the_suggested_corroboration(page):
    claim = Claim.objects.get(kind=Claim.Kind.OCCURRENCE, attributions__source__name="Wire agency desk")
    log_in(page, "editor")
    page.goto(claim.get_absolute_url())
    expect(page.get_by_test_id("claim-origins")).to_contain_text("2 independent origins")
    suggestion = page.get_by_test_id("corroboration-suggestion")
    expect(suggestion).to_contain_text("Suggested status: corroborated")
    suggestion.get_by_role("button", name="Mark corroborated").click()
    expect(page.get_by_test_id("claim-status")).to_have_text("Corroborated")
    expect(page.get_by_test_id("corroboration-suggestion")).to_have_count(0)
    claim.refresh_from_db()
    assert claim.status == Claim.Status.CORROBORATED
    assert page.csp_violations == []


def test_the_event_page_shows_the_figure_summary(page):
    event = Event.objects.get(title__startswith="Airstrikes around Aleppo")
    log_in(page, "viewer")
    page.goto(event.get_absolute_url())
    summary = page.get_by_test_id("figure-summary")
    expect(summary).to_contain_text("Syrian Observatory for Human Rights")
    expect(summary).to_contain_text("Russian Ministry of Defence")
    expect(page.get_by_test_id("conservative-figure")).to_contain_text("20")
    expect(summary).to_contain_text("20–200")
    assert page.csp_violations == []
