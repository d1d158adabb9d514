"""Background work: Celery (queues, acknowledgement, time limits, the Redis
broker's redelivery) and the beat schedule of periodic tasks. CELERY_TIMEZONE
follows TIME_ZONE and is set in tracker/settings.py."""

from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

from tracker.conf_base import BASE_DIR, env

# Celery. With no broker configured, tasks run eagerly in-process so the app
# works on a laptop without Redis.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
if CELERY_TASK_ALWAYS_EAGER:
    CELERY_BROKER_URL = "memory://localhost/"
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_TASK_DEFAULT_QUEUE", default="celery")
# A task is acknowledged only after it finishes, so a worker that dies
# mid-task has it redelivered; every task is therefore written to be idempotent.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=120)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=180)
# Redis redelivers an unacknowledged task after the visibility timeout (see
# the block at the end of this module for the worst case it sets).
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
# Dispute state repair (docs/detection.md): every DETECTION_DISPUTE_REPAIR_SECONDS,
# compare each dispute's stored queue state with its flags and recompute those
# that drifted (a write that bypassed the flags_changed hook), logging a
# warning and counting them on /metrics. A few seconds at 50,000 disputes, so
# hourly costs nothing; `expires`: a missed run is replaced by the next.
DETECTION_DISPUTE_REPAIR_SECONDS = env.int("DETECTION_DISPUTE_REPAIR_SECONDS", default=60 * 60)
if DETECTION_DISPUTE_REPAIR_SECONDS < 60:
    raise ImproperlyConfigured("DETECTION_DISPUTE_REPAIR_SECONDS must be at least 60.")
CELERY_BEAT_SCHEDULE["dispute-state-repair"] = {
    "task": "detection.tasks.repair_dispute_state",
    "schedule": DETECTION_DISPUTE_REPAIR_SECONDS,
    "options": {"expires": DETECTION_DISPUTE_REPAIR_SECONDS - 30},
}
CELERY_BEAT_SCHEDULE["export-expiry"] = {
    "task": "exports.tasks.expire_exports",
    "schedule": 60 * 60,
    # Missing a run only keeps files an hour longer; never queue runs up.
    "options": {"expires": 30 * 60},
}
# Daily at 03:30 in TIME_ZONE, delete expired sessions (what `manage.py
# clearsessions` does): Django never deletes them itself, and the session table
# is read on every signed-in request. `expires`: a missed run is harmless (the
# next one deletes the same rows and more), so it is dropped, never queued up.
CELERY_BEAT_SCHEDULE["session-cleanup"] = {
    "task": "accounts.tasks.clear_expired_sessions",
    "schedule": crontab(minute=30, hour=3),
    "options": {"expires": 6 * 60 * 60},
}
# Notifications (tracker/conf_integrations.py): beat sends each batch of alert
# emails once NOTIFICATIONS_ALERT_EMAIL_MINUTES has passed.
CELERY_BEAT_SCHEDULE["notification-alert-emails"] = {
    "task": "notifications.tasks.queue_alert_emails",
    "schedule": 60,
    "options": {"expires": 55},
}
# Every minute, queue deliveries that are due but lost their task (the broker
# was down, a worker died). `expires`: a missed run is simply replaced by the next.
CELERY_BEAT_SCHEDULE["webhook-deliveries-due"] = {
    "task": "webhooks.tasks.queue_due_webhook_deliveries",
    "schedule": 60,
    "options": {"expires": 55},
}

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

# Beat keeps its schedule state in a file: a writable state directory, never the checkout.
CELERY_BEAT_SCHEDULE_FILENAME = env.str(
    "CELERY_BEAT_SCHEDULE_FILENAME", default=str(BASE_DIR / "var" / "celerybeat-schedule")
)
