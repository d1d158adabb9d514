"""In a real browser on a machine without an emoji font: the header's bell is
drawn (an inline SVG, not a glyph that renders as an empty box) and is named
for screen readers by its unread count."""

import pytest
from playwright.sync_api import expect

from tests.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_the_bell_is_drawn_and_named_without_an_emoji_font(page):
    log_in(page, "editor")
    bell = page.get_by_role("link", name="Notifications: 0 unread")
    expect(bell).to_be_visible()
    icon = bell.get_by_test_id("bell-icon")
    expect(icon).to_be_visible()
    box = icon.bounding_box()
    assert box["width"] >= 16 and box["height"] >= 16
    # No text of its own: the glyph is gone, the name comes from aria-label.
    assert bell.inner_text().strip() == ""
    # Drawn in the header's text colour, so it shows on the dark header.
    assert icon.evaluate("node => getComputedStyle(node).stroke") == bell.evaluate(
        "node => getComputedStyle(node).color"
    )
    assert page.csp_violations == []
