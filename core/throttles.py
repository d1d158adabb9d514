"""API throttles (429) whose rates come from settings at request time.

Kept apart from core.api: DRF reads DEFAULT_THROTTLE_CLASSES while defining
APIView, so this module must not import DRF's views.
"""

from rest_framework import throttling
from rest_framework.settings import api_settings


class UserRateThrottle(throttling.UserRateThrottle):
    """Reads the rate at request time so settings (and tests) can change it."""

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def allow_request(self, request, view):
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)


class AnonRateThrottle(throttling.AnonRateThrottle):
    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def allow_request(self, request, view):
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)
