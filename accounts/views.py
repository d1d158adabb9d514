"""The web page where a user creates and revokes their own API tokens."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from core.exceptions import ConflictError
from core.views import local_next_url

from .forms import ApiTokenForm, PasswordResetRequestForm, TwoFactorCodeForm
from .models import ApiToken
from .services import api_token_create, api_token_revoke


class LoginView(auth_views.LoginView):
    """Django's log-in page, plus the single sign-on button when it is on (accounts/sso.py)."""

    def get_context_data(self, **kwargs):
        from django.conf import settings
        from django.urls import reverse

        from .sso import provider_name, sso_enabled

        context = super().get_context_data(**kwargs)
        if sso_enabled():
            context["sso_name"] = provider_name()
            context["sso_url"] = reverse(
                "openid_connect_login", kwargs={"provider_id": settings.OIDC_PROVIDER_ID}
            )
        return context

    def render_to_response(self, context, **response_kwargs):
        from .sso import allow_form_to_provider

        return allow_form_to_provider(super().render_to_response(context, **response_kwargs))


@never_cache
@login_required
def api_tokens(request):
    """List the user's tokens and create one. A new token is shown in this
    response only (never stored, never put in a message or the session)."""
    new_token = None
    form = ApiTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            token, new_token = api_token_create(user=request.user, name=form.cleaned_data["name"])
        except ValidationError as error:
            form.add_error("name", error.message_dict.get("name", error.messages))
        except ConflictError as error:
            form.add_error("name", error.message)
        else:
            form = ApiTokenForm()
    tokens = ApiToken.objects.filter(user=request.user)
    status = 400 if form.errors else 200
    return render(
        request,
        "accounts/api_tokens.html",
        {"form": form, "tokens": tokens, "new_token": new_token},
        status=status,
    )


@require_POST
@login_required
def api_token_revoke_view(request, pk: int):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    try:
        api_token_revoke(token_id=token.pk, user=request.user)
    except ConflictError as error:
        messages.info(request, error.message)
    else:
        messages.success(request, f"Revoked “{token.name}”. Scripts using it are refused from now on.")
    return redirect("accounts:api-tokens")


@never_cache
def password_reset_request_view(request):
    """Ask for a reset link. The same answer whether or not the address has an
    account (accounts/password_reset.py)."""
    from axes.helpers import get_client_ip_address

    from .password_reset import PasswordResetRateLimited, password_reset_request

    form = PasswordResetRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            password_reset_request(
                email=form.cleaned_data["email"], client_address=get_client_ip_address(request)
            )
        except PasswordResetRateLimited:
            form.add_error(None, "Too many reset requests. Wait an hour and try again.")
            return render(request, "registration/password_reset_form.html", {"form": form}, status=429)
        return redirect("password_reset_done")
    status = 400 if form.errors else 200
    return render(request, "registration/password_reset_form.html", {"form": form}, status=status)


def _safe_next(request) -> str:
    return local_next_url(request, fallback="/")


@never_cache
@login_required
def two_factor_setup(request):
    """Show a new authenticator's QR code and key; a first code confirms it."""
    from . import two_factor

    if two_factor.two_factor_enabled(request.user):
        return redirect(_safe_next(request))
    device = two_factor.totp_device_start(user=request.user)
    form = TwoFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if two_factor.totp_device_confirm(
            request=request, device_id=device.pk, token=form.cleaned_data["code"]
        ):
            messages.success(request, "Two-factor authentication is on for your account.")
            return redirect(_safe_next(request))
        form.add_error("code", "That code does not match. Check the app's clock and try the newest code.")
    context = {
        "form": form,
        "qr_code": two_factor.qr_code_data_uri(device),
        "secret": two_factor.secret_for_typing(device),
        "required": two_factor.two_factor_required(request.user),
        "next": _safe_next(request),
    }
    return render(request, "accounts/two_factor_setup.html", context, status=400 if form.errors else 200)


@never_cache
@login_required
def two_factor_verify(request):
    """Ask for the current code once per session."""
    from . import two_factor

    if not two_factor.needs_code(request):
        return redirect(_safe_next(request))
    form = TwoFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if two_factor.totp_verify(request=request, token=form.cleaned_data["code"]):
            return redirect(_safe_next(request))
        form.add_error("code", "That code does not match, or it was used already. Try the newest code.")
    return render(
        request,
        "accounts/two_factor_verify.html",
        {"form": form, "next": _safe_next(request)},
        status=400 if form.errors else 200,
    )
