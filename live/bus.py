"""The live-update bus: a short, ordered log of "something changed" notices.

Writers append a notice after their transaction commits (live/announce.py);
every open page reads the log through its event stream (live/views.py) and
refetches what it shows. A notice carries ids and topics only, never content,
so a page always renders what the database says, through the same views.

Two backends:
- Redis (`LIVE_UPDATES_URL`, or the Celery broker when that is Redis): a
  Redis stream capped at `LIVE_UPDATES_KEEP` entries, shared by every web
  process and worker. Stream ids are ordered, so a page that reconnects with
  the last id it saw gets exactly what it missed (if it is still kept).
- Memory (no Redis configured): the same log in this process. Enough for
  `scripts/start` (runserver, background jobs in-process); not for several
  processes, which would each see only their own writes.
"""

import json
import logging
import threading
import time
from collections import deque
from functools import cache

from django.conf import settings

logger = logging.getLogger(__name__)


class MemoryBus:
    """The log in this process, for development and tests without Redis."""

    def __init__(self, keep: int):
        self._entries: deque[tuple[int, dict]] = deque(maxlen=keep)
        self._next = 1
        self._changed = threading.Condition()

    def publish(self, notice: dict) -> str:
        with self._changed:
            entry_id = self._next
            self._next += 1
            self._entries.append((entry_id, notice))
            self._changed.notify_all()
        return str(entry_id)

    def last_id(self) -> str:
        with self._changed:
            return str(self._next - 1)

    def _after(self, after: int) -> list[tuple[str, dict]]:
        return [(str(entry_id), notice) for entry_id, notice in self._entries if entry_id > after]

    def read(self, *, after: str, timeout: float) -> list[tuple[str, dict]]:
        """Notices newer than `after`, waiting up to `timeout` seconds for one."""
        try:
            position = int(after)
        except ValueError:
            position = self._next - 1
        with self._changed:
            found = self._after(position)
            if not found:
                self._changed.wait(timeout)
                found = self._after(position)
        return found


class RedisBus:
    """The log as a Redis stream (XADD / XREAD), shared by every process."""

    def __init__(self, url: str, key: str, keep: int):
        import redis

        self.url, self.key, self.keep = url, key, keep
        # Short timeouts: announcing must never hold up a save for long.
        self._client = redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=5)
        # Blocking reads wait up to a heartbeat; their socket waits a little longer.
        read_timeout = settings.LIVE_UPDATES_HEARTBEAT_SECONDS + 10
        self._reader = redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=read_timeout)
        self._async_reader = None
        self._async_loop = None

    def publish(self, notice: dict) -> str:
        entry_id = self._client.xadd(
            self.key, {"notice": json.dumps(notice)}, maxlen=self.keep, approximate=True
        )
        return entry_id.decode()

    def last_id(self) -> str:
        newest = self._client.xrevrange(self.key, count=1)
        return newest[0][0].decode() if newest else "0-0"

    @staticmethod
    def _decode(entries) -> list[tuple[str, dict]]:
        found = []
        for _, stream_entries in entries or []:
            for entry_id, fields in stream_entries:
                found.append((entry_id.decode(), json.loads(fields[b"notice"])))
        return found

    @staticmethod
    def _position(after: str) -> str:
        # Anything that is not a stream id means "from now on".
        left, _, right = (after or "").partition("-")
        return after if left.isdigit() and right.isdigit() else "$"

    def read(self, *, after: str, timeout: float) -> list[tuple[str, dict]]:
        entries = self._reader.xread(
            {self.key: self._position(after)}, block=max(int(timeout * 1000), 1), count=200
        )
        return self._decode(entries)

    async def aread(self, *, after: str, timeout: float) -> list[tuple[str, dict]]:
        """read() for the ASGI event stream: waits without holding a thread."""
        import asyncio

        import redis.asyncio

        loop = asyncio.get_running_loop()
        if self._async_loop is not loop:
            # One pooled client per event loop (an ASGI server runs one).
            self._async_loop = loop
            self._async_reader = redis.asyncio.Redis.from_url(
                self.url,
                socket_connect_timeout=2,
                socket_timeout=settings.LIVE_UPDATES_HEARTBEAT_SECONDS + 10,
            )
        entries = await self._async_reader.xread(
            {self.key: self._position(after)}, block=max(int(timeout * 1000), 1), count=200
        )
        return self._decode(entries)


@cache
def get_bus() -> MemoryBus | RedisBus:
    url = settings.LIVE_UPDATES_URL
    if url:
        return RedisBus(url, settings.LIVE_UPDATES_STREAM, settings.LIVE_UPDATES_KEEP)
    return MemoryBus(settings.LIVE_UPDATES_KEEP)


# After a failure, leave Redis alone for a few seconds: with Redis down, every
# save would otherwise wait out a connection timeout per notice, and every page
# one more for `last_id`. Live updates pause; saves and pages do not slow down.
_paused_until = 0.0
_pause_lock = threading.Lock()


def _paused() -> bool:
    return time.monotonic() < _paused_until


def _pause(what: str) -> None:
    global _paused_until
    with _pause_lock:
        _paused_until = time.monotonic() + settings.LIVE_UPDATES_RETRY_SECONDS
    logger.warning(
        "Live-update bus unreachable (%s); live updates paused for %ss",
        what,
        settings.LIVE_UPDATES_RETRY_SECONDS,
        exc_info=True,
    )


def publish(notice: dict) -> str | None:
    """Append a notice. A failure is logged, never raised: the change it
    announces is already committed, and open pages catch up when their
    stream reconnects."""
    if _paused():
        return None
    try:
        return get_bus().publish(notice)
    except Exception:
        _pause(f"announcing {notice['kind']}")
        return None


def last_id() -> str:
    """Where the log stands now; pages render it so their stream starts there."""
    if _paused():
        return ""
    try:
        return get_bus().last_id()
    except Exception:
        _pause("reading the log position")
        return ""
