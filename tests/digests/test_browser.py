"""The digest pages in a real browser, with the site's Content-Security-Policy:
the preview frame shows the email with its inline styles, and the unsubscribe
link works for someone who is not logged in."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from claims.demo import CLAIMS
from digests.selectors import digest_preference_for
from digests.tokens import unsubscribe_token_for
from digests.weeks import IsoWeek
from tests.conftest import log_in

# Real commits for the live server; serialized rollback puts back what the
# data migrations made after each test empties the tables.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_an_editor_sees_a_colleagues_digest_styled_in_the_preview(page):
    # The demo story arrives now, so preview the current week.
    week = IsoWeek.containing(timezone.localdate())
    log_in(page, "editor")

    page.goto(f"/digests/preview/?reader=factchecker&week={week}")

    assert page.get_by_role("heading", name=f"Digest preview: factchecker, {week}").is_visible()
    frame = page.frame_locator("iframe.digest-preview-frame")
    heading = frame.get_by_role("heading", name=f"Week {week}")
    heading.wait_for()
    # The email's inline colour applies, so its styles were not blocked.
    assert heading.evaluate("element => getComputedStyle(element).color") == "rgb(31, 35, 40)"
    assert frame.get_by_text(f"New claims: {len(CLAIMS)}").is_visible()
    assert page.csp_violations == []


def test_someone_not_logged_in_unsubscribes_from_the_emails_link(page):
    reader = get_user_model().objects.get(username="viewer")
    page.goto(reverse("digests:unsubscribe", kwargs={"token": unsubscribe_token_for(reader.pk)}))

    page.get_by_role("button", name="Unsubscribe").click()

    assert page.get_by_role("heading", name="You are unsubscribed").is_visible()
    assert not digest_preference_for(reader).subscribed
    assert page.csp_violations == []
