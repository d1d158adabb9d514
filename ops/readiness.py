"""Readiness checks for load balancers: can this process reach what it needs?

Each check returns how long it took; a failure is named but never shows a
host, a password or a URL, because /readyz is answered to anyone.
"""

import time
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connections


@dataclass(frozen=True)
class CheckResult:
    name: str
    ok: bool
    milliseconds: float
    detail: str = ""


def _timed(name: str, check) -> CheckResult:
    started = time.perf_counter()
    try:
        detail = check() or ""
        ok = True
    except Exception as error:
        detail, ok = f"unreachable ({type(error).__name__})", False
    return CheckResult(name, ok, round((time.perf_counter() - started) * 1000, 1), detail)


def _database() -> str:
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return ""


def _cache() -> str:
    # A key of its own, so a probe never touches the app's cached values.
    cache.set("readyz-probe", "1", timeout=10)
    if cache.get("readyz-probe") != "1":
        raise RuntimeError("the cache did not return what was stored")
    return ""


def _broker() -> str:
    from celery import current_app as app

    if app.conf.task_always_eager:
        return "no broker configured: tasks run in-process"
    with app.connection_for_write() as connection:
        connection.ensure_connection(max_retries=1, timeout=2)
    return ""


def readiness_checks() -> list[CheckResult]:
    """Database, cache and broker, in that order."""
    return [_timed("database", _database), _timed("cache", _cache), _timed("broker", _broker)]
