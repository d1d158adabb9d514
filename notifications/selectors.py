"""Reads of notifications made on every page."""

from django.db import transaction

from core.short_cache import cached_briefly, forget_briefly

from .models import Notification


def _unread_key(user_id: int) -> str:
    return f"unread-notifications:{user_id}"


def notification_unread_count(*, user) -> int:
    """The header bell's number: the user's unread notifications.

    Every page shows it, so it is kept for LIST_CACHE_SECONDS (one query
    fewer per page). The services that record notifications or mark them read
    forget the count of the users concerned once they commit: with a shared
    cache (Redis CACHE_URL) the bell is never behind; with a per-process cache
    another web process may show the old number for that long.
    """
    return cached_briefly(
        _unread_key(user.pk),
        lambda: Notification.objects.filter(user=user, read_at__isnull=True).count(),
    )


def notification_unread_count_forget(*, user_ids) -> None:
    """After the current transaction commits (so no request re-reads the old
    count in between), drop the kept counts of these users."""
    keys = [_unread_key(user_id) for user_id in user_ids]
    transaction.on_commit(lambda: forget_briefly(keys))
