"""Settings for Claimtrack, read from the environment (see .env.example).

Every value has a safe development default except SECRET_KEY, which production
(DEBUG off) refuses to run without.
"""

from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

from tracker.env import StrictEnv
from tracker.sso_settings import sso_settings

BASE_DIR = Path(__file__).resolve().parent.parent

# Strict: a boolean that is not a boolean word stops the start (tracker/env.py).
env = StrictEnv()
# A developer's .env is read if present; real deployments set the environment.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it in the environment, or set DEBUG=true for local development."
        )
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production-0123456789abcdef"

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# Absolute base for links that leave the site (digest emails, ClaimReview).
SITE_URL = env.str("SITE_URL", default="http://localhost:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "csp",
    "axes",
    "core",
    "accounts",
    "sources",
    "claims",
    "detection",
    "digests",
    "ingestion",
    "ops",
    "webhooks",
    "anchoring",
    "notifications",
    "live",
]

MIDDLEWARE = [
    # Outermost: HEAD answers carry GET's headers and no body (ops/middleware.py).
    "ops.middleware.HeadWithoutBodyMiddleware",
    "ops.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, so it sees the outcome of authentication (django-axes' rule).
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # Refuses logins from a username+address that guessed wrong too often.
    "core.auth.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Lock a username after AXES_FAILURE_LIMIT bad passwords from one address, for an hour.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=1.0)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# Behind proxies every request comes from the proxy's address: the client's is
# read from X-Forwarded-For (PROXY_COUNT, in the hardening block below), or one
# attacker locks everyone out.
AXES_IPWARE_PROXY_COUNT = env.int("AXES_PROXY_COUNT", default=0)

# Content-Security-Policy: only this site's own scripts, styles and images; no
# inline script anywhere (pages pass data to scripts through json_script).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

ROOT_URLCONF = "tracker.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "live.context_processors.live_updates",
            ],
        },
    },
]

WSGI_APPLICATION = "tracker.wsgi.application"

