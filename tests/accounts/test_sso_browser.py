"""Single sign-on in a real browser (Chromium): the button on our log-in page,
the provider's page, and back, under the site's Content-Security-Policy (whose
form-action must let the sign-in form's redirect reach the provider)."""

import pytest
from django.contrib.auth import get_user_model

from accounts.roles import user_role
from tests.accounts.conftest import CALLBACK
from tests.conftest import close_tab, open_tab

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture(scope="module")
def provider_redirect_uris(live_server) -> list[str]:
    return [CALLBACK, f"{live_server.url}/accounts/oidc/sso/login/callback/"]


def test_a_browser_signs_in_with_the_provider_and_lands_with_its_role(browser, live_server, live_site, idp):
    tab = open_tab(browser, live_server.url)
    tab.goto("/accounts/login/")
    tab.get_by_role("button", name="Sign in with Newsroom Login").click()
    tab.wait_for_url(f"{idp.issuer}/interaction/**")
    tab.locator("input[name=login]").fill("bo")
    tab.get_by_role("button", name="Sign in").click()
    tab.wait_for_url(f"{live_server.url}/")
    assert tab.csp_violations == []
    assert user_role(get_user_model().objects.get(username="bo")) == "fact-checker"
    close_tab(tab)


def test_a_browser_without_a_mapped_group_sees_why(browser, live_server, live_site, idp):
    tab = open_tab(browser, live_server.url)
    tab.goto("/accounts/login/")
    tab.get_by_role("button", name="Sign in with Newsroom Login").click()
    tab.wait_for_url(f"{idp.issuer}/interaction/**")
    tab.locator("input[name=login]").fill("dana")
    tab.get_by_role("button", name="Sign in").click()
    tab.wait_for_url(f"{live_server.url}/accounts/oidc/sso/login/callback/**")
    assert "not in any group that gives access to Claimtrack" in tab.get_by_role("alert").inner_text()
    assert tab.csp_violations == []
    close_tab(tab)
