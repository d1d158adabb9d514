"""Settings for Claimtrack, read from the environment (see .env.example).

Every value has a safe development default except SECRET_KEY, which production
(DEBUG off) refuses to run without.
"""

from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
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
    "live",
]

MIDDLEWARE = [
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
AXES_IPWARE_PROXY_COUNT = env.int("AXES_PROXY_COUNT", default=0)
if AXES_IPWARE_PROXY_COUNT:
    # Behind proxies every request comes from the proxy's address: read the
    # client's from X-Forwarded-For, or one attacker locks everyone out.
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")

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
# Redis redelivers an unacknowledged task after the visibility timeout: keep it
# well above the longest task's hard limit or a slow task runs twice at once.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600),
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
    ],
    "ENUM_NAME_OVERRIDES": {
        "ClaimStatusEnum": "claims.models.Claim.Status",
        "ClaimKindEnum": "claims.models.Claim.Kind",
        "FlagStatusEnum": "claims.models.ConflictFlag.Status",
        "SourceKindEnum": "sources.models.Source.Kind",
    },
}
# Who publishes the ClaimReview JSON-LD (claims/claimreview.py).
CLAIMREVIEW_PUBLISHER = env.str("CLAIMREVIEW_PUBLISHER", default="Claimtrack")
# Article ingestion (docs/extraction.md): the largest .txt/.html file an editor may upload.
INGESTION_MAX_UPLOAD_BYTES = env.int("INGESTION_MAX_UPLOAD_BYTES", default=2 * 1024 * 1024)

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
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
