"""Who has a conflict open right now, and who is writing a decision on it.

Pages report what they show every `LIVE_PRESENCE_HEARTBEAT_SECONDS` (see
static/js/live.js); an entry not renewed within `LIVE_PRESENCE_TTL_SECONDS`
is gone, so a closed laptop stops counting without saying goodbye. Entries
live where the live-update log lives (Redis, or this process's memory), and a
change of who is there is announced on the flag's topic so other pages show it.
"""

import json
import threading
import time
from collections.abc import Iterable
from functools import cache

from django.conf import settings

from . import bus
from .announce import topics_for


class MemoryPresence:
    def __init__(self):
        self._lock = threading.Lock()
        self._flags: dict[int, dict[str, dict]] = {}

    def set(self, flag_id: int, username: str, entry: dict) -> dict | None:
        with self._lock:
            people = self._flags.setdefault(flag_id, {})
            previous = people.get(username)
            people[username] = entry
            return previous

    def remove(self, flag_id: int, username: str) -> bool:
        with self._lock:
            return self._flags.get(flag_id, {}).pop(username, None) is not None

    def read(self, flag_ids: list[int]) -> dict[int, dict[str, dict]]:
        with self._lock:
            return {flag_id: dict(self._flags.get(flag_id, {})) for flag_id in flag_ids}


class RedisPresence:
    def __init__(self, url: str, prefix: str):
        import redis

        self.prefix = prefix
        self._client = redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=5)

    def _key(self, flag_id: int) -> str:
        return f"{self.prefix}:presence:{flag_id}"

    def set(self, flag_id: int, username: str, entry: dict) -> dict | None:
        key = self._key(flag_id)
        pipe = self._client.pipeline()
        pipe.hget(key, username)
        pipe.hset(key, username, json.dumps(entry))
        # The whole hash goes once nobody has renewed anything in it for a while.
        pipe.expire(key, settings.LIVE_PRESENCE_TTL_SECONDS * 2)
        previous, _, _ = pipe.execute()
        return json.loads(previous) if previous else None

    def remove(self, flag_id: int, username: str) -> bool:
        return bool(self._client.hdel(self._key(flag_id), username))

    def read(self, flag_ids: list[int]) -> dict[int, dict[str, dict]]:
        pipe = self._client.pipeline()
        for flag_id in flag_ids:
            pipe.hgetall(self._key(flag_id))
        found = {}
        for flag_id, people in zip(flag_ids, pipe.execute(), strict=True):
            found[flag_id] = {name.decode(): json.loads(value) for name, value in people.items()}
        return found


@cache
def get_store() -> MemoryPresence | RedisPresence:
    if settings.LIVE_UPDATES_URL:
        return RedisPresence(settings.LIVE_UPDATES_URL, settings.LIVE_UPDATES_STREAM)
    return MemoryPresence()


def presence_report(*, username: str, viewing: Iterable[int], working: int | None = None) -> None:
    """Record that `username` has these flags open (and is writing on `working`).
    Announces the flags where this changes what others see."""
    now = time.time()
    changed = []
    store = get_store()
    for flag_id in sorted(set(viewing) | ({working} if working else set())):
        entry = {"working": flag_id == working, "seen": now}
        previous = store.set(flag_id, username, entry)
        stale = previous is None or previous["seen"] < now - settings.LIVE_PRESENCE_TTL_SECONDS
        if stale or previous["working"] != entry["working"]:
            changed.append(flag_id)
    if changed:
        bus.publish({"kind": "presence", "topics": topics_for(flag_ids=changed)})


def presence_leave(*, username: str, flag_ids: Iterable[int]) -> None:
    """The page closed: drop its entries at once rather than when they expire."""
    store = get_store()
    gone = [flag_id for flag_id in set(flag_ids) if store.remove(flag_id, username)]
    if gone:
        bus.publish({"kind": "presence", "topics": topics_for(flag_ids=gone)})


def presence_on_flags(*, flag_ids: Iterable[int]) -> dict[int, list[dict]]:
    """For each flag, who is there now: [{"user": name, "working": bool}], by name."""
    flag_ids = sorted(set(flag_ids))
    if not flag_ids:
        return {}
    oldest = time.time() - settings.LIVE_PRESENCE_TTL_SECONDS
    found = get_store().read(flag_ids)
    return {
        flag_id: [
            {"user": name, "working": entry["working"]}
            for name, entry in sorted(people.items())
            if entry["seen"] >= oldest
        ]
        for flag_id, people in found.items()
    }
