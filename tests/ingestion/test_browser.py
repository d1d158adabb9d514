"""In a real browser: proposals appear on the review page while the
extractor works, without a reload, and the page's script obeys the CSP."""

import pytest
from playwright.sync_api import expect

from ingestion.services import document_ingest, proposals_extract_for_document
from tests.conftest import close_tab, open_tab
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
    close_tab(page)


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


REVIEW_ARTICLE = (
    "Valley report\n"
    "The coast guard said 14 sailors were rescued on Tuesday, and said the ship had sunk.\n"
    "The ministry said 30 people were hurt, while local medics reckoned that 40 civilians died.\n"
)


def _drag_select(page, selector: str, words: str) -> None:
    """Select `words` inside `selector` with the mouse: press at the first
    letter, move to the last, release. The script only measures where the
    words are on screen; the selection itself is made by the mouse."""
    box = page.evaluate(
        """([selector, words]) => {
            const node = document.querySelector(selector).firstChild;
            const start = node.data.indexOf(words);
            const range = document.createRange();
            range.setStart(node, start);
            range.setEnd(node, start + 1);
            const first = range.getBoundingClientRect();
            range.setStart(node, start + words.length - 1);
            range.setEnd(node, start + words.length);
            const last = range.getBoundingClientRect();
            return {x1: first.left + 1, y1: first.top + first.height / 2,
                    x2: last.right - 1, y2: last.top + last.height / 2};
        }""",
        [selector, words],
    )
    page.mouse.move(box["x1"], box["y1"])
    page.mouse.down()
    page.mouse.move(box["x2"], box["y2"], steps=8)
    page.mouse.up()


def test_an_editor_reviews_and_accepts_a_proposal_with_the_excerpt_selected_by_mouse(
    chromium_page, ingestion_lexicon
):
    from claims.models import Claim
    from ingestion.models import ClaimProposal

    page = chromium_page
    user = editor(username="excerpt-editor", password="correct-horse-battery")
    document = document_ingest(title="Valley", body=REVIEW_ARTICLE, user=user)
    proposals_extract_for_document(document_id=document.pk)

    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("excerpt-editor")
    page.get_by_label("Password").fill("correct-horse-battery")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()
    page.goto(f"/ingest/documents/{document.pk}/proposals/")

    # The figure nobody could be credited with cannot be accepted in one click.
    unbound = page.locator("[data-testid=proposal]", has=page.get_by_test_id("speaker-unbound"))
    assert unbound.get_by_test_id("accept-disabled").is_disabled()
    assert "choose who stated it" in unbound.get_by_test_id("accept-reason").inner_text()

    coast_guard = page.locator("[data-testid=proposal]", has_text="14 sailors").first
    coast_guard.get_by_role("link", name="Edit, then accept").click()
    page.wait_for_selector("[data-excerpt-passage]")
    # The passage is there while the page is still parsed; its deferred script
    # starts listening for the mouse only once the document is loaded.
    page.wait_for_load_state("load")
    assert "---------" not in page.content()

    _drag_select(page, "[data-excerpt-passage]", "14 sailors were rescued on Tuesday")
    # The page reads the selection on its own events, a moment after the
    # mouse is released: wait for the field rather than read it at once.
    expect(page.locator("[data-excerpt-text]")).to_have_value("14 sailors were rescued on Tuesday")
    page.get_by_role("button", name="Save and accept").click()
    page.wait_for_url(f"**/ingest/documents/{document.pk}/proposals/**")

    proposal = ClaimProposal.objects.get(document=document, value_low=14)
    claim = Claim.objects.get(pk=proposal.claim_id)
    attribution = claim.attributions.get()
    assert document.body[attribution.excerpt_start : attribution.excerpt_end] == (
        "14 sailors were rescued on Tuesday"
    )
    assert not page.csp_violations
