"""Sends a signed-in session to the second factor before anything else."""

from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

from core.api import error_body

from .two_factor import needs_code, needs_setup

# Pages a session may reach before its second factor: the factor's own pages,
# logging out, and static files (served before this middleware anyway).
OPEN_PREFIXES = ("/accounts/two-factor/", "/accounts/logout/", "/static/")


class TwoFactorMiddleware:
    """After django_otp.middleware.OTPMiddleware. Token-authenticated API calls
    pass (the token was minted from a verified session); a session-authenticated
    API call without its code gets 403 with the API's error body."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or request.path.startswith(OPEN_PREFIXES):
            return self.get_response(request)
        setup, code = needs_setup(request), needs_code(request)
        if not (setup or code):
            return self.get_response(request)
        if request.path.startswith("/api/"):
            message = "Give your two-factor code in the web UI first." if code else "Set up two-factor first."
            return JsonResponse(
                error_body(status=403, code="two_factor_required", message=message), status=403
            )
        target = reverse("two-factor-setup") if setup and not code else reverse("two-factor-verify")
        return redirect(f"{target}?next={request.get_full_path()}")
