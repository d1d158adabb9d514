"""In a real browser: proposals appear on the review page while the
extractor works, without a reload, and the page's script obeys the CSP."""

import pytest

from ingestion.services import document_ingest, proposals_extract_for_document
from tests.conftest import open_tab
from tests.factories import editor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ARTICLE = (
    "Storm report\n"
    "The coast guard said 14 sailors were rescued on Tuesday.\n"
    '"The waves were higher than the mast," said Tomas Rell, a captain.\n'
)


@pytest.fixture
def chromium_page(browser, live_server, live_site):
    page = open_tab(browser, live_server.url)
    yield page
    page.context.close()


def test_proposals_appear_on_the_review_page_as_the_extractor_finds_them(
    chromium_page, ingestion_lexicon, monkeypatch
):
    page = chromium_page
    user = editor(username="browser-editor", password="correct-horse-battery")
    # Hold the extraction back so the page first shows the document waiting.
    monkeypatch.setattr("ingestion.tasks.queue_document_extraction", lambda document_id: None)
    document = document_ingest(title="Storm", body=ARTICLE, user=user)

    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("browser-editor")
    page.get_by_label("Password").fill("correct-horse-battery")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()
    page.goto(f"/ingest/documents/{document.pk}/proposals/")
    assert page.get_by_test_id("extraction-status").is_visible()
    assert page.get_by_test_id("proposal").count() == 0

    proposals_extract_for_document(document_id=document.pk)

    page.wait_for_selector("[data-testid=proposal] >> nth=1")
    assert page.get_by_test_id("proposal").count() == 2
    assert page.get_by_test_id("extraction-status").count() == 0
    assert "Tomas Rell" in page.inner_text("#proposals")
    assert not [e for e in page.console_errors if "Content Security Policy" in e]
