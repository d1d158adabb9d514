"""Logins, sessions and the browser: authentication backends, the login
lockout (django-axes), the Content-Security-Policy, HTTPS and cookie settings,
the proxies in front of the app, and password reset by email
(docs/security.md)."""

from django.core.exceptions import ImproperlyConfigured

from tracker.conf_base import DEBUG, env

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

# Each user's permissions are kept in the cache (core/permission_cache.py) for
# this many seconds instead of two queries per request; 0 turns it off. Role
# changes apply at once with a shared cache (CACHE_URL on Redis).
PERMISSION_CACHE_SECONDS = env.int("PERMISSION_CACHE_SECONDS", default=60)
# Whom a refused user is told to ask for a role (core/permissions.py), e.g.
# "the night editor, desk@example.org". Empty: the tracker's administrators
# (or, with single sign-on, whoever manages the identity provider's groups).
ROLE_CONTACT = env.str("ROLE_CONTACT", default="")
if PERMISSION_CACHE_SECONDS > 0 and "django.contrib.auth.backends.ModelBackend" in AUTHENTICATION_BACKENDS:
    # Right before ModelBackend, whose per-request cache it fills; not first,
    # because the test client's force_login uses the first backend.
    AUTHENTICATION_BACKENDS.insert(
        AUTHENTICATION_BACKENDS.index("django.contrib.auth.backends.ModelBackend"),
        "core.permission_cache.PermissionCacheBackend",
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

# Password reset by email (accounts/password_reset.py): a link works once and
# for an hour; requests are limited per client address and per email address.
PASSWORD_RESET_TIMEOUT = env.int("PASSWORD_RESET_TIMEOUT", default=3600)
PASSWORD_RESET_PER_ADDRESS_PER_HOUR = env.int("PASSWORD_RESET_PER_ADDRESS_PER_HOUR", default=10)
PASSWORD_RESET_PER_EMAIL_PER_HOUR = env.int("PASSWORD_RESET_PER_EMAIL_PER_HOUR", default=3)
