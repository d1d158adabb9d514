"""Task run times, shared by every worker through the broker's Redis.

One Redis hash per task name holds a cumulative histogram (a count per upper
bound, the total count and the summed seconds), so the /metrics endpoint of
any web process reads the same figures whatever worker ran the task. With no
Redis broker (tasks in-process) the figures live in this process only.
"""

import logging
import math
from functools import cache

logger = logging.getLogger(__name__)

# Upper bounds in seconds: conflict checks take milliseconds, a digest or an
# extraction seconds, the sweep up to its time budget.
BUCKETS = (0.01, 0.05, 0.1, 0.5, 1.0, 5.0, 30.0, 120.0, math.inf)
KEY_PREFIX = "claimtrack:task-seconds:"
_in_process: dict[str, dict[str, float]] = {}


def _redis():
    """The broker's Redis, or None when tasks run in-process."""
    from celery import current_app as app

    url = app.conf.broker_write_url or app.conf.broker_url or ""
    if app.conf.task_always_eager or not url.startswith(("redis://", "rediss://")):
        return None
    return _client_for(url)


@cache
def _client_for(url: str):
    import redis

    return redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1)


def _bucket_field(bound: float) -> str:
    return "+Inf" if math.isinf(bound) else repr(bound)


def record(task_name: str, seconds: float) -> None:
    """Add one run; never lets a metrics failure touch the task itself."""
    fields = {_bucket_field(bound): 1 for bound in BUCKETS if seconds <= bound}
    client = _redis()
    if client is None:
        stored = _in_process.setdefault(task_name, {})
        for field in fields:
            stored[field] = stored.get(field, 0) + 1
        stored["sum"] = stored.get("sum", 0.0) + seconds
        return
    try:
        pipe = client.pipeline(transaction=False)
        key = KEY_PREFIX + task_name
        for field in fields:
            pipe.hincrby(key, field, 1)
        pipe.hincrbyfloat(key, "sum", seconds)
        pipe.execute()
    except Exception:
        logger.warning("could not record the run time of %s", task_name, exc_info=True)


def read_all() -> dict[str, tuple[list[tuple[str, float]], float]]:
    """{task: ([(upper bound, cumulative count), ...], summed seconds)}"""
    client = _redis()
    if client is None:
        raw = {name: {k: v for k, v in values.items()} for name, values in _in_process.items()}
    else:
        try:
            raw = {}
            for key in client.scan_iter(match=KEY_PREFIX + "*", count=100):
                name = key.decode().removeprefix(KEY_PREFIX)
                raw[name] = {k.decode(): float(v) for k, v in client.hgetall(key).items()}
        except Exception:
            logger.warning("could not read task timings", exc_info=True)
            return {}
    result = {}
    for name, values in raw.items():
        buckets = [(_bucket_field(bound), values.get(_bucket_field(bound), 0)) for bound in BUCKETS]
        result[name] = (buckets, values.get("sum", 0.0))
    return result


def queue_depth(queue: str) -> int | None:
    """Tasks waiting in a Redis broker's queue; None with no Redis broker."""
    client = _redis()
    if client is None:
        return None
    try:
        return int(client.llen(queue))
    except Exception:
        logger.warning("could not read the queue depth", exc_info=True)
        return None
