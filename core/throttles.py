"""API throttles (429) whose rates come from settings at request time.

Kept apart from core.api: DRF reads DEFAULT_THROTTLE_CLASSES while defining
APIView, so this module must not import DRF's views.

The counters live in the Django cache, which production points at Redis. When
the cache cannot be reached the throttle lets the request through and logs a
warning (once a minute per process): a Redis outage must not turn every API
request into a 500, and for a desk tool brief unthrottled traffic is the
lesser harm. Saves never depended on the cache.
"""

import logging
import time

from rest_framework import throttling
from rest_framework.settings import api_settings

logger = logging.getLogger(__name__)

try:  # redis-py is installed with celery[redis]; other cache backends raise OSError.
    from redis.exceptions import RedisError as _RedisError
except ImportError:  # pragma: no cover - redis is a runtime dependency
    _RedisError = OSError

# What a cache backend raises when its server is down or does not answer.
CACHE_UNAVAILABLE = (_RedisError, OSError)
# Log the outage at most once per this many seconds per process, not per request.
_WARNING_INTERVAL = 60.0
_last_warning: float | None = None


def _warn_cache_unavailable(error: Exception) -> None:
    global _last_warning
    now = time.monotonic()
    if _last_warning is None or now - _last_warning >= _WARNING_INTERVAL:
        _last_warning = now
        logger.warning("Throttle cache unavailable, allowing the request: %s", error)


class _RateFromSettingsMixin:
    """Reads the rate at request time so settings (and tests) can change it."""

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def allow_request(self, request, view):
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        try:
            return super().allow_request(request, view)
        except CACHE_UNAVAILABLE as error:
            _warn_cache_unavailable(error)
            self.history = []
            return True


class UserRateThrottle(_RateFromSettingsMixin, throttling.UserRateThrottle):
    pass


class AnonRateThrottle(_RateFromSettingsMixin, throttling.AnonRateThrottle):
    pass
