"""DRF authentication with the per-user API tokens of accounts.models.ApiToken.

Scripts send `Authorization: Token ct_...` (or `Bearer ct_...`).
"""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.authentication import SessionScheme
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from .models import ApiToken, api_token_hash

# last_used_at is written at most this often per token, so a busy script does
# not turn every read into a write.
LAST_USED_RESOLUTION = timedelta(minutes=5)


class ApiTokenAuthentication(authentication.BaseAuthentication):
    keywords = ("token", "bearer")

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower().decode("latin-1", "replace") not in self.keywords:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Invalid token header: give exactly one token."))
        try:
            raw_token = header[1].decode("ascii")
        except UnicodeDecodeError as error:
            raise exceptions.AuthenticationFailed(_("Invalid token.")) from error
        try:
            # get(), not first(): the hash is unique, and first() would add an
            # ORDER BY for the query to build and the database to plan on
            # every API call.
            token = ApiToken.objects.select_related("user").get(
                key_hash=api_token_hash(raw_token), revoked_at__isnull=True
            )
        except ApiToken.DoesNotExist:
            raise exceptions.AuthenticationFailed(_("Invalid or revoked token.")) from None
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("This account is disabled."))
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, token

    def authenticate_header(self, request) -> str:  # noqa: ARG002 (DRF's signature)
        # Makes unauthenticated requests 401 (with this challenge) rather than 403.
        return 'Token realm="api"'


class ApiTokenAuthenticationScheme(OpenApiAuthenticationExtension):
    """Describes the token header in the OpenAPI schema."""

    target_class = "accounts.authentication.ApiTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):  # noqa: ARG002 (drf-spectacular's signature)
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "Token-based authentication: `Token <your token>` (create one at /api/v1/tokens/).",
        }


class CsrfFailed(exceptions.PermissionDenied):
    default_code = "csrf_failed"


class SessionAuthentication(authentication.SessionAuthentication):
    """DRF's session authentication (the browsable API, Swagger UI, a page's
    own scripts), whose CSRF refusal says how to pass: code `csrf_failed`
    rather than a bare `permission_denied` that reads like a role problem."""

    def enforce_csrf(self, request):
        try:
            super().enforce_csrf(request)
        except exceptions.PermissionDenied as refused:
            raise CsrfFailed(
                f"{refused.detail} A write made with the signed-in session must carry the csrftoken "
                "cookie's value in the X-CSRFToken header (the browsable API and Swagger UI do this). "
                "Scripts should send an API token instead (Authorization: Token …), which needs none.",
                code="csrf_failed",
            ) from None


class SessionAuthenticationScheme(SessionScheme):
    """The schema's cookie security scheme for the session authentication above."""

    target_class = "accounts.authentication.SessionAuthentication"
