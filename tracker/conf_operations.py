"""Operations (docs/production.md "Observability"): logging and /metrics."""

from django.core.exceptions import ImproperlyConfigured

from tracker.conf_base import env

# LOG_FORMAT=json writes one JSON object per line (for a log shipper); every
# line carries the request id, which also travels into the Celery tasks a
# request queues.
LOG_FORMAT = env.str("LOG_FORMAT", default="plain")
if LOG_FORMAT not in ("plain", "json"):
    raise ImproperlyConfigured(f"LOG_FORMAT must be 'plain' or 'json', not {LOG_FORMAT!r}.")

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
