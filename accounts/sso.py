"""Single sign-on through an OpenID Connect identity provider (django-allauth).

Off unless OIDC_SERVER_URL is set (tracker/sso_settings.py). When on, the
log-in page offers "Sign in with <provider>" next to the password form, and
allauth runs the authorization-code flow (state, nonce and PKCE checked by
allauth). This adapter decides who the person is and what they may do, on
every sign-in, before allauth logs them in:

- Role: the identity provider's groups (claim OIDC_GROUPS_CLAIM) through
  OIDC_ROLE_GROUPS give the strongest matching role, which replaces whatever
  role the account held. No matching group: refused, and an account already
  linked loses its role, so its old sessions and API tokens read nothing.
- Account: the one already linked to this identity (the provider's `sub`);
  else the one account whose email matches, only when the provider vouches
  for the address (email_verified, or a domain in OIDC_VERIFIED_EMAIL_DOMAINS);
  else a new account without a password. An unverified address that matches
  an account is refused: joining it would hand that account to whoever
  typed the address at the provider.
- Second factor: the provider's own MFA counts (docs/security.md), unless
  OIDC_LOCAL_TWO_FACTOR asks for Claimtrack's TOTP as well.

allauth's sign-up, connect and email pages are never reached: the adapter
creates or links the account itself and refuses everything else.
"""

import functools
import logging
from urllib.parse import urlsplit

from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.providers.base import AuthError, AuthProcess
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db import transaction
from django.shortcuts import redirect, render

from .roles import Role
from .services import user_create_from_identity_provider, user_role_set
from .two_factor import NONE, SESSION_KEY

logger = logging.getLogger(__name__)

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"
ROLE_STRENGTH = [Role.EDITOR.value, Role.FACT_CHECKER.value, Role.VIEWER.value]


def provider_name() -> str:
    return settings.OIDC_PROVIDER_NAME


def sso_enabled() -> bool:
    return bool(getattr(settings, "OIDC_ENABLED", False) and settings.SOCIALACCOUNT_PROVIDERS)


def provider_origin() -> str | None:
    """The identity provider's origin (scheme, host, port), from its server URL."""
    if not sso_enabled():
        return None
    app = settings.SOCIALACCOUNT_PROVIDERS["openid_connect"]["APPS"][0]
    parts = urlsplit(app["settings"]["server_url"])
    return f"{parts.scheme}://{parts.netloc}"


def allow_form_to_provider(response):
    """Let a page's sign-in form lead to the provider: browsers apply the CSP's
    form-action to the redirect that answers the POST as well, and ours is
    'self' only. Only the pages with that form get the provider's origin."""
    origin = provider_origin()
    if origin:
        response._csp_update = {"form-action": [origin]}
    return response


def with_form_to_provider(view):
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        return allow_form_to_provider(view(request, *args, **kwargs))

    return wrapped


def identity_claims(sociallogin) -> dict:
    """What the provider said about the person: the userinfo answer, with the
    ID token (made for this client, its issuer and audience checked) winning
    where both speak. Entra, for one, puts the groups in the ID token only."""
    data = sociallogin.account.extra_data or {}
    return {**(data.get("userinfo") or {}), **(data.get("id_token") or {})}


def claim_groups(claims: dict) -> list[str]:
    groups = claims.get(settings.OIDC_GROUPS_CLAIM)
    if isinstance(groups, str):
        return [groups]
    if isinstance(groups, list):
        return [str(group) for group in groups]
    return []


def role_from_groups(groups: list[str]) -> str | None:
    """The strongest role any of the groups gives, or None."""
    given = {settings.OIDC_ROLE_GROUPS[group] for group in groups if group in settings.OIDC_ROLE_GROUPS}
    return next((role for role in ROLE_STRENGTH if role in given), None)


def email_is_verified(claims: dict, email: str) -> bool:
    """Whether the provider vouches that this address is the person's."""
    if claims.get("email_verified") is True or str(claims.get("email_verified")).lower() == "true":
        return True
    return email.rpartition("@")[2].lower() in settings.OIDC_VERIFIED_EMAIL_DOMAINS


def refusal(request, *, message: str, reason: str, status: int = 403) -> ImmediateHttpResponse:
    """The page a refused sign-in gets, and the log line that says why."""
    logger.warning("Single sign-on refused: %s", reason)
    context = {"message": message, "provider_name": provider_name()}
    return ImmediateHttpResponse(render(request, "accounts/sso_refused.html", context, status=status))