# SQLite in the project folder by default so a fresh checkout just works;
# production and CI point DATABASE_URL at PostgreSQL.
DATABASES = {"default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Keep a worker's database connection for a minute instead of opening one per
# request (checked before reuse, so a restarted database is no problem).
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Take SQLite's write lock when a transaction starts, so a second writer
    # waits its turn instead of failing with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update({"transaction_mode": "IMMEDIATE", "timeout": 20})
# An optional PostgreSQL read replica for the digest and exports only
# (core/read_replica.py says which reads may lag and why).
if env.str("DATABASE_REPLICA_URL", default=""):
    DATABASES["replica"] = env.db_url("DATABASE_REPLICA_URL")
    DATABASES["replica"]["CONN_MAX_AGE"] = DATABASES["default"]["CONN_MAX_AGE"]
    DATABASES["replica"]["CONN_HEALTH_CHECKS"] = True
DATABASE_ROUTERS = ["core.read_replica.ReadReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://claimtrack")}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Messages live in the session: one of them carries a new API token, which
# must not travel in a (signed but readable) cookie.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-gb"
# The newsroom's own zone: digests go out at 07:00 here.
TIME_ZONE = env.str("TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"] if (BASE_DIR / "static").is_dir() else []
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Email: console in development; EMAIL_URL (smtp://user:pass@host:587/?tls=True) in production.
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Claimtrack <claimtrack@localhost>")

# Security. Production (DEBUG off) gets HTTPS-only cookies and HSTS.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
if env.bool("BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Celery. With no broker configured, tasks run eagerly in-process so the app
# works on a laptop without Redis.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
if CELERY_TASK_ALWAYS_EAGER:
    CELERY_BROKER_URL = "memory://localhost/"
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_TASK_DEFAULT_QUEUE", default="celery")
CELERY_TIMEZONE = TIME_ZONE
# A task is acknowledged only after it finishes, so a worker that dies
# mid-task has it redelivered; every task is therefore written to be idempotent.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=120)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=180)
# Redis redelivers an unacknowledged task after the visibility timeout (see
# the hardening block at the end of this file for the worst case it sets).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=900),
    "socket_connect_timeout": 2,
    "socket_timeout": 5,
    # Publishing tries the broker twice, at once, then gives up: with Redis
    # down a save would otherwise wait seconds per queued check. The sweep
    # catches up on whatever could not be queued.
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
}
# Redis behind Sentinel (docs/production.md "Past one machine"): the broker URL
# lists the sentinels (sentinel://s1:26379;sentinel://s2:26379) and this names the master.
if env.str("REDIS_SENTINEL_MASTER", default=""):
    CELERY_BROKER_TRANSPORT_OPTIONS["master_name"] = env.str("REDIS_SENTINEL_MASTER")
# Fail fast when the broker is down: a save must never hang waiting for Redis.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE: dict = {}
# Weekly digest: Monday 07:00 in TIME_ZONE (Celery's timezone above), covering
# the ISO week that ended at midnight. One task fans out one small task per
# reader. `expires`: if beat was down and the run is six hours late, drop it
# rather than mail a "Monday morning" digest in the afternoon; run
# `manage.py send_digest` by hand instead (it never sends anyone a week twice).
CELERY_BEAT_SCHEDULE["weekly-digest"] = {
    "task": "digests.tasks.send_weekly_digests",
    "schedule": crontab(minute=0, hour=7, day_of_week="monday"),
    "options": {"expires": 6 * 60 * 60},
}
# Conflict sweep (docs/detection.md): every DETECTION_SWEEP_SECONDS, recheck the
# claims changed since the last sweep, so a check lost while Redis was down is
# caught up. A run stops after DETECTION_SWEEP_TIME_BUDGET seconds (under the
# task soft time limit) and the next run goes on from its high-water mark.
# `expires`: a run that could not start before the next one is due is dropped
# rather than piling up behind it.
DETECTION_SWEEP_SECONDS = env.int("DETECTION_SWEEP_SECONDS", default=300)
DETECTION_SWEEP_TIME_BUDGET = env.int("DETECTION_SWEEP_TIME_BUDGET", default=90)
if DETECTION_SWEEP_SECONDS < 10:
    raise ImproperlyConfigured("DETECTION_SWEEP_SECONDS must be at least 10.")
CELERY_BEAT_SCHEDULE["conflict-sweep"] = {
    "task": "detection.tasks.sweep_conflicts",
    "schedule": DETECTION_SWEEP_SECONDS,
    "options": {"expires": max(DETECTION_SWEEP_SECONDS - 5, 5)},
}

# REST API (docs/api.md). Scripts authenticate with per-user API tokens
# (accounts.models.ApiToken); the browsable API and Swagger UI use the session.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # First, so that an unauthenticated request gets 401 with a Token challenge.
        "accounts.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        # The browsable API, allowed inline styles under the site's CSP (core/renderers.py).
        "core.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_PAGINATION_CLASS": "core.pagination.PageNumberPagination",
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.SearchFilter",
        "rest_framework.filters.OrderingFilter",
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
    ],
    "ENUM_NAME_OVERRIDES": {
        "ClaimStatusEnum": "claims.models.Claim.Status",
        "ClaimKindEnum": "claims.models.Claim.Kind",
        "FlagStatusEnum": "claims.models.ConflictFlag.Status",
        "SourceKindEnum": "sources.models.Source.Kind",
        "AuditObjectTypeEnum": "claims.models.AuditEntry.ObjectType",
    },
}
# Who publishes the ClaimReview JSON-LD (claims/claimreview.py).
CLAIMREVIEW_PUBLISHER = env.str("CLAIMREVIEW_PUBLISHER", default="Claimtrack")
# Article ingestion (docs/extraction.md): the largest .txt/.html file an editor may upload.
INGESTION_MAX_UPLOAD_BYTES = env.int("INGESTION_MAX_UPLOAD_BYTES", default=2 * 1024 * 1024)

