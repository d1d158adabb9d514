"""Browser tests: Playwright's sync API driving Debian's headless Chromium
against pytest-django's live server, on the demo story."""

import os
from pathlib import Path

import pytest

from tests.conftest import skip_or_fail

# Playwright's sync API runs an event loop in this thread; Django's ORM would
# otherwise refuse the test's own queries as "called from an async context".
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
DEMO_PASSWORD = "claimtrack-demo"


@pytest.fixture(scope="session")
def serialized_database(django_db_setup) -> str | None:
    """The test database's contents right after migrations (role groups,
    detection and ingestion lexicons), as pytest-django serialized them for
    the serialized rollback these tests ask for.

    Read before the browser starts: once Playwright's event loop runs in this
    thread, Django's per-context connection storage hands out a fresh
    connection object that lacks this attribute."""
    from django.db import connection

    return getattr(connection, "_test_serialized_contents", None)


@pytest.fixture(scope="module", autouse=True)
def database_ready_for_serialized_rollback(serialized_database, django_db_blocker):
    """Before this module's first test, make sure Django can restore the
    migrated rows into the test database.

    A live-server test elsewhere that does not use serialized rollback leaves
    the tables flushed and then refilled by post_migrate: content types and
    permissions under new ids, which the serialized copy would collide with.
    Removing those (the copy brings them back) leaves the clean slate Django
    expects. Module-scoped so it runs before pytest-django's per-test setup."""
    from django.contrib.auth.models import Group
    from django.contrib.contenttypes.models import ContentType

    from accounts.roles import Role

    with django_db_blocker.unblock():
        if serialized_database and not Group.objects.filter(name=Role.EDITOR).exists():
            ContentType.objects.all().delete()
            ContentType.objects.clear_cache()


# Module scope: the browser (and Playwright's event loop) is gone before the
# next test module runs, so later tests see Django's usual connections.
@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        skip_or_fail(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        skip_or_fail("the playwright package is not installed")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def demo(transactional_db, serialized_database, settings):
    """The demo story, with conflict detection run on it as on any new claim.

    Tests using it mark themselves django_db(transaction=True,
    serialized_rollback=True): the live server needs committed rows, and the
    flush after each test must not lose what the data migrations made."""
    from django.db import connection

    from claims.demo import demo_load

    if serialized_database and not hasattr(connection, "_test_serialized_contents"):
        # See serialized_database: give the connection this context now uses
        # the copy, so the flush after this test restores the migrated rows.
        connection._test_serialized_contents = serialized_database

    # The live server speaks plain HTTP.
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    return demo_load()


@pytest.fixture
def page(browser, live_server, demo):
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(15_000)
    # Anything the Content-Security-Policy blocks (inline script or style)
    # shows up as a console error; the tests assert there is none.
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
