from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts and roles"

    def ready(self):
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


def _remember_two_factor_state(sender, request, user, **kwargs):  # noqa: ARG001 (a signal receiver's signature)
    from .two_factor import remember_two_factor_state

    if request is not None:
        remember_two_factor_state(request=request, user=user)
