"""Integrations: signed webhooks (docs/webhooks.md), the alert emails of
notifications (docs/notifications.md) and the live desk's updates
(docs/production.md, "Live updates")."""

from django.core.exceptions import ImproperlyConfigured

from tracker.conf_base import DEBUG, env
from tracker.conf_tasks import CELERY_BROKER_URL

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
# Notifications (docs/notifications.md): the immediate email about critical
# flags goes at most once per this many minutes per person, batching what
# came in between; beat sends each batch once the interval has passed.
NOTIFICATIONS_ALERT_EMAIL_MINUTES = env.int("NOTIFICATIONS_ALERT_EMAIL_MINUTES", default=10)
if NOTIFICATIONS_ALERT_EMAIL_MINUTES < 1:
    raise ImproperlyConfigured("NOTIFICATIONS_ALERT_EMAIL_MINUTES must be at least 1.")

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