# Speed at wire-desk scale (issue 16; docs/performance.md, docs/api.md "Bulk export").
# - EXPORT_SYNC_MAX_CLAIMS: the most claims the synchronous /api/v1/exports/claims.*
#   stream will send; it must finish inside the web worker's timeout (gunicorn
#   --timeout 30 streams about 5,000 claims a second). Larger exports run as a
#   background task that writes the file to the "exports" storage.
# - Background export files live in MEDIA_ROOT/exports by default; set
#   EXPORTS_STORAGE_BACKEND=storages.backends.s3.S3Storage (django-storages, with
#   its AWS_* variables) to keep them in S3-compatible storage instead.
# - A download link is signed and works for EXPORT_LINK_SECONDS; the file itself
#   is deleted EXPORT_RETENTION_HOURS after it was written (an hourly beat task).
EXPORT_SYNC_MAX_CLAIMS = env.int("EXPORT_SYNC_MAX_CLAIMS", default=10_000)
EXPORT_LINK_SECONDS = env.int("EXPORT_LINK_SECONDS", default=60 * 60)
EXPORT_RETENTION_HOURS = env.int("EXPORT_RETENTION_HOURS", default=24)
# A background export of a million claims takes minutes; its own limits, still
# well under the broker's visibility timeout so it is never delivered twice at once.
EXPORT_TASK_SOFT_TIME_LIMIT = env.int("EXPORT_TASK_SOFT_TIME_LIMIT", default=30 * 60)
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
EXPORTS_STORAGE_BACKEND = env.str(
    "EXPORTS_STORAGE_BACKEND", default="django.core.files.storage.FileSystemStorage"
)
STORAGES["exports"] = {
    "BACKEND": EXPORTS_STORAGE_BACKEND,
    # Not under MEDIA_URL: files are served only through the signed download link.
    "OPTIONS": (
        {"location": str(MEDIA_ROOT / "exports")}
        if EXPORTS_STORAGE_BACKEND.endswith("FileSystemStorage")
        else {}
    ),
}
INSTALLED_APPS.append("exports")
# Filter drop-downs' options and the queue's status counts and rule list are
# kept this many seconds (core/short_cache.py); 0 turns it off.
LIST_CACHE_SECONDS = env.int("LIST_CACHE_SECONDS", default=20)
# Each user's permissions are kept in the cache (core/permission_cache.py) for
# this many seconds instead of two queries per request; 0 turns it off. Role
# changes apply at once with a shared cache (CACHE_URL on Redis).
PERMISSION_CACHE_SECONDS = env.int("PERMISSION_CACHE_SECONDS", default=60)
if PERMISSION_CACHE_SECONDS > 0 and "django.contrib.auth.backends.ModelBackend" in AUTHENTICATION_BACKENDS:
    # Right before ModelBackend, whose per-request cache it fills; not first,
    # because the test client's force_login uses the first backend.
    AUTHENTICATION_BACKENDS.insert(
        AUTHENTICATION_BACKENDS.index("django.contrib.auth.backends.ModelBackend"),
        "core.permission_cache.PermissionCacheBackend",
    )
CELERY_BEAT_SCHEDULE["export-expiry"] = {
    "task": "exports.tasks.expire_exports",
    "schedule": 60 * 60,
    # Missing a run only keeps files an hour longer; never queue runs up.
    "options": {"expires": 30 * 60},
}


# Operations (docs/production.md "Observability").
# LOG_FORMAT=json writes one JSON object per line (for a log shipper); every
# line carries the request id, which also travels into the Celery tasks a
# request queues.
LOG_FORMAT = env.str("LOG_FORMAT", default="plain")
if LOG_FORMAT not in ("plain", "json"):
    raise ImproperlyConfigured(f"LOG_FORMAT must be 'plain' or 'json', not {LOG_FORMAT!r}.")

# Hardening (issue 13, docs/security.md). ---------------------------------------
# A Redis cache that is down or silent must fail within a second, not hang a
# request: the API throttle then lets the request through and logs it
# (core/throttles.py).
if CACHES["default"]["BACKEND"].endswith("RedisCache"):
    CACHES["default"].setdefault("OPTIONS", {}).update(
        {
            "socket_connect_timeout": env.float("CACHE_SOCKET_TIMEOUT", default=1.0),
            "socket_timeout": env.float("CACHE_SOCKET_TIMEOUT", default=1.0),
        }
    )

