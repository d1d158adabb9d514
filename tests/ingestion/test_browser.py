"""In a real browser: proposals appear on the review page while the
extractor works, without a reload, and the page's script obeys the CSP."""

import os
from pathlib import Path

import pytest

from ingestion.services import document_ingest, proposals_extract_for_document
from tests.conftest import skip_or_fail
from tests.factories import editor

# Playwright's sync API runs an event loop in this thread; Django's ORM would
# otherwise refuse the test's own queries as "called from an async context".
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

CHROMIUM = Path("/usr/bin/chromium")
ARTICLE = (
    "Storm report\n"
    "The coast guard said 14 sailors were rescued on Tuesday.\n"
    '"The waves were higher than the mast," said Tomas Rell, a captain.\n'
)


@pytest.fixture
def chromium_page(live_server, settings):
    if not CHROMIUM.exists():
        skip_or_fail(f"Chromium not found at {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        skip_or_fail("the playwright package is not installed")
    settings.SESSION_COOKIE_SECURE = False  # the live server speaks plain HTTP
    settings.CSRF_COOKIE_SECURE = False
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        context = browser.new_context(base_url=live_server.url)
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.console_errors = []
        page.on("console", lambda m: page.console_errors.append(m.text) if m.type == "error" else None)
        yield page
        context.close()
        browser.close()


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
