"""The REST API (docs/api.md): Django REST framework and the OpenAPI schema."""

from tracker.conf_base import env
from tracker.conf_security import PROXY_COUNT

# REST API (docs/api.md). Scripts authenticate with per-user API tokens
# (accounts.models.ApiToken); the browsable API and Swagger UI use the session.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # First, so that an unauthenticated request gets 401 with a Token challenge.
        "accounts.authentication.ApiTokenAuthentication",
        "accounts.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "core.idempotency.IdempotentCreateSchema",
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        # The browsable API, allowed inline styles under the site's CSP (core/renderers.py).
        "core.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_PAGINATION_CLASS": "core.pagination.PageNumberPagination",
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.SearchFilter",
        "core.api.StrictOrderingFilter",
    ],
    "EXCEPTION_HANDLER": "core.api.api_exception_handler",
    "DEFAULT_THROTTLE_CLASSES": ["core.throttles.UserRateThrottle", "core.throttles.AnonRateThrottle"],
    # Requests per second/minute/hour/day, per user (or per IP when anonymous).
    "DEFAULT_THROTTLE_RATES": {
        "user": env.str("API_THROTTLE_USER_RATE", default="1200/hour"),
        "anon": env.str("API_THROTTLE_ANON_RATE", default="60/hour"),
    },
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Claimtrack API",
    "DESCRIPTION": (
        "Claims, their sources and attributions, and the conflicts between them. "
        "Authenticate with `Authorization: Token <token>` (create tokens at /api/v1/tokens/ or in the admin). "
        'Every error has the body `{"error": {"status", "code", "message", "fields"}}`. '
        "Lists take `page`, `page_size` (max 200), `search`, `ordering` and `updated_since`."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI and Redoc assets from this site, not a CDN (core/api_docs.py).
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "core.api.add_error_responses",
        "core.api.forbid_nul_in_request_text",
        "core.api_input.request_bodies_take_only_their_fields",
        "core.api_links.add_links",
    ],
    "ENUM_NAME_OVERRIDES": {
        "ClaimStatusEnum": "claims.models.Claim.Status",
        "ClaimKindEnum": "claims.models.Claim.Kind",
        "FlagStatusEnum": "claims.models.ConflictFlag.Status",
        "SourceKindEnum": "sources.models.Source.Kind",
        "AuditObjectTypeEnum": "claims.models.AuditEntry.ObjectType",
    },
}
# The client's address behind proxies: the same count as the login lockout's
# (PROXY_COUNT, tracker/conf_security.py).
REST_FRAMEWORK["NUM_PROXIES"] = PROXY_COUNT

# The API reads JSON through core.parsers.JSONParser: a body it cannot read
# (malformed, not UTF-8, nested too deep) is a 400 "parse_error", never a 500.
# JSON only: form-encoded and multipart bodies cannot express a claim's nested
# attributions, and DRF read junk there as "no attributions" (a claim stored
# without any). They get 415 with the error body. A view that takes files
# names its own parser_classes.
REST_FRAMEWORK["DEFAULT_PARSER_CLASSES"] = ["core.parsers.JSONParser"]
# DRF would read a body sent as `*/*` or `application/*` as JSON, and a JSON
# body in whatever charset the header names: core.parsers.ContentNegotiation
# answers those (and no Content-Type at all) with a 415 naming what it reads.
REST_FRAMEWORK["DEFAULT_CONTENT_NEGOTIATION_CLASS"] = "core.parsers.ContentNegotiation"
# Idempotency-Key on the API's creates (core/idempotency.py): how long a key
# and its answer are kept for a retry to replay.
IDEMPOTENCY_KEY_HOURS = env.int("IDEMPOTENCY_KEY_HOURS", default=24)
