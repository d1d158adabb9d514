"""Single sign-on through OpenID Connect (accounts/sso.py), end to end against
a real provider (tests/accounts/conftest.py): our log-in page starts the
authorization-code flow, the provider signs the person in and sends the
browser back with a code, and our callback exchanges it over HTTP."""

from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from accounts.roles import user_role
from tests.accounts.conftest import csrf_token_in, person
from tests.factories import editor

pytestmark = pytest.mark.django_db

SIGN_IN_URL = "/accounts/oidc/sso/login/"


def browser() -> Client:
    # CSRF checked as in production (the test client skips it by default).
    return Client(enforce_csrf_checks=True)


def start_sign_in(client: Client, *, next_url: str = "") -> str:
    """Press "Sign in with ..." on our log-in page; return the provider's authorization address."""
    page = client.get("/accounts/login/")
    answer = client.post(SIGN_IN_URL, {"csrfmiddlewaretoken": csrf_token_in(page.text), "next": next_url})
    assert answer.status_code == 302, answer.content
    return answer["Location"]


def sign_in(client: Client, idp, account_id: str, *, next_url: str = ""):
    """The whole round trip; returns our callback's answer."""
    callback = idp.sign_in(start_sign_in(client, next_url=next_url), account_id)
    return client.get(callback)


def signed_in_user(client: Client):
    user_id = client.session.get("_auth_user_id")
    return get_user_model().objects.get(pk=user_id) if user_id else None


def test_the_login_page_has_no_single_sign_on_when_it_is_off(client):
    page = client.get("/accounts/login/")
    assert "Sign in with" not in page.text
    assert client.post(SIGN_IN_URL).status_code == 404


def test_the_login_page_offers_sign_in_with_the_provider(idp):
    page = browser().get("/accounts/login/")
    assert "Sign in with Newsroom Login" in page.text
    assert f'action="{SIGN_IN_URL}"' in page.text


@pytest.mark.parametrize(
    ("account_id", "role"), [("amira", "editor"), ("bo", "fact-checker"), ("chen", "viewer")]
)
def test_a_new_person_gets_the_role_their_group_maps_to(idp, account_id, role):
    client = browser()
    answer = sign_in(client, idp, account_id)
    assert answer.status_code == 302 and answer["Location"] == "/"
    user = signed_in_user(client)
    assert user.username == account_id and user.email == f"{account_id}@newsroom.example"
    assert user_role(user) == role
    assert not user.has_usable_password()
    assert client.get("/").status_code == 200


def test_the_sign_in_goes_on_to_the_page_that_was_asked_for(idp):
    client = browser()
    answer = sign_in(client, idp, "chen", next_url="/claims/")
    assert answer["Location"] == "/claims/"


def test_a_person_in_no_mapped_group_is_refused(idp):
    client = browser()
    answer = sign_in(client, idp, "dana")
    assert answer.status_code == 403
    assert "not in any group that gives access to Claimtrack" in answer.text
    assert signed_in_user(client) is None
    assert not get_user_model().objects.filter(email="dana@newsroom.example").exists()


def test_a_role_changed_at_the_provider_applies_at_the_next_sign_in(idp):
    sign_in(browser(), idp, "amira")
    idp.set_accounts({"amira": person("amira", "amira@newsroom.example", ["newsroom-staff"])})
    client = browser()
    sign_in(client, idp, "amira")
    user = signed_in_user(client)
    assert user_role(user) == "viewer"
    assert get_user_model().objects.filter(email="amira@newsroom.example").count() == 1


def test_a_person_removed_from_every_group_is_refused_and_loses_the_role(idp):
    first = browser()
    sign_in(first, idp, "bo")
    idp.set_accounts({"bo": person("bo", "bo@newsroom.example", [])})
    answer = sign_in(browser(), idp, "bo")
    assert answer.status_code == 403
    user = get_user_model().objects.get(email="bo@newsroom.example")
    assert user_role(user) is None
    # The session from before the removal now reads nothing either.
    assert first.get("/claims/").status_code == 403


def test_an_unverified_email_never_takes_over_an_existing_account(idp):
    target = editor(username="desk-chief", email="chief@newsroom.example")
    idp.set_accounts(
        {"mallory": person("mallory", "chief@newsroom.example", ["newsroom-editors"], verified=False)}
    )
    client = browser()
    answer = sign_in(client, idp, "mallory")
    assert answer.status_code == 403
    assert "has not confirmed that address is yours" in answer.text
    assert signed_in_user(client) is None
    assert not SocialAccount.objects.exists()
    assert get_user_model().objects.filter(email__iexact="chief@newsroom.example").get() == target


def test_a_verified_email_links_the_existing_account(idp):
    existing = editor(username="amira.k", email="Amira@Newsroom.example")
    idp.set_accounts({"amira": person("amira", "amira@newsroom.example", ["fact-checkers"])})
    client = browser()
    sign_in(client, idp, "amira")
    assert signed_in_user(client) == existing
    assert SocialAccount.objects.get(uid="amira").user == existing
    existing.refresh_from_db()
    assert user_role(existing) == "fact-checker"
    assert existing.has_usable_password()  # the local password still works; the role follows the provider


