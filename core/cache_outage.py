"""What every optional use of the cache does when the cache is down.

Production points the Django cache at Redis. The throttle counters, the
per-user permission cache and the briefly cached drop-down options are all
optional: when Redis cannot be reached the request goes on without them
(unthrottled, or with permissions and options read from the database) and a
warning is logged at most once a minute per process. A Redis outage must
never turn a page or an API call into a 500; saves never depended on it.
"""

import logging
import time

try:  # redis-py is installed with celery[redis]; other cache backends raise OSError.
    from redis.exceptions import RedisError as _RedisError
except ImportError:  # pragma: no cover - redis is a runtime dependency
    _RedisError = OSError

logger = logging.getLogger(__name__)

# What a cache backend raises when its server is down or does not answer.
CACHE_UNAVAILABLE = (_RedisError, OSError)
# Log the outage at most once per this many seconds per process, not per request.
WARNING_INTERVAL = 60.0
_last_warning: float | None = None


def cache_outage_warn(error: Exception, *, going_on: str) -> None:
    """Log that the cache is down and what the request does instead, once a minute."""
    global _last_warning
    now = time.monotonic()
    if _last_warning is None or now - _last_warning >= WARNING_INTERVAL:
        _last_warning = now
        logger.warning("Cache unavailable, %s: %s", going_on, error)
