"""The README's first command on a fresh machine: the embedded default
(SQLite, tasks in-process) must migrate from nothing, load the demo and open
every page of it (tests/tracker/sqlite_pages.py).
Every other test runs on PostgreSQL in CI, so without this one a migration
SQLite cannot run (an index with NULLS LAST did) would go unnoticed."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

PROJECT_DIR = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_a_fresh_sqlite_database_migrates_and_loads_the_demo(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tracker.settings",
        "DEBUG": "true",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    env.pop("CELERY_BROKER_URL", None)  # no broker: tasks run in-process
    outputs = []
    for command in (["migrate", "--noinput"], ["load_demo"], ["makemigrations", "--check", "--dry-run"]):
        result = subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=PROJECT_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert result.returncode == 0, (command, result.stdout[-2000:], result.stderr[-4000:])
        outputs.append(result.stdout)
    assert "Demo data loaded" in outputs[1]
    pages = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("sqlite_pages.py"))],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert pages.returncode == 0, (pages.stdout[-4000:], pages.stderr[-4000:])


@pytest.mark.django_db
def test_the_event_pickers_index_is_made_where_the_database_can_make_it():
    with connection.cursor() as cursor:
        indexes = connection.introspection.get_constraints(cursor, "claims_event")
    if connection.vendor == "postgresql":
        assert indexes["event_newest_first"]["columns"] == ["start_date", "id"]
        assert indexes["event_newest_first"]["orders"] == ["DESC", "DESC"]
        with connection.cursor() as cursor:
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'event_newest_first'")
            assert "start_date DESC NULLS LAST, id DESC" in cursor.fetchone()[0]
    else:
        assert "event_newest_first" not in indexes