# Proxies in front of the app: how many append to X-Forwarded-For (nginx in
# front of gunicorn is 1). One setting feeds both consumers of the client's
# address, so they agree: the login lockout (django-axes through django-ipware)
# and the API's per-address throttle (DRF's NUM_PROXIES). 0 (no proxy) means
# REMOTE_ADDR only and X-Forwarded-For is ignored; unset, DRF would key
# anonymous clients on whatever X-Forwarded-For they send and never throttle them.
PROXY_COUNT = env.int("PROXY_COUNT", default=AXES_IPWARE_PROXY_COUNT)  # AXES_PROXY_COUNT is the older name
if PROXY_COUNT < 0:
    raise ImproperlyConfigured("PROXY_COUNT cannot be negative.")
REST_FRAMEWORK["NUM_PROXIES"] = PROXY_COUNT
# The nearest proxy appends the address it saw, so the client is the
# PROXY_COUNT-th entry from the right; ipware counts only the proxies listed
# after the client, one fewer. A list longer than that (a client sending its
# own X-Forwarded-For) falls back to REMOTE_ADDR: the lockout then keys on the
# proxy for that sender only, never on the address of clients that do not spoof.
AXES_IPWARE_PROXY_ORDER = "right-most"
AXES_IPWARE_PROXY_COUNT = max(PROXY_COUNT - 1, 0)
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR") if PROXY_COUNT else ("REMOTE_ADDR",)
)

# The API reads JSON through core.parsers.JSONParser: a body it cannot read
# (malformed, not UTF-8, nested too deep) is a 400 "parse_error", never a 500.
# JSON only: form-encoded and multipart bodies cannot express a claim's nested
# attributions, and DRF read junk there as "no attributions" (a claim stored
# without any). They get 415 with the error body. A view that takes files
# names its own parser_classes.
REST_FRAMEWORK["DEFAULT_PARSER_CLASSES"] = ["core.parsers.JSONParser"]
# Per-user content must stay out of shared and browser caches (core/middleware.py).
MIDDLEWARE.append("core.middleware.PrivateNoStoreMiddleware")

# A worker killed outright (SIGKILL, OOM, a lost machine) cannot hand back the
# task it was running: the message stays unacknowledged in Redis until the
# visibility timeout passes, and a live worker's scan (every
# CELERY_RESTORE_SCAN_SECONDS) puts it back on the queue. Worst case for a
# killed worker's task to run again: CELERY_VISIBILITY_TIMEOUT +
# CELERY_RESTORE_SCAN_SECONDS after it was taken (15 min 5 s by default),
# once any worker is up. The timeout must outlast the longest a live worker
# holds a message, or that message is delivered twice: the longest hard time
# limit (the weekly digest fan-out, 360 s) and a retry's countdown plus its run
# (digests: up to 600 + 90 s). Tasks are idempotent, so a duplicate costs work,
# not data; lowering the timeout trades such duplicates for faster recovery.
CELERY_RESTORE_SCAN_SECONDS = env.int("CELERY_RESTORE_SCAN_SECONDS", default=5)
CELERY_BROKER_TRANSPORT_OPTIONS["unacked_restore_interval"] = CELERY_RESTORE_SCAN_SECONDS
# Scan on every tick (kombu's default throttle scans on every tenth: 100 s).
CELERY_BROKER_TRANSPORT_OPTIONS["unacked_restore_throttle"] = 1
if CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] <= CELERY_TASK_TIME_LIMIT:
    raise ImproperlyConfigured(
        "CELERY_VISIBILITY_TIMEOUT must be longer than CELERY_TASK_TIME_LIMIT, "
        "or a task still running is delivered to a second worker."
    )