class SingleSignOnAdapter(DefaultSocialAccountAdapter):
    """allauth's hooks for Claimtrack (SOCIALACCOUNT_ADAPTER)."""

    def pre_social_login(self, request, sociallogin):
        """Runs after the provider's answer is checked, before the log-in."""
        if sociallogin.state.get("process") != AuthProcess.LOGIN:
            raise refusal(
                request, message="Start the sign-in from the log-in page.", reason="not a log-in", status=400
            )
        claims = identity_claims(sociallogin)
        subject = f"{sociallogin.account.uid} ({claims.get('email') or 'no email'})"
        role = role_from_groups(claim_groups(claims))
        if role is None:
            self._refuse_without_role(request, sociallogin, claims, subject)
        with transaction.atomic():
            user = (
                sociallogin.user
                if sociallogin.is_existing
                else self._link_or_create(request, sociallogin, claims)
            )
            if not user.is_active:
                raise refusal(
                    request, message="This Claimtrack account is switched off.", reason=f"{subject}: inactive"
                )
            user_role_set(user=user, role=role, reason=f"groups at {provider_name()}")
        # Logged in through the plain model backend, as a password log-in is.
        user.backend = MODEL_BACKEND
        sociallogin.user = user

    def _refuse_without_role(self, request, sociallogin, claims, subject):
        if sociallogin.is_existing:
            user_role_set(user=sociallogin.user, role=None, reason=f"no role group at {provider_name()}")
        overage = settings.OIDC_GROUPS_CLAIM in (claims.get("_claim_names") or {})
        raise refusal(
            request,
            message=(
                f"Your {provider_name()} account is not in any group that gives access to Claimtrack. "
                "Ask your administrator to add you to the newsroom's group."
            ),
            reason=f"{subject}: no mapped group"
            + (" (the provider sent a group overage link instead of the groups)" if overage else ""),
        )

    def _link_or_create(self, request, sociallogin, claims):
        email = (claims.get("email") or "").strip()
        same_email = list(get_user_model().objects.filter(email__iexact=email)[:2]) if email else []
        if same_email and not email_is_verified(claims, email):
            raise refusal(
                request,
                message=(
                    f"A Claimtrack account already uses {email}, but {provider_name()} has not confirmed "
                    "that address is yours, so the two cannot be joined. Ask an administrator."
                ),
                reason=f"{sociallogin.account.uid}: unverified email {email} matches an account",
            )
        if len(same_email) > 1:
            raise refusal(
                request,
                message=f"Several Claimtrack accounts use {email}. Ask an administrator to sort them out.",
                reason=f"{sociallogin.account.uid}: {email} matches several accounts",
            )
        if same_email:
            user = same_email[0]
            logger.info("Linked %s to %s by verified email", sociallogin.account.uid, user.get_username())
        else:
            user = user_create_from_identity_provider(
                username=claims.get("preferred_username") or email.partition("@")[0],
                email=email,
                first_name=claims.get("given_name") or "",
                last_name=claims.get("family_name") or "",
            )
        sociallogin.connect(request, user)
        return user

    def is_open_for_signup(self, request, sociallogin):  # noqa: ARG002 (allauth's signature)
        # pre_social_login made or found the account; any other way to a new
        # account (allauth's sign-up form) stays shut.
        return False

    def on_authentication_error(self, request, provider, error=None, exception=None, extra_context=None):  # noqa: ARG002
        if error == AuthError.CANCELLED:
            messages.info(request, f"Sign-in with {provider_name()} was cancelled.")
            raise ImmediateHttpResponse(redirect("login"))
        raise refusal(
            request,
            message=(
                f"The sign-in with {provider_name()} could not be completed. "
                "Start again from the log-in page; if it keeps failing, tell your administrator."
            ),
            reason=f"authentication error {error}: {exception!r}",
            status=400,
        )


def trust_identity_provider_factor(sender, request, user, sociallogin=None, **kwargs):  # noqa: ARG001
    """allauth's user_logged_in: a session from single sign-on owes no TOTP
    code, because the provider's MFA counts, unless OIDC_LOCAL_TWO_FACTOR."""
    if sociallogin is not None and request is not None and not settings.OIDC_LOCAL_TWO_FACTOR:
        request.session[SESSION_KEY] = NONE
