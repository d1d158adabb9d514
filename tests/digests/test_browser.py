"""The digest pages in a real browser, with the site's Content-Security-Policy:
the preview frame shows the email with its inline styles, and the unsubscribe
link works for someone who is not logged in."""

import os
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from claims.demo import DEMO_PASSWORD, demo_load
from digests.selectors import digest_preference_for
from digests.tokens import unsubscribe_token_for
from digests.weeks import IsoWeek
from tests.conftest import skip_or_fail

pytestmark = pytest.mark.browser

# Playwright's sync API runs an event loop in this thread; Django's ORM would
# otherwise refuse the test's own queries as "called from an async context".
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="session")
def migrated_contents(django_db_setup) -> str | None:
    """The test database's rows right after migrations (role groups, detection
    lexicons) as pytest-django serialized them, read before the browser starts.

    Once Playwright's event loop runs in this thread, Django hands out a fresh
    connection object without this snapshot, and the flush after a
    transactional test would lose those rows for every test after it (the
    same trick as tests/e2e/conftest.py)."""
    from django.db import connection

    return getattr(connection, "_test_serialized_contents", None)


@pytest.fixture(scope="module")
def browser(migrated_contents):
    if not CHROMIUM.exists():
        skip_or_fail(f"Chromium not found at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        yield browser
        browser.close()


@pytest.fixture
def page(django_db_serialized_rollback, transactional_db, migrated_contents, browser, live_server, settings):
    """A browser tab on the live server, with the demo story loaded.

    The live server needs committed rows; serialized rollback puts back the
    role groups the migrations made once a transactional test has emptied them.
    """
    from django.db import connection

    if migrated_contents and not hasattr(connection, "_test_serialized_contents"):
        connection._test_serialized_contents = migrated_contents
    settings.SESSION_COOKIE_SECURE = False  # the live server speaks plain HTTP
    settings.CSRF_COOKIE_SECURE = False
    demo_load()
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(15_000)
    # Whatever the Content-Security-Policy blocks shows up as a console error.
    page.csp_violations = []
    page.on(
        "console",
        lambda message: (
            page.csp_violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    yield page
    context.close()


def log_in(page, username: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/")


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
    assert frame.get_by_text("New claims: 8").is_visible()
    assert page.csp_violations == []


def test_someone_not_logged_in_unsubscribes_from_the_emails_link(page):
    reader = get_user_model().objects.get(username="viewer")
    page.goto(reverse("digests:unsubscribe", kwargs={"token": unsubscribe_token_for(reader.pk)}))

    page.get_by_role("button", name="Unsubscribe").click()

    assert page.get_by_role("heading", name="You are unsubscribed").is_visible()
    assert not digest_preference_for(reader).subscribed
    assert page.csp_violations == []
