"""Single sign-on's settings from the environment (tracker/sso_settings.py)."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from tracker.env import StrictEnv
from tracker.sso_settings import parse_role_groups, sso_settings

ON = {
    "OIDC_SERVER_URL": "https://login.microsoftonline.com/tenant/v2.0",
    "OIDC_CLIENT_ID": "client",
    "OIDC_CLIENT_SECRET": "secret",
    "OIDC_ROLE_GROUPS": "editor=eds,fact_checker=checkers,viewer=staff",
}


def read(variables: dict, *, require_https: bool = True) -> dict:
    env = StrictEnv()
    env.ENVIRON = dict(variables)
    return sso_settings(env, require_https=require_https)


def test_it_is_off_without_a_server_url():
    values = read({})
    assert values["OIDC_ENABLED"] is False
    assert values["SOCIALACCOUNT_PROVIDERS"] == {}


def test_a_server_url_turns_it_on_with_pkce_and_the_default_scopes():
    values = read(ON)
    [app] = values["SOCIALACCOUNT_PROVIDERS"]["openid_connect"]["APPS"]
    assert values["OIDC_ENABLED"] is True
    assert app["provider_id"] == "sso" and app["client_id"] == "client"
    assert app["settings"]["oauth_pkce_enabled"] is True
    assert app["settings"]["scope"] == ["openid", "profile", "email"]
    assert values["OIDC_ROLE_GROUPS"] == {"eds": "editor", "checkers": "fact-checker", "staff": "viewer"}


def test_oidc_enabled_false_turns_it_off_even_with_a_server_url():
    assert read({**ON, "OIDC_ENABLED": "false"})["SOCIALACCOUNT_PROVIDERS"] == {}


@pytest.mark.parametrize("missing", ["OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET", "OIDC_ROLE_GROUPS"])
def test_it_refuses_to_start_without_what_it_needs(missing):
    variables = {name: value for name, value in ON.items() if name != missing}
    with pytest.raises(ImproperlyConfigured, match=missing):
        read(variables)


def test_a_role_may_have_several_groups():
    assert parse_role_groups("editor=a, editor=b ,viewer=c") == {"a": "editor", "b": "editor", "c": "viewer"}


@pytest.mark.parametrize("raw", ["editor", "boss=eds", "editor=", "editor=eds,viewer=eds"])
def test_it_refuses_a_mapping_it_cannot_read(raw):
    with pytest.raises(ImproperlyConfigured, match="OIDC_ROLE_GROUPS"):
        parse_role_groups(raw)


def test_strict_booleans_apply_to_the_oidc_switches():
    with pytest.raises(ImproperlyConfigured, match="OIDC_LOCAL_TWO_FACTOR"):
        read({**ON, "OIDC_LOCAL_TWO_FACTOR": "ture"})


def test_production_refuses_a_provider_without_tls():
    plain = {**ON, "OIDC_SERVER_URL": "http://idp.example"}
    with pytest.raises(ImproperlyConfigured, match="https"):
        read(plain)
    assert read(plain, require_https=False)["OIDC_ENABLED"] is True
