"""Swagger UI and Redoc render in a real browser under the site's
Content-Security-Policy, with their assets served by the site itself."""

import pytest

from tests import factories
from tests.conftest import close_tab, open_tab

pytestmark = pytest.mark.browser


@pytest.fixture
def docs_page(browser, live_server):
    page = open_tab(browser, live_server.url)
    page.set_default_timeout(20_000)
    page.blocked = page.csp_violations
    # Nothing may come from another site: the sidecar serves the assets.
    page.foreign = []
    page.on(
        "request",
        lambda request: (
            None
            if request.url.startswith((live_server.url, f"blob:{live_server.url}", "data:"))
            else page.foreign.append(request.url)
        ),
    )
    yield page
    close_tab(page)


def test_swagger_ui_lists_the_operations(docs_page):
    docs_page.goto("/api/docs/")
    docs_page.get_by_text("Record a claim with its attributions").first.wait_for()
    assert docs_page.locator(".opblock").count() > 40
    assert docs_page.blocked == []
    assert docs_page.foreign == []


def test_redoc_renders_the_schema(docs_page):
    docs_page.goto("/api/redoc/")
    docs_page.locator("h1", has_text="Claimtrack API").wait_for()
    # Operations sit in collapsed menu groups: present, not necessarily visible.
    docs_page.get_by_text("Record a claim with its attributions").first.wait_for(state="attached")
    # Redoc's footer links its vendor's logo from their CDN; the policy blocks
    # that one image (nothing else), which is what keeps the page off third parties.
    assert [m for m in docs_page.blocked if "cdn.redoc.ly/redoc/logo-mini.svg" not in m] == []
    assert [url for url in docs_page.foreign if "cdn.redoc.ly" not in url] == []


def test_the_browsable_api_works_with_a_session_under_the_policy(docs_page, live_server, editor_user):
    from django.conf import settings
    from django.test import Client

    factories.ClaimFactory(text="Strikes hit the supply road.")
    client = Client()
    client.force_login(editor_user)
    docs_page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    docs_page.goto("/api/v1/claims/")
    docs_page.get_by_text("Strikes hit the supply road.").first.wait_for()
    # The HTML form for a new claim is offered to an editor.
    assert docs_page.locator("form").count() >= 1
    assert docs_page.blocked == []
    assert docs_page.foreign == []
