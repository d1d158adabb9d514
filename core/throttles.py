"""API throttles (429) whose rates come from settings at request time.

Kept apart from core.api: DRF reads DEFAULT_THROTTLE_CLASSES while defining
APIView, so this module must not import DRF's views.

Counting: a sliding-window counter, not DRF's list of timestamps. DRF keeps
every allowed request's time in one cache entry per user, read, trimmed and
written back whole on every call (up to 1,200 floats at the default rate), and
two processes reading the same list at once both append to their own copy, so
one of the two requests goes uncounted. Here each client has one integer per
window of the rate's length, raised with the cache's atomic `incr` (Redis
INCR), and the rate is checked against

    this window's count + the previous window's count × the share of the
    previous window still inside the sliding one

(the previous window's requests taken as evenly spread). On Redis that is
one round trip per request (a pipeline of SET NX EX, INCR and GET), whatever
the rate; on another cache three small operations (add, incr, get). Two
processes raising one counter on Redis both count; and a client cannot fire
twice its rate across a window boundary, as a plain fixed window allows. A
refused request is taken back off the counter (as DRF did not record it), so a
client retrying while refused is not held back longer.

The counters live in the Django cache, which production points at Redis. When
the cache cannot be reached the throttle lets the request through and logs a
warning (once a minute per process): a Redis outage must not turn every API
request into a 500, and for a desk tool brief unthrottled traffic is the
lesser harm. Saves never depended on the cache.
"""

import math

from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from rest_framework import throttling
from rest_framework.settings import api_settings

from .cache_outage import CACHE_UNAVAILABLE, cache_outage_warn


class _SlidingWindowCounterMixin:
    """Reads the rate at request time (so settings and tests can change it)
    and counts with one atomic counter per client and window."""

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def allow_request(self, request, view):
        self.rate = self.get_rate()
        if self.rate is None:
            return True
        self.num_requests, self.duration = self.parse_rate(self.rate)
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        try:
            return self._count(self.timer())
        except CACHE_UNAVAILABLE as error:
            cache_outage_warn(error, going_on="allowing the request unthrottled")
            return True

    def _count(self, now: float) -> bool:
        window = int(now // self.duration)
        current_key = f"{self.key}:w{window}"
        previous_key = f"{self.key}:w{window - 1}"
        backend = caches["default"]
        if isinstance(backend, RedisCache):
            current, previous = self._count_in_redis(backend, current_key, previous_key)
        else:
            current, previous = self._count_in_cache(current_key, previous_key)
        self._elapsed = now - window * self.duration
        self._previous = previous
        if current + previous * self._previous_share(self._elapsed) <= self.num_requests:
            return True
        self.cache.decr(current_key)
        self._current = current - 1
        return False

    def _count_in_redis(self, backend: RedisCache, current_key: str, previous_key: str) -> tuple[int, int]:
        """Create the window's counter with its expiry if new, raise it and
        read the previous window's, in one round trip. Django's RedisCache
        stores integers unpickled, so cache.get/decr read the same counters."""
        current_name = backend.make_and_validate_key(current_key)
        pipeline = backend._cache.get_client(current_name, write=True).pipeline(transaction=False)
        # Kept through the next window, which reads it as its previous one.
        pipeline.set(current_name, 0, ex=2 * self.duration, nx=True)
        pipeline.incr(current_name)
        pipeline.get(backend.make_and_validate_key(previous_key))
        _, current, previous = pipeline.execute()
        return int(current), int(previous or 0)

    def _count_in_cache(self, current_key: str, previous_key: str) -> tuple[int, int]:
        # Kept through the next window, which reads it as its previous one.
        self.cache.add(current_key, 0, timeout=2 * self.duration)
        try:
            current = self.cache.incr(current_key)
        except ValueError:  # gone between add and incr (evicted): start it again
            self.cache.add(current_key, 0, timeout=2 * self.duration)
            current = self.cache.incr(current_key)
        return current, self.cache.get(previous_key, 0)

    def _previous_share(self, elapsed: float) -> float:
        return max(0.0, 1.0 - elapsed / self.duration)

    def wait(self) -> float:
        """Seconds until one more request fits (the Retry-After of the 429)."""
        allowed, current, previous, elapsed = self.num_requests, self._current, self._previous, self._elapsed
        if current + 1 <= allowed:
            # This window has room; the previous window's share must shrink to fit.
            needed = self.duration * (1 - (allowed - 1 - current) / previous) if previous else 0.0
            return max(needed - elapsed, 1.0)
        # Only after this window ends, once this window's count (then the
        # previous one) has shrunk enough.
        until_next_window = self.duration - elapsed
        into_next = (
            self.duration * (1 - (allowed - 1) / current) if current and allowed >= 1 else self.duration
        )
        return max(math.ceil(until_next_window + max(into_next, 0.0)), 1.0)


class UserRateThrottle(_SlidingWindowCounterMixin, throttling.UserRateThrottle):
    pass


class AnonRateThrottle(_SlidingWindowCounterMixin, throttling.AnonRateThrottle):
    pass
