"""The API throttle's sliding-window counter (core/throttles.py): one integer
per client and window in the cache instead of a list of every request's time;
the documented rates, 429 and Retry-After unchanged."""

import threading

import pytest
from django.core.cache import cache, caches
from rest_framework.test import APIRequestFactory

from core import throttles
from tests.api.conftest import client_with_token

MINUTE = 60.0
# A moment at the start of a minute window (a multiple of 60 seconds).
WINDOW_START = 1_800_000_000.0


@pytest.fixture
def rate(settings):
    def set_rate(user: str, anon: str = "1000/minute"):
        settings.REST_FRAMEWORK = {
            **settings.REST_FRAMEWORK,
            "DEFAULT_THROTTLE_RATES": {"user": user, "anon": anon},
        }

    return set_rate


def anonymous_request(address="198.51.100.7"):
    from django.contrib.auth.models import AnonymousUser

    request = APIRequestFactory().get("/api/v1/claims/", REMOTE_ADDR=address)
    request.user = AnonymousUser()
    return request


class Clock:
    def __init__(self, now: float):
        self.now = now

    def __call__(self):
        return self.now


def throttle_at(clock):
    throttle = throttles.AnonRateThrottle()
    throttle.timer = clock
    return throttle


def ask(clock) -> tuple[bool, float | None]:
    throttle = throttle_at(clock)
    allowed = throttle.allow_request(anonymous_request(), None)
    return allowed, None if allowed else throttle.wait()


def test_the_counter_is_one_integer_per_window_whatever_the_number_of_requests(rate, db):
    rate("10/minute", anon="1000/minute")
    clock = Clock(WINDOW_START)
    for _ in range(500):
        assert ask(clock)[0]

    key = throttle_at(clock).get_cache_key(anonymous_request(), None)
    assert cache.get(f"{key}:w{int(WINDOW_START // MINUTE)}") == 500
    assert cache.get(key) is None  # no list of timestamps under DRF's own key


@pytest.fixture(params=["locmem", "redis"])
def either_cache(request, settings):
    """The counting on a plain cache and on Redis (one pipelined round trip)."""
    if request.param == "redis":
        server = request.getfixturevalue("spare_redis")
        settings.CACHES = {
            "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": server.url}
        }
    yield request.param
    caches.close_all()


def test_the_previous_windows_requests_count_by_the_share_still_in_the_sliding_window(rate, db, either_cache):
    rate("1000/minute", anon="10/minute")
    clock = Clock(WINDOW_START + 50)  # late in one window: 10 requests
    assert [ask(clock)[0] for _ in range(11)] == [True] * 10 + [False]

    # A quarter into the next window, three quarters of those 10 still count:
    # 7.5 + 2 fits, 7.5 + 3 does not. A plain fixed window would allow 10 more.
    clock.now = WINDOW_START + MINUTE + 15
    answers = [ask(clock) for _ in range(3)]
    assert [allowed for allowed, _ in answers] == [True, True, False]
    # One more fits once the old share falls to 7: 1 - 7/10 of the window in, 3 s later.
    assert answers[-1][1] == pytest.approx(3.0)

    # Two windows on, the burst no longer counts at all.
    clock.now = WINDOW_START + 3 * MINUTE
    assert all(ask(clock)[0] for _ in range(10))


def test_a_refused_request_is_not_counted_and_retry_after_reaches_the_next_window(rate, db, either_cache):
    rate("1000/minute", anon="3/minute")
    clock = Clock(WINDOW_START + 20)
    assert [ask(clock)[0] for _ in range(3)] == [True, True, True]
    refused = [ask(clock) for _ in range(5)]

    assert not any(allowed for allowed, _ in refused)
    # 40 s to the window's end, then 3 × (1 - x) + 1 <= 3 at x = 1/3 of the next: 20 s.
    assert {wait for _, wait in refused} == {60.0}
    key = throttle_at(clock).get_cache_key(anonymous_request(), None)
    assert caches["default"].get(f"{key}:w{int(WINDOW_START // MINUTE)}") == 3


def test_the_api_still_answers_429_with_retry_after(rate, viewer_user):
    rate("3/minute")
    api = client_with_token(viewer_user)
    statuses = [api.get("/api/v1/events/").status_code for _ in range(4)]
    response = api.get("/api/v1/events/")

    assert statuses == [200, 200, 200, 429]
    assert response.status_code == 429
    assert response.json()["error"]["code"] == "throttled"
    assert 1 <= int(response["Retry-After"]) <= 120


@pytest.fixture
def redis_counter(spare_redis, settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": spare_redis.url}
    }
    yield spare_redis
    caches.close_all()


def test_requests_from_many_processes_at_once_are_each_counted_once_in_redis(redis_counter, rate, db):
    # Threads stand for web processes: each has its own Redis connection. With
    # DRF's read-modify-write list, concurrent requests overwrote each other's
    # entries and more than the rate got through.
    rate("1000/minute", anon="25/minute")
    threads_count = 12
    per_thread = 5
    barrier = threading.Barrier(threads_count)
    allowed = []

    def client():
        barrier.wait()
        for _ in range(per_thread):
            allowed.append(throttles.AnonRateThrottle().allow_request(anonymous_request(), None))
        caches.close_all()

    workers = [threading.Thread(target=client) for _ in range(threads_count)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()

    assert len(allowed) == threads_count * per_thread
    assert allowed.count(True) == 25
