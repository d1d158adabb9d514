"""The backup and restore commands of docs/production.md, run for real on
PostgreSQL: dump, restore into a fresh database, `migrate --check`, and the
rows are all there."""

import shutil
import subprocess
import uuid

import pytest
from django.db import connection

from claims.demo import demo_load
from claims.models import Attribution, Claim, ConflictFlag
from tests.conftest import skip_or_fail
from tests.tracker.test_settings import run_manage

pytestmark = pytest.mark.slow


def postgres_url(settings_dict: dict, name: str) -> str:
    user = settings_dict["USER"]
    password = f":{settings_dict['PASSWORD']}" if settings_dict.get("PASSWORD") else ""
    return f"postgres://{user}{password}@{settings_dict['HOST'] or '127.0.0.1'}:{settings_dict['PORT'] or 5432}/{name}"


def libpq_env(settings_dict: dict) -> dict:
    env = {"PGHOST": settings_dict["HOST"] or "127.0.0.1", "PGPORT": str(settings_dict["PORT"] or 5432)}
    env["PGUSER"] = settings_dict["USER"]
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = settings_dict["PASSWORD"]
    return env


def test_a_nightly_dump_restores_into_a_fresh_database_with_every_row(transactional_db, tmp_path):
    if connection.vendor != "postgresql":
        skip_or_fail("backup and restore are PostgreSQL's pg_dump and pg_restore (DATABASE_URL)")
    if not (shutil.which("pg_dump") and shutil.which("pg_restore")):
        skip_or_fail("pg_dump and pg_restore are not installed")
    demo_load()
    counts = {model: model.objects.count() for model in (Claim, Attribution, ConflictFlag)}
    assert all(counts.values())

    settings_dict = connection.settings_dict
    env = {**libpq_env(settings_dict), "PATH": "/usr/bin:/bin"}
    dump = tmp_path / "claimtrack.dump"
    restored = f"restore_{uuid.uuid4().hex[:10]}"
    subprocess.run(
        ["pg_dump", "--format=custom", f"--file={dump}", settings_dict["NAME"]], env=env, check=True
    )
    subprocess.run(["createdb", restored], env=env, check=True)
    try:
        subprocess.run(["pg_restore", "--no-owner", f"--dbname={restored}", str(dump)], env=env, check=True)

        url = postgres_url(settings_dict, restored)
        check = run_manage("migrate", "--check", DEBUG="true", DATABASE_URL=url)
        assert check.returncode == 0, check.stdout + check.stderr

        probe = run_manage(
            "shell",
            "-c",
            "from claims.models import Attribution, Claim, ConflictFlag;"
            "print(Claim.objects.count(), Attribution.objects.count(), ConflictFlag.objects.count())",
            DEBUG="true",
            DATABASE_URL=url,
        )
        assert probe.returncode == 0, probe.stderr
        assert probe.stdout.split()[-3:] == [
            str(counts[Claim]),
            str(counts[Attribution]),
            str(counts[ConflictFlag]),
        ]
    finally:
        subprocess.run(["dropdb", "--if-exists", restored], env=env, check=False)
