"""Single sign-on settings (OpenID Connect through django-allauth), read from
the environment. Off unless OIDC_SERVER_URL is set (or OIDC_ENABLED=true);
when on, a missing client id, secret or group-to-role mapping stops the start.

The sign-in itself lives in accounts/sso.py; docs/security.md "Single sign-on"
says what is trusted and why, docs/production.md how to register the app at
Google Workspace or Microsoft Entra.
"""

from django.core.exceptions import ImproperlyConfigured

# The provider's id in our URLs: the redirect URI to register at the identity
# provider is <SITE_URL>/accounts/oidc/sso/login/callback/.
SSO_PROVIDER_ID = "sso"

# Role names as OIDC_ROLE_GROUPS may spell them (an environment variable
# cannot be relied on to keep a hyphen in a key, so fact_checker works too).
ROLE_SPELLINGS = {
    "editor": "editor",
    "fact-checker": "fact-checker",
    "fact_checker": "fact-checker",
    "viewer": "viewer",
}


def parse_role_groups(raw: str) -> dict[str, str]:
    """ "editor=newsroom-editors,fact_checker=fact-checkers" -> {group: role}.

    A role may be listed more than once (several groups give it); one group
    given two different roles is refused, because which one wins would be a
    guess.
    """
    mapping: dict[str, str] = {}
    for pair in (raw or "").split(","):
        if not pair.strip():
            continue
        role_name, sep, group = pair.partition("=")
        role = ROLE_SPELLINGS.get(role_name.strip().lower())
        group = group.strip()
        if not sep or role is None or not group:
            raise ImproperlyConfigured(
                f"OIDC_ROLE_GROUPS: cannot read {pair.strip()!r}; write role=group pairs separated by "
                f"commas, with a role among {', '.join(sorted(set(ROLE_SPELLINGS.values())))}."
            )
        if mapping.get(group, role) != role:
            raise ImproperlyConfigured(f"OIDC_ROLE_GROUPS gives the group {group!r} two roles.")
        mapping[group] = role
    return mapping


def sso_provider_settings(
    *, server_url: str, client_id: str, secret: str, name: str, scopes: list[str]
) -> dict:
    """allauth's SOCIALACCOUNT_PROVIDERS for our one OpenID Connect provider
    (also what the tests point at their own provider)."""
    app = {
        "provider_id": SSO_PROVIDER_ID,
        "name": name,
        "client_id": client_id,
        "secret": secret,
        "settings": {
            "server_url": server_url,
            # PKCE on top of the client secret: a code caught on its way back
            # (a log, a proxy) cannot be exchanged without this session's verifier.
            "oauth_pkce_enabled": True,
            "scope": scopes,
        },
    }
    return {"openid_connect": {"APPS": [app]}}


def sso_settings(env, *, require_https: bool) -> dict:
    """Every OIDC_* setting, and allauth's provider list (empty when off).

    With `require_https` (production) the server URL must be https: the ID
    token comes straight from the provider's token endpoint and allauth, as
    the specification allows, trusts TLS for it rather than its signature.
    """
    server_url = env.str("OIDC_SERVER_URL", default="")
    values = {
        "OIDC_ENABLED": env.bool("OIDC_ENABLED", default=bool(server_url)),
        "OIDC_PROVIDER_ID": SSO_PROVIDER_ID,
        "OIDC_PROVIDER_NAME": env.str("OIDC_PROVIDER_NAME", default="single sign-on"),
        "OIDC_GROUPS_CLAIM": env.str("OIDC_GROUPS_CLAIM", default="groups"),
        "OIDC_ROLE_GROUPS": parse_role_groups(env.str("OIDC_ROLE_GROUPS", default="")),
        # Email domains the identity provider owns: its addresses there count as
        # verified even without an email_verified claim (Microsoft Entra sends none).
        "OIDC_VERIFIED_EMAIL_DOMAINS": [
            domain.lower() for domain in env.list("OIDC_VERIFIED_EMAIL_DOMAINS", default=[])
        ],
        # Off: the identity provider's own MFA stands in for Claimtrack's TOTP.
        "OIDC_LOCAL_TWO_FACTOR": env.bool("OIDC_LOCAL_TWO_FACTOR", default=False),
        "SOCIALACCOUNT_PROVIDERS": {},
    }
    if not values["OIDC_ENABLED"]:
        return values
    required = ("OIDC_SERVER_URL", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET", "OIDC_ROLE_GROUPS")
    missing = [name for name in required if not env.str(name, default="").strip()]
    if missing:
        raise ImproperlyConfigured(
            f"Single sign-on is on (OIDC_SERVER_URL or OIDC_ENABLED) but these are not set: {', '.join(missing)}."
        )
    if require_https and not server_url.startswith("https://"):
        raise ImproperlyConfigured(f"OIDC_SERVER_URL must be an https:// address, not {server_url!r}.")
    values["SOCIALACCOUNT_PROVIDERS"] = sso_provider_settings(
        server_url=server_url,
        client_id=env.str("OIDC_CLIENT_ID"),
        secret=env.str("OIDC_CLIENT_SECRET"),
        name=values["OIDC_PROVIDER_NAME"],
        scopes=env.list("OIDC_SCOPES", default=["openid", "profile", "email"]),
    )
    return values