# Password reset by email (accounts/password_reset.py): a link works once and
# for an hour; requests are limited per client address and per email address.
PASSWORD_RESET_TIMEOUT = env.int("PASSWORD_RESET_TIMEOUT", default=3600)
PASSWORD_RESET_PER_ADDRESS_PER_HOUR = env.int("PASSWORD_RESET_PER_ADDRESS_PER_HOUR", default=10)
PASSWORD_RESET_PER_EMAIL_PER_HOUR = env.int("PASSWORD_RESET_PER_EMAIL_PER_HOUR", default=3)

# Two-factor authentication (accounts/two_factor.py): TOTP codes from an
# authenticator app, via django-otp. On, every editor and staff account must
# set one up before going on; anyone may turn it on for their own account.
INSTALLED_APPS += ["django_otp", "django_otp.plugins.otp_totp"]
MIDDLEWARE += ["django_otp.middleware.OTPMiddleware", "accounts.middleware.TwoFactorMiddleware"]
TWO_FACTOR_REQUIRED = env.bool("TWO_FACTOR_REQUIRED", default=False)
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="Claimtrack")

# Single sign-on with OpenID Connect (accounts/sso.py, tracker/sso_settings.py):
# off unless OIDC_SERVER_URL is set. The apps are always installed so the
# database has the same tables either way; only our adapter creates or links
# users, allauth's own sign-up, password and email pages are never routed.
INSTALLED_APPS += ["allauth", "allauth.account", "allauth.socialaccount"]
INSTALLED_APPS += ["allauth.socialaccount.providers.openid_connect"]
MIDDLEWARE += ["allauth.account.middleware.AccountMiddleware"]
vars().update(sso_settings(env, require_https=not DEBUG))
SOCIALACCOUNT_ADAPTER = "accounts.sso.SingleSignOnAdapter"
SOCIALACCOUNT_AUTO_SIGNUP = False  # the adapter makes the account, or refuses
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False  # the adapter links by verified email only
SOCIALACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_EMAIL_VERIFICATION = "none"
SOCIALACCOUNT_LOGIN_ON_GET = False  # starting a sign-in is a POST with a CSRF token
SOCIALACCOUNT_STORE_TOKENS = False  # we call no provider API: keep no access tokens
SOCIALACCOUNT_REQUESTS_TIMEOUT = env.int("OIDC_TIMEOUT_SECONDS", default=5)


# Integrations (issue 14): signed webhooks (docs/webhooks.md).
# Server-side request forgery: webhook URLs are typed by users but requested by
# this server, so production allows https only and public addresses only.
# Tests and a local receiver on a laptop turn these off.
WEBHOOK_REQUIRE_HTTPS = env.bool("WEBHOOK_REQUIRE_HTTPS", default=not DEBUG)
WEBHOOK_ALLOW_PRIVATE_TARGETS = env.bool("WEBHOOK_ALLOW_PRIVATE_TARGETS", default=False)
# One request's whole budget (connect, send, answer): a slow receiver must not
# hold a worker.
WEBHOOK_TIMEOUT_SECONDS = env.float("WEBHOOK_TIMEOUT_SECONDS", default=5.0)
if not 0.1 <= WEBHOOK_TIMEOUT_SECONDS <= 30:
    raise ImproperlyConfigured("WEBHOOK_TIMEOUT_SECONDS must be between 0.1 and 30.")
# Retries on 5xx, 429 and timeouts: about BASE x 2^(n-1) seconds with jitter,
# capped at MAX; 8 attempts at the defaults span about an hour.
WEBHOOK_MAX_ATTEMPTS = env.int("WEBHOOK_MAX_ATTEMPTS", default=8)
WEBHOOK_RETRY_BASE_SECONDS = env.float("WEBHOOK_RETRY_BASE_SECONDS", default=30.0)
WEBHOOK_RETRY_MAX_SECONDS = env.float("WEBHOOK_RETRY_MAX_SECONDS", default=1800.0)
# Failed attempts in a row after which an endpoint is switched off and its
# owner emailed.
WEBHOOK_DISABLE_AFTER_FAILURES = env.int("WEBHOOK_DISABLE_AFTER_FAILURES", default=20)
if WEBHOOK_MAX_ATTEMPTS < 1 or WEBHOOK_DISABLE_AFTER_FAILURES < 1:
    raise ImproperlyConfigured("WEBHOOK_MAX_ATTEMPTS and WEBHOOK_DISABLE_AFTER_FAILURES must be at least 1.")
