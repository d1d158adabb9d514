from django.conf import settings

from tracker.celery import app


def test_the_digest_goes_out_every_monday_at_seven_in_the_newsroom_time_zone():
    entry = settings.CELERY_BEAT_SCHEDULE["weekly-digest"]
    schedule = entry["schedule"]

    assert entry["task"] == "digests.tasks.send_weekly_digests"
    assert schedule.hour == {7}
    assert schedule.minute == {0}
    assert schedule.day_of_week == {1}
    assert app.conf.timezone == settings.TIME_ZONE


def test_a_late_digest_run_expires_rather_than_piling_up():
    assert 0 < settings.CELERY_BEAT_SCHEDULE["weekly-digest"]["options"]["expires"] <= 24 * 60 * 60


def test_the_scheduled_task_is_registered():
    app.loader.import_default_modules()
    assert "digests.tasks.send_weekly_digests" in app.tasks
