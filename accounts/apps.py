from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts and roles"

    def ready(self):
        from core.hooks import ROLE_REFUSAL, hook_register

        from .roles import role_refusal

        # A refused write names the role it needs and whom to ask (core/permissions.py).
        hook_register(ROLE_REFUSAL, role_refusal)

        from django.contrib.auth.signals import user_logged_in

        # Django's one hook for every way of logging in (the log-in page, the
        # admin, a password reset, tests' force_login): the session learns
        # there whether it owes a second factor (accounts/two_factor.py).
        user_logged_in.connect(_remember_two_factor_state, dispatch_uid="accounts.two_factor_state")

        from allauth.account.signals import user_logged_in as sso_logged_in

        from .sso import trust_identity_provider_factor

        # Sent by allauth right after Django's, for a single sign-on: the
        # identity provider's MFA stands in for the TOTP code (accounts/sso.py).
        sso_logged_in.connect(trust_identity_provider_factor, dispatch_uid="accounts.sso_two_factor")
        _hide_unused_allauth_admins()


def _hide_unused_allauth_admins():
    """allauth's admin pages for what Claimtrack does not use: its email
    addresses, provider apps (ours come from the environment only; one added
    in the admin would stand beside it) and tokens (none are stored). The
    linked identities stay, so staff can unlink one. Run here, after the
    admin site has imported every app's admin module."""
    from allauth.account.models import EmailAddress
    from allauth.socialaccount.models import SocialApp, SocialToken
    from django.contrib import admin

    for model in (EmailAddress, SocialApp, SocialToken):
        if admin.site.is_registered(model):
            admin.site.unregister(model)


def _remember_two_factor_state(sender, request, user, **kwargs):  # noqa: ARG001 (a signal receiver's signature)
    from .two_factor import remember_two_factor_state

    if request is not None:
        remember_two_factor_state(request=request, user=user)