def test_a_domain_the_provider_owns_counts_as_verified(idp, settings):
    settings.OIDC_VERIFIED_EMAIL_DOMAINS = ["newsroom.example"]
    existing = editor(username="chen.w", email="chen@newsroom.example")
    idp.set_accounts({"chen": person("chen", "chen@newsroom.example", ["newsroom-staff"], verified=False)})
    client = browser()
    sign_in(client, idp, "chen")
    assert signed_in_user(client) == existing


def test_a_callback_whose_state_does_not_match_is_refused(idp):
    client = browser()
    callback = idp.sign_in(start_sign_in(client), "amira")
    parts = urlsplit(callback)
    query = dict(parse_qsl(parts.query))
    query["state"] = "forged-state"
    answer = client.get(f"{parts.path}?{urlencode(query)}")
    assert answer.status_code == 400
    assert "could not be completed" in answer.text
    assert signed_in_user(client) is None


def test_a_callback_brought_to_another_browser_is_refused(idp):
    # Login CSRF: an attacker finishes their own sign-in and gets the victim's
    # browser to open the callback, to log the victim into the attacker's account.
    callback = idp.sign_in(start_sign_in(browser()), "amira")
    victim = browser()
    answer = victim.get(callback)
    assert answer.status_code == 400
    assert signed_in_user(victim) is None


def test_starting_a_sign_in_needs_the_csrf_token(idp):
    client = browser()
    client.get("/accounts/login/")
    assert client.post(SIGN_IN_URL).status_code == 403


def test_cancelling_at_the_provider_comes_back_to_the_login_page(idp):
    client = browser()
    answer = client.get(idp.cancel(start_sign_in(client)), follow=True)
    assert answer.redirect_chain[-1][0] == "/accounts/login/"
    assert "Sign-in with Newsroom Login was cancelled." in answer.text
    assert signed_in_user(client) is None


def test_the_providers_mfa_stands_in_for_the_totp_code(idp, settings):
    settings.TWO_FACTOR_REQUIRED = True
    client = browser()
    sign_in(client, idp, "amira")
    assert client.get("/").status_code == 200


def test_local_two_factor_can_be_required_on_top(idp, settings):
    settings.TWO_FACTOR_REQUIRED = True
    settings.OIDC_LOCAL_TWO_FACTOR = True
    client = browser()
    sign_in(client, idp, "amira")
    answer = client.get("/")
    assert answer.status_code == 302 and answer["Location"].startswith(reverse("two-factor-setup"))


def test_the_password_login_still_works_with_single_sign_on_on(idp):
    editor(username="night-desk")
    client = browser()
    page = client.get("/accounts/login/")
    answer = client.post(
        "/accounts/login/",
        {
            "csrfmiddlewaretoken": csrf_token_in(page.text),
            "username": "night-desk",
            "password": "correct-horse-battery",
        },
    )
    assert answer.status_code == 302
    assert signed_in_user(client).username == "night-desk"


def test_a_password_reset_cannot_give_a_single_sign_on_account_a_password(idp, mailoutbox):
    sign_in(browser(), idp, "chen")
    answer = Client().post(reverse("password_reset"), {"email": "chen@newsroom.example"})
    assert answer.status_code == 302
    assert mailoutbox == []


def test_connecting_an_identity_to_a_signed_in_account_is_refused(idp):
    # allauth's "connect" process would join a second identity to the account
    # signed in; Claimtrack offers no such page and the adapter refuses it.
    desk = editor(username="desk", email="desk@newsroom.example")
    client = browser()
    client.force_login(desk)
    page = client.get("/accounts/tokens/")
    started = client.post(
        SIGN_IN_URL, {"csrfmiddlewaretoken": csrf_token_in(page.text), "process": "connect"}
    )
    answer = client.get(idp.sign_in(started["Location"], "amira"))
    assert answer.status_code == 400
    assert "Start the sign-in from the log-in page." in answer.text
    assert not SocialAccount.objects.exists()


def test_only_the_sign_in_pages_may_send_a_form_to_the_provider(idp):
    # Browsers apply form-action to the redirect after the POST too
    # (tests/accounts/test_sso_browser.py shows it in Chromium).
    client = browser()
    login = client.get("/accounts/login/")
    assert f"form-action 'self' {idp.issuer}" in login["Content-Security-Policy"]
    confirm = client.get(SIGN_IN_URL)
    assert "Continue to Newsroom Login" in confirm.text
    assert f"form-action 'self' {idp.issuer}" in confirm["Content-Security-Policy"]
    elsewhere = client.get(reverse("password_reset"))
    assert idp.issuer not in elsewhere["Content-Security-Policy"]
