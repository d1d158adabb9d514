"""The Celery app. Configuration lives in settings under the CELERY_ prefix."""

import os
from pathlib import Path

from celery import Celery
from celery.signals import beat_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")

app = Celery("tracker")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@beat_init.connect
def make_beat_state_directory(**_kwargs):
    """Beat keeps its schedule in CELERY_BEAT_SCHEDULE_FILENAME; make its folder
    (var/ in a checkout, a systemd StateDirectory in production)."""
    Path(app.conf.beat_schedule_filename).parent.mkdir(parents=True, exist_ok=True)
