"""Time and Redis memory of the API throttle: DRF's timestamp list against
core.throttles' sliding-window counter, both on Redis.

    CACHE_URL=rediscache://127.0.0.1:6379/15 DEBUG=true \\
        .venv/bin/python bench/api_throttle_bench.py [--warm 1200] [--calls 500]

Each throttle first sees `--warm` requests from one client (the documented
user rate is 1,200 an hour, so DRF's list then holds 1,200 times), then the
time of `--calls` more is measured and the bytes the client's keys take in
Redis (MEMORY USAGE) are summed. It clears the cache it is pointed at: give
it a Redis database of its own. Numbers are printed, never asserted in tests.
"""

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--warm", type=int, default=1200)
    parser.add_argument("--calls", type=int, default=500)
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth.models import AnonymousUser
    from django.core.cache import caches
    from rest_framework import throttling
    from rest_framework.test import APIRequestFactory

    from core import throttles

    cache = caches["default"]
    if not cache.__class__.__name__ == "RedisCache":
        sys.exit("Point CACHE_URL at a Redis database of its own (rediscache://…).")
    rate = f"{10 * (args.warm + args.calls)}/hour"  # never refuses: the counting is what is timed
    settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] = {"user": rate, "anon": rate}

    class DrfListThrottle(throttling.AnonRateThrottle):
        pass

    DrfListThrottle.rate = rate
    request = APIRequestFactory().get("/api/v1/claims/", REMOTE_ADDR="203.0.113.9")
    request.user = AnonymousUser()
    redis = cache._cache.get_client(write=True)
    for name, throttle_class in [
        ("DRF timestamp list", DrfListThrottle),
        ("sliding-window counter", throttles.AnonRateThrottle),
    ]:
        cache.clear()
        for _ in range(args.warm):
            throttle_class().allow_request(request, None)
        started = time.perf_counter()
        for _ in range(args.calls):
            throttle_class().allow_request(request, None)
        per_call = (time.perf_counter() - started) / args.calls * 1000
        stored = sum(redis.memory_usage(key) or 0 for key in redis.scan_iter("*throttle*"))
        print(
            f"{name}: {per_call:.3f} ms a request after {args.warm + args.calls:,} requests; {stored:,} bytes in Redis"
        )
    cache.clear()


if __name__ == "__main__":
    main()
