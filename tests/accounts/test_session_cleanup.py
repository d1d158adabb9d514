"""Expired sessions are deleted by a scheduled task, not left in the table for ever."""

from datetime import timedelta

from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone

from accounts.tasks import clear_expired_sessions
from tracker.celery import app


def _session(key: str, expires_in: timedelta) -> None:
    Session.objects.create(session_key=key, session_data="", expire_date=timezone.now() + expires_in)


def test_the_task_deletes_expired_sessions_and_keeps_live_ones(db):
    _session("expired" + "x" * 25, timedelta(days=-1))
    _session("live" + "x" * 28, timedelta(days=1))

    clear_expired_sessions.delay()

    assert list(Session.objects.values_list("session_key", flat=True)) == ["live" + "x" * 28]


def test_running_the_cleanup_twice_changes_nothing_more(db):
    _session("expired" + "x" * 25, timedelta(seconds=-1))
    _session("live" + "x" * 28, timedelta(hours=1))

    clear_expired_sessions.delay()
    clear_expired_sessions.delay()

    assert Session.objects.count() == 1


def test_beat_runs_the_cleanup_daily_and_drops_a_late_run():
    entry = settings.CELERY_BEAT_SCHEDULE["session-cleanup"]
    app.loader.import_default_modules()

    assert entry["task"] == "accounts.tasks.clear_expired_sessions"
    assert entry["task"] in app.tasks
    assert entry["schedule"].hour == {3}
    assert 0 < entry["options"]["expires"] <= 24 * 60 * 60
