"""Settings for the test suite: the real settings with a fast hasher and a
fixed key. DATABASE_URL and CELERY_BROKER_URL still come from the environment,
so CI runs against PostgreSQL and Redis."""

import os
import uuid

os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECRET_KEY", "test-only-key-9f8e7d6c5b4a39281706f5e4d3c2b1a0-not-secret")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")

from .settings import *  # noqa: F403

# scripts/test runs the suite in two processes (pytest-xdist); each is named
# in PYTEST_XDIST_WORKER, which the processes a test starts (a Celery worker,
# a web server) inherit. Whatever a run shares through Redis or the disk is
# kept per process below, so the two never see each other's tasks or events.
TEST_PROCESS = os.environ.get("PYTEST_XDIST_WORKER", "main")

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Workers a test starts can send through the test's own SMTP server instead.
if os.environ.get("CLAIMTRACK_TEST_SMTP_PORT"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = "127.0.0.1"
    EMAIL_PORT = int(os.environ["CLAIMTRACK_TEST_SMTP_PORT"])
    EMAIL_HOST_USER = EMAIL_HOST_PASSWORD = ""
    EMAIL_USE_TLS = EMAIL_USE_SSL = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    # Background export files (exports/): a folder of the test run's own.
    "exports": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(BASE_DIR / ".pytest_cache" / "exports" / TEST_PROCESS)},  # noqa: F405
    },
}
# Tasks run in-process in tests and raise instead of hiding a failure in a
# log line. Tests about the worker itself switch this off and use the real
# broker that CELERY_BROKER_URL names (tests/conftest.py: celery_worker).
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
# A web process a test starts (tests/ops/test_scale_out.py) queues its tasks on
# the real broker, like production, instead of running them in-process.
if os.environ.get("CLAIMTRACK_TEST_TASKS_VIA_BROKER") == "true":
    CELERY_TASK_ALWAYS_EAGER = False
# Each test process gets a private queue, so a developer's worker, another run
# on the same Redis or the other process of this run never takes its tasks.
# The worker a test starts is handed the same name through the environment;
# an xdist process inherits its controller's name and must not reuse it.
if (
    os.environ.get("CELERY_TASK_DEFAULT_QUEUE")
    and os.environ.get("CLAIMTRACK_TEST_QUEUE_OWNER") == TEST_PROCESS
):
    CELERY_TASK_DEFAULT_QUEUE = os.environ["CELERY_TASK_DEFAULT_QUEUE"]
else:
    CELERY_TASK_DEFAULT_QUEUE = f"test-{uuid.uuid4().hex[:12]}-{TEST_PROCESS}"
os.environ["CELERY_TASK_DEFAULT_QUEUE"] = CELERY_TASK_DEFAULT_QUEUE
os.environ["CLAIMTRACK_TEST_QUEUE_OWNER"] = TEST_PROCESS
# The live-update log (a Redis stream when the broker is Redis), per process too.
LIVE_UPDATES_STREAM = f"{LIVE_UPDATES_STREAM}:test-{TEST_PROCESS}"  # noqa: F405

# A Celery worker started by a test (tests/conftest.py) must use the test
# database the test process created, not the development one.
if os.environ.get("CLAIMTRACK_TEST_DATABASE_NAME"):
    DATABASES["default"]["NAME"] = os.environ["CLAIMTRACK_TEST_DATABASE_NAME"]  # noqa: F405
    # That worker queues follow-up tasks (a webhook retry after a backoff)
    # through the broker, as a production worker does, instead of running them inline.
    CELERY_TASK_ALWAYS_EAGER = False
elif DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    # A file, not memory, so that a worker process can open the same database.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / f".test-db-{os.getpid()}.sqlite3")}  # noqa: F405

# Brief caches of drop-down options and counts (core/short_cache.py) off: a
# test sees what it just wrote. tests/tracker/test_short_cache.py turns them on.
LIST_CACHE_SECONDS = 0

# Serve static files straight from the apps (no collectstatic before tests).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# A read replica in tests is the test database itself, so the routing runs for real.
if "replica" in DATABASES:  # noqa: F405
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}  # noqa: F405
