"""Reads that change rarely but are made on every page (filter drop-downs, the
queue's status counts and rule list, the header's unread-notification count),
kept in the cache for a few seconds; forget_briefly drops one after a write
that changes it (notifications/selectors.py).

LIST_CACHE_SECONDS (20 by default, 0 in tests) says how long: a new source
or a just-resolved flag may take that long to show in a drop-down or a
count. The rows of the lists themselves are never cached; the queue's two
side panels (the newest claims, the suggested corroborations, the same for
every reader) are, under the time any claim last changed, so a new or
changed claim shows at once and only a deleted one may linger.
"""

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import cache

from .cache_outage import CACHE_UNAVAILABLE, cache_outage_warn

_MISSING = object()


def cached_briefly(key: str, compute: Callable):
    seconds = settings.LIST_CACHE_SECONDS
    if seconds <= 0:
        return compute()
    try:
        value = cache.get(f"briefly:{key}", _MISSING)
    except CACHE_UNAVAILABLE as error:
        cache_outage_warn(error, going_on="reading lists from the database")
        return compute()
    if value is _MISSING:
        value = compute()
        try:
            cache.set(f"briefly:{key}", value, seconds)
        except CACHE_UNAVAILABLE as error:
            cache_outage_warn(error, going_on="reading lists from the database")
    return value


def briefly_cached(key: str):
    """Decorator form of cached_briefly for a function without arguments."""

    def decorator(function):
        @wraps(function)
        def wrapper():
            return cached_briefly(key, function)

        wrapper.uncached = function
        return wrapper

    return decorator


def lexicon_cache_key(model) -> str:
    """The cached_briefly key of a lexicon's entries (detection's word lists),
    which core.services.lexicon_entry_* forget once an edit commits."""
    return f"lexicon:{model._meta.label_lower}"


def forget_briefly(keys) -> None:
    """Drop values kept by cached_briefly, after a write that changes them.
    With a per-process cache only this process forgets; the others see the
    change within LIST_CACHE_SECONDS."""
    keys = [f"briefly:{key}" for key in keys]
    if not keys or settings.LIST_CACHE_SECONDS <= 0:
        return
    try:
        cache.delete_many(keys)
    except CACHE_UNAVAILABLE as error:
        # Nothing is read from a cache that is down; what it kept expires
        # within LIST_CACHE_SECONDS.
        cache_outage_warn(error, going_on="a change could not reset the cached counts")