# Every minute, queue deliveries that are due but lost their task (the broker
# was down, a worker died). `expires`: a missed run is simply replaced by the next.
# Notifications (docs/notifications.md): the immediate email about critical
# flags goes at most once per this many minutes per person, batching what
# came in between; beat sends each batch once the interval has passed.
NOTIFICATIONS_ALERT_EMAIL_MINUTES = env.int("NOTIFICATIONS_ALERT_EMAIL_MINUTES", default=10)
if NOTIFICATIONS_ALERT_EMAIL_MINUTES < 1:
    raise ImproperlyConfigured("NOTIFICATIONS_ALERT_EMAIL_MINUTES must be at least 1.")
CELERY_BEAT_SCHEDULE["notification-alert-emails"] = {
    "task": "notifications.tasks.queue_alert_emails",
    "schedule": 60,
    "options": {"expires": 55},
}
CELERY_BEAT_SCHEDULE["webhook-deliveries-due"] = {
    "task": "webhooks.tasks.queue_due_webhook_deliveries",
    "schedule": 60,
    "options": {"expires": 55},
}


# Live desk (docs/production.md, "Live updates"): pages listen to a stream of
# "this changed" notices and refetch what they show. The notices and who is on
# which conflict live in Redis when LIVE_UPDATES_URL is set (by default the
# Celery broker's Redis), so every web process and worker shares them; without
# Redis they stay in this process's memory, which is right for scripts/start.
LIVE_UPDATES_URL = env.str(
    "LIVE_UPDATES_URL", default=CELERY_BROKER_URL if CELERY_BROKER_URL.startswith("redis") else ""
)
LIVE_UPDATES_STREAM = env.str("LIVE_UPDATES_STREAM", default="claimtrack:live")
# How many notices the log keeps: a page that was away for fewer than this
# many changes catches up from the log; one away longer refetches everything.
LIVE_UPDATES_KEEP = env.int("LIVE_UPDATES_KEEP", default=2000)
# After Redis fails to answer, skip it for this long (saves never wait on it).
LIVE_UPDATES_RETRY_SECONDS = env.int("LIVE_UPDATES_RETRY_SECONDS", default=10)
# A comment line down each idle stream this often, so proxies keep it open.
LIVE_UPDATES_HEARTBEAT_SECONDS = env.int("LIVE_UPDATES_HEARTBEAT_SECONDS", default=15)
# A stream ends after this long and the browser reconnects from its last id,
# so one page never holds a WSGI thread for hours.
LIVE_STREAM_SECONDS = env.int("LIVE_STREAM_SECONDS", default=300)
# A page renews its presence every HEARTBEAT; it is gone after TTL unrenewed.
LIVE_PRESENCE_HEARTBEAT_SECONDS = env.int("LIVE_PRESENCE_HEARTBEAT_SECONDS", default=15)
LIVE_PRESENCE_TTL_SECONDS = env.int("LIVE_PRESENCE_TTL_SECONDS", default=40)
if LIVE_PRESENCE_TTL_SECONDS <= LIVE_PRESENCE_HEARTBEAT_SECONDS:
    raise ImproperlyConfigured(
        "LIVE_PRESENCE_TTL_SECONDS must be longer than LIVE_PRESENCE_HEARTBEAT_SECONDS."
    )

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "ops.request_id.RequestIdLogFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s]: %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT, "filters": ["request_id"]}
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
# /metrics (Prometheus): scrapers send "Authorization: Bearer <METRICS_TOKEN>".
# Unset, only a scraper on this machine (127.0.0.1, no proxy) is answered.
METRICS_TOKEN = env.str("METRICS_TOKEN", default="")
# Beat keeps its schedule state in a file: a writable state directory, never the checkout.
CELERY_BEAT_SCHEDULE_FILENAME = env.str(
    "CELERY_BEAT_SCHEDULE_FILENAME", default=str(BASE_DIR / "var" / "celerybeat-schedule")
)
