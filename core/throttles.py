"""API throttles (429) whose rates come from settings at request time.

Kept apart from core.api: DRF reads DEFAULT_THROTTLE_CLASSES while defining
APIView, so this module must not import DRF's views.

The counters live in the Django cache, which production points at Redis. When
the cache cannot be reached the throttle lets the request through and logs a
warning (once a minute per process): a Redis outage must not turn every API
request into a 500, and for a desk tool brief unthrottled traffic is the
lesser harm. Saves never depended on the cache.
"""

from rest_framework import throttling
from rest_framework.settings import api_settings

from .cache_outage import CACHE_UNAVAILABLE, cache_outage_warn


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
            cache_outage_warn(error, going_on="allowing the request unthrottled")
            self.history = []
            return True


class UserRateThrottle(_RateFromSettingsMixin, throttling.UserRateThrottle):
    pass


class AnonRateThrottle(_RateFromSettingsMixin, throttling.AnonRateThrottle):
    pass
