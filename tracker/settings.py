"""Settings for Claimtrack, read from the environment (see .env.example).

Every value has a safe development default except SECRET_KEY, which production
(DEBUG off) refuses to run without. Sections live in their own modules, all
read here so that DJANGO_SETTINGS_MODULE=tracker.settings sees every setting:

- tracker/conf_base.py: BASE_DIR, the strict `env` reader, DEBUG, SECRET_KEY;
- tracker/conf_security.py: authentication, login lockout, CSP, HTTPS, proxies;
- tracker/conf_api.py: REST framework and the OpenAPI schema;
- tracker/conf_tasks.py: Celery and the beat schedule;
- tracker/conf_integrations.py: webhooks, notifications, live updates;
- tracker/conf_operations.py: logging and /metrics;
- tracker/sso_settings.py: optional single sign-on (OpenID Connect).
"""

from pathlib import Path

from tracker.conf_api import *  # noqa: F403
from tracker.conf_base import *  # noqa: F403
from tracker.conf_base import BASE_DIR, DEBUG, env
from tracker.conf_integrations import *  # noqa: F403
from tracker.conf_operations import *  # noqa: F403
from tracker.conf_security import *  # noqa: F403
from tracker.conf_tasks import *  # noqa: F403
from tracker.sso_settings import sso_settings

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
    # Only for the hottest row loops (the dispute queue), embedded in Django
    # templates; the templates live in each app's jinja2/ folder.
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {"environment": "core.jinja_environment.environment"},
    },
]

WSGI_APPLICATION = "tracker.wsgi.application"

# SQLite in the project folder by default so a fresh checkout just works;
# production and CI point DATABASE_URL at PostgreSQL.
DATABASES = {"default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Keep a worker's database connection for a minute instead of opening one per
# request: a new PostgreSQL connection costs a backend process and some 5-10 ms
# of CPU. CONN_HEALTH_CHECKS (on by default) checks a kept connection with a
# `SELECT 1` before a request's first query, so a restarted database costs no
# request an error; off saves that round trip, and then the first request on
# each worker after a database restart fails once.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = env.bool("CONN_HEALTH_CHECKS", default=True)
# The longest a single SQL statement may run (seconds; 0: no limit), lock
# waits included. Set for the web service only (docs/production.md): its
# threaded workers do not end a request that hangs the way sync workers'
# --timeout did, and a request here hangs, if at all, waiting on the database.
DATABASE_STATEMENT_TIMEOUT = env.int("DATABASE_STATEMENT_TIMEOUT", default=0)
if DATABASE_STATEMENT_TIMEOUT > 0 and DATABASES["default"]["ENGINE"].endswith("postgresql"):
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        f"-c statement_timeout={DATABASE_STATEMENT_TIMEOUT * 1000}"
    )
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Take SQLite's write lock when a transaction starts, so a second writer
    # waits its turn instead of failing with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update({"transaction_mode": "IMMEDIATE", "timeout": 20})
# An optional PostgreSQL read replica for the digest and exports only
# (core/read_replica.py says which reads may lag and why).
if env.str("DATABASE_REPLICA_URL", default=""):
    DATABASES["replica"] = env.db_url("DATABASE_REPLICA_URL")
    DATABASES["replica"]["CONN_MAX_AGE"] = DATABASES["default"]["CONN_MAX_AGE"]
    DATABASES["replica"]["CONN_HEALTH_CHECKS"] = DATABASES["default"]["CONN_HEALTH_CHECKS"]
DATABASE_ROUTERS = ["core.read_replica.ReadReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://claimtrack")}
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
# Celery's schedules (tracker/conf_tasks.py) run in the newsroom's zone too.
CELERY_TIMEZONE = TIME_ZONE

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

# Who publishes the ClaimReview JSON-LD (claims/claimreview.py).
CLAIMREVIEW_PUBLISHER = env.str("CLAIMREVIEW_PUBLISHER", default="Claimtrack")
# Article ingestion (docs/extraction.md): the largest .txt/.html file an editor may upload.
INGESTION_MAX_UPLOAD_BYTES = env.int("INGESTION_MAX_UPLOAD_BYTES", default=2 * 1024 * 1024)

# Speed at wire-desk scale (issue 16; docs/performance.md, docs/api.md "Bulk export").
# - EXPORT_SYNC_MAX_CLAIMS: the most claims the synchronous /api/v1/exports/claims.*
#   stream will send; it holds a web worker while it streams (about 5,000 claims
#   a second) and must finish well inside the proxy's read timeout. Larger exports run as a
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
# Filter drop-downs' options, the queue's status counts and rule list and the
# header's unread count are kept this many seconds (core/short_cache.py); 0
# turns it off.
LIST_CACHE_SECONDS = env.int("LIST_CACHE_SECONDS", default=20)

# Per-user content must stay out of shared and browser caches (core/middleware.py).
MIDDLEWARE.append("core.middleware.PrivateNoStoreMiddleware")

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
