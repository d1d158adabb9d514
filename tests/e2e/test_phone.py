"""The desk on a phone (390 x 844): what the first screen shows, and touch targets."""

import pytest
from playwright.sync_api import expect

from claims.models import ConflictFlag
from tests.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = {"width": 390, "height": 844}

SMALL_TARGETS = """
() => Array.from(document.querySelectorAll(
    'button, input:not([type=hidden]):not([type=checkbox]):not([type=radio]), select, textarea, summary,'
    + ' .site-nav a, .pagination a, .triage-pick, .stats a'))
  .filter(el => el.offsetParent !== null || el.tagName === 'SUMMARY')
  .map(el => ({what: el.outerHTML.slice(0, 80), box: el.getBoundingClientRect()}))
  .filter(item => item.box.width > 0 && (item.box.height < 43.5 || item.box.width < 43.5))
  .map(item => item.what + ' ' + Math.round(item.box.width) + 'x' + Math.round(item.box.height))
"""


def first_flag() -> ConflictFlag:
    return ConflictFlag.objects.filter(rule="figure_mismatch").order_by("pk").first()


@pytest.fixture
def phone(page):
    page.set_viewport_size(PHONE)
    log_in(page, "editor")
    return page


def in_first_screen(locator) -> bool:
    box = locator.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"]


def test_the_queue_folds_its_filters_and_shows_the_first_conflict_in_the_first_screen(phone):
    phone.goto("/")
    expect(phone.locator("details.filters-box")).not_to_have_attribute("open", "")
    expect(phone.locator("details.site-menu")).not_to_have_attribute("open", "")
    first_row = phone.locator("[data-flag-id]").first
    assert in_first_screen(first_row.get_by_role("link").first)

    phone.get_by_text("Filter the conflict queue").click()
    expect(phone.get_by_label("Status", exact=True)).to_be_visible()
    phone.locator("summary", has_text="Menu").click()
    expect(phone.get_by_role("navigation", name="Main").get_by_role("link", name="Claims")).to_be_visible()


def test_filters_in_use_stay_open_on_a_phone(phone):
    phone.goto("/?status=resolved")
    expect(phone.locator("details.filters-box")).to_have_attribute("open", "")


def test_the_conflict_shows_both_figures_and_the_decision_in_the_first_screen(phone):
    flag = first_flag()
    phone.goto(flag.get_absolute_url())
    figures = phone.locator(".figure-strip > li")
    expect(figures).to_have_count(2)
    assert in_first_screen(figures.nth(0)) and in_first_screen(figures.nth(1))
    assert in_first_screen(phone.get_by_role("heading", name="Decide"))


def test_touch_targets_are_at_least_44_px_on_the_queue_and_the_conflict(phone):
    for path in ("/", first_flag().get_absolute_url(), "/claims/?q=airport", "/claims/new/"):
        phone.goto(path)
        phone.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        assert phone.evaluate(SMALL_TARGETS) == [], path


def test_the_decision_panel_is_beside_the_claims_on_a_desktop(page):
    page.set_viewport_size({"width": 1280, "height": 800})
    log_in(page, "editor")
    page.goto(first_flag().get_absolute_url())
    decide = page.get_by_role("button", name="Resolve conflict").bounding_box()
    claims = page.locator(".claim-card").first.bounding_box()
    assert decide["y"] + decide["height"] <= 800
    assert decide["x"] > claims["x"] + claims["width"]
