import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from tracker.env import StrictEnv

PROJECT_DIR = Path(__file__).resolve().parents[2]


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "DJANGO_SETTINGS_MODULE",
            "DEBUG",
            "SECRET_KEY",
            "SECURE_SSL_REDIRECT",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    environment.update({"DJANGO_SETTINGS_MODULE": "tracker.settings", **env})
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_refuse_to_start_without_a_secret_key():
    result = run_manage("check", DEBUG="false", SECRET_KEY="")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


SINGLE_SIGN_ON = {
    "OIDC_SERVER_URL": "https://login.microsoftonline.com/tenant/v2.0",
    "OIDC_CLIENT_ID": "claimtrack",
    "OIDC_CLIENT_SECRET": "a-client-secret",
    "OIDC_ROLE_GROUPS": "editor=editors,fact_checker=checkers,viewer=staff",
}


@pytest.mark.parametrize("extra", [{}, SINGLE_SIGN_ON], ids=["password-only", "with-single-sign-on"])
def test_check_deploy_is_clean_under_production_settings(extra):
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="false",
        SECRET_KEY="a-long-random-production-key-6b1f0c9e8d7a5b4c3f2e1d0c9b8a7f6e5d4c3b2a",
        ALLOWED_HOSTS="claims.example.org",
        BEHIND_TLS_PROXY="true",
        **extra,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_warns_when_https_redirect_is_on_without_a_trusted_proxy():
    result = run_manage(
        "check",
        DEBUG="false",
        SECRET_KEY="a-long-random-production-key-6b1f0c9e8d7a5b4c3f2e1d0c9b8a7f6e5d4c3b2a",
        ALLOWED_HOSTS="claims.example.org",
        BEHIND_TLS_PROXY="false",
    )
    assert "ops.W001" in result.stderr + result.stdout
    assert "BEHIND_TLS_PROXY=true" in result.stderr + result.stdout


def test_development_runs_without_any_environment():
    result = run_manage("check", DEBUG="true", SECRET_KEY="")
    assert result.returncode == 0, result.stderr


def test_behind_a_proxy_login_throttling_reads_the_forwarded_address():
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.AXES_IPWARE_META_PRECEDENCE_ORDER[0])",
        DEBUG="true",
        AXES_PROXY_COUNT="1",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "HTTP_X_FORWARDED_FOR"


def test_a_boolean_setting_that_is_not_a_boolean_word_stops_the_start():
    result = run_manage("check", DEBUG="ture", SECRET_KEY="")
    assert result.returncode != 0
    assert "DEBUG='ture' is not a boolean" in result.stderr


def test_boolean_words_are_read_either_way_and_anything_else_is_refused(monkeypatch):
    env = StrictEnv()
    for word, expected in [("true", True), ("On", True), ("1", True), ("no", False), (" FALSE ", False)]:
        monkeypatch.setenv("CLAIMTRACK_FLAG", word)
        assert env.bool("CLAIMTRACK_FLAG", default=not expected) is expected
    monkeypatch.delenv("CLAIMTRACK_FLAG")
    assert env.bool("CLAIMTRACK_FLAG", default=True) is True
    for word in ["ture", "", "enabled"]:
        monkeypatch.setenv("CLAIMTRACK_FLAG", word)
        with pytest.raises(ImproperlyConfigured, match="CLAIMTRACK_FLAG"):
            env.bool("CLAIMTRACK_FLAG", default=False)


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="a PostgreSQL setting"
)
def test_the_web_services_statement_timeout_cancels_a_statement_that_runs_past_it():
    result = run_manage(
        "shell",
        "-c",
        "from django.db import connection\n"
        "cursor = connection.cursor()\n"
        "cursor.execute('SHOW statement_timeout'); print(cursor.fetchone()[0])\n"
        "try:\n"
        "    cursor.execute('SELECT pg_sleep(3)'); print('finished')\n"
        "except Exception as error: print('cancelled' if 'statement timeout' in str(error) else repr(error))",
        DEBUG="true",
        DATABASE_STATEMENT_TIMEOUT="1",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-2:] == ["1s", "cancelled"]
