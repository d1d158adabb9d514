import contextlib
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.db import connection, transaction

from claims.demo import DEMO_PASSWORD
from tests import factories

PROJECT_DIR = Path(__file__).resolve().parent.parent
SEED_ARTICLE = PROJECT_DIR.parent / "shared" / "seeds" / "aleppo-article.txt"


@pytest.fixture(autouse=True)
def fresh_cache():
    """Every test starts with an empty cache: API throttle counters, brief
    caches and the bell's count are kept per user id, and on SQLite a rolled
    back test hands the next one the same ids, so one test's 1,200 requests
    would throttle the next (tests/api/conftest.py did this for the API
    tests only)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def in_ci() -> bool:
    return bool(os.environ.get("CI"))


def skip_or_fail(reason: str):
    """Outside CI a test that needs a missing service skips; in CI it fails,
    because CI must run every test."""
    if in_ci():
        pytest.fail(f"{reason} (CI must provide it)")
    pytest.skip(reason)  # outside CI only: in CI the line above fails instead


# The inner loop is `pytest -m "not slow"` (README). Browser and worker tests
# are slow by nature; these modules are slow because they run each check over
# dozens of generated inputs or start `manage.py` in a subprocess. CI runs all.
SLOW_MARKERS = ("browser", "worker")
SLOW_MODULES = {
    "tests/api/test_schemathesis.py",
    "tests/api/test_schemathesis_stateful.py",
    "tests/security/test_form_fuzz.py",
    "tests/security/test_hostile_input.py",
    "tests/tracker/test_settings.py",
}


def pytest_collection_modifyitems(config, items):
    for item in items:
        module = Path(str(item.fspath)).relative_to(PROJECT_DIR).as_posix()
        if module in SLOW_MODULES or any(item.get_closest_marker(name) for name in SLOW_MARKERS):
            item.add_marker(pytest.mark.slow)


@pytest.fixture
def seed_article_text() -> str:
    if not SEED_ARTICLE.exists():
        skip_or_fail(f"seed article not found at {SEED_ARTICLE}")
    return SEED_ARTICLE.read_text(encoding="utf-8")


@pytest.fixture
def editor_user(db):
    return factories.editor(username="ed")


@pytest.fixture
def editor_client(editor_user):
    """A web client logged in as an editor."""
    from django.test import Client

    client = Client()
    client.force_login(editor_user)
    return client


@pytest.fixture
def fact_checker_user(db):
    return factories.fact_checker(username="fc")


@pytest.fixture
def viewer_user(db):
    return factories.viewer(username="vi")


def wait_until(condition, *, timeout: float = 20.0, interval: float = 0.1):
    """Poll `condition` until it returns something truthy; fail after `timeout`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(interval)
    raise AssertionError(f"condition not met within {timeout}s")


def waits_on_a_lock(pid: int) -> bool:
    """Whether PostgreSQL session `pid` waits for a lock another holds."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_locks WHERE pid = %s AND NOT granted", [pid])
        return cursor.fetchone()[0] > 0


def while_another_session_holds(change, then):
    """Make `change` in another session's open transaction, then run `then`
    here; the other session commits once `then` waits on one of its locks,
    and the test fails if it never does: a race made certain, not left to
    luck (PostgreSQL only). Returns what `then` returned."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        this_session = cursor.fetchone()[0]
    changed, errors = threading.Event(), []

    def other_session():
        try:
            with transaction.atomic():
                change()
                changed.set()
                wait_until(lambda: waits_on_a_lock(this_session), timeout=30)
        except Exception as error:
            errors.append(error)
        finally:
            changed.set()
            connection.close()

    thread = threading.Thread(target=other_session)
    thread.start()
    changed.wait(timeout=30)
    try:
        result = then()
    finally:
        thread.join(timeout=60)
    assert not errors, errors
    return result


class CeleryWorker:
    """A real `celery worker` process on the real broker, using the test database."""

    def __init__(
        self,
        *,
        broker_url: str,
        queue: str,
        database_name: str,
        name: str = "",
        extra_env: dict | None = None,
    ):
        self.broker_url = broker_url
        self.queue = queue
        # Several workers on one queue need a name each (tests/ops/test_scale_out.py).
        self.hostname = f"test-{queue}{name}@localhost"
        self.log_path = PROJECT_DIR / ".pytest_cache" / f"worker-{queue}{name}.log"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tracker.test_settings",
            "CELERY_BROKER_URL": broker_url,
            "CELERY_TASK_DEFAULT_QUEUE": queue,
            "CLAIMTRACK_TEST_DATABASE_NAME": database_name,
            **(extra_env or {}),
        }
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        from tracker.celery import app

        self.log_path.parent.mkdir(exist_ok=True)
        log = open(self.log_path, "w")
        self._log = log
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "tracker",
                "worker",
                "--pool=prefork",
                "--concurrency=1",
                "-Q",
                self.queue,
                "-n",
                self.hostname,
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "-l",
                "info",
            ],
            cwd=PROJECT_DIR,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )

        def answers_ping():
            if self.process.poll() is not None:
                raise AssertionError(f"worker exited early:\n{self.log()}")
            return app.control.ping(destination=[self.hostname], timeout=0.5)

        wait_until(answers_ping, timeout=60)

    def log(self) -> str:
        return self.log_path.read_text() if self.log_path.exists() else ""

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()


@pytest.fixture
def celery_worker(transactional_db, settings):
    """Start a real Celery worker on the real Redis broker for one test.

    The test's own tasks then go through Redis to that worker instead of
    running in-process. The run's private queue (tracker/test_settings.py)
    keeps other workers from taking the test's tasks.
    """
    from tracker.celery import app

    broker_url = os.environ.get("CELERY_BROKER_URL", "")
    if not broker_url.startswith("redis"):
        skip_or_fail("CELERY_BROKER_URL does not name a Redis broker")
    try:
        with app.connection_for_write(broker_url) as conn:
            conn.ensure_connection(max_retries=1)
    except Exception as error:
        skip_or_fail(f"Redis broker at {broker_url} is not reachable: {error}")

    app.conf.task_always_eager = False
    worker = CeleryWorker(
        broker_url=broker_url,
        queue=settings.CELERY_TASK_DEFAULT_QUEUE,
        database_name=connection.settings_dict["NAME"],
    )
    try:
        worker.start()
        yield worker
    finally:
        worker.stop()
        app.conf.task_always_eager = True


class RedisServer:
    """A throwaway redis-server on a spare port that a test can stop and start."""

    def __init__(self):
        import socket

        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        import redis

        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = redis.Redis(host="127.0.0.1", port=self.port, socket_connect_timeout=0.5)

        def answers():
            try:
                return client.ping()
            except redis.exceptions.ConnectionError:
                return False

        wait_until(answers, timeout=20)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=20)

    def queue_length(self, queue: str) -> int:
        import redis

        return redis.Redis(host="127.0.0.1", port=self.port).llen(queue)


@pytest.fixture
def spare_redis():
    """A real redis-server of the test's own, on a spare port."""
    import shutil

    if not shutil.which("redis-server"):
        skip_or_fail("redis-server is not installed")
    server = RedisServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()


def forget_broker_connections() -> None:
    """Make Celery open new connections from the current broker_url (what it
    does itself after a fork), without closing pools other code may share."""
    from tracker.celery import app

    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def celery_broker_at():
    """Point the app's task publishing at another broker URL for one test, with
    tasks no longer run in-process; restores everything afterwards."""
    from tracker.celery import app

    names = ("broker_url", "broker_write_url", "broker_read_url", "task_always_eager")
    saved = {name: app.conf[name] for name in names}

    def point(url: str) -> None:
        app.conf.update(broker_url=url, broker_write_url=url, broker_read_url=url, task_always_eager=False)
        forget_broker_connections()

    try:
        yield point
    finally:
        app.conf.update(**saved)
        forget_broker_connections()


# Browser tests: Playwright's sync API driving Debian's headless Chromium
# against pytest-django's live server.

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture(scope="session")
def serialized_database(django_db_setup) -> str | None:
    """The test database's rows right after migrations (role groups, detection
    and ingestion lexicons), as pytest-django serialized them for the
    serialized rollback browser tests ask for.

    Read before any browser starts: once Playwright's event loop runs in this
    thread, Django's per-context connection storage hands out a fresh
    connection object that lacks this attribute."""
    return getattr(connection, "_test_serialized_contents", None)


def _prepare_for_serialized_rollback(serialized_database) -> None:
    """A live-server test that does not use serialized rollback leaves the
    tables flushed and refilled by post_migrate: content types and permissions
    under new ids, which the serialized copy would collide with. Removing
    those (the copy brings them back) leaves the clean slate Django expects."""
    from django.contrib.auth.models import Group
    from django.contrib.contenttypes.models import ContentType

    from accounts.roles import Role

    if serialized_database and not Group.objects.filter(name=Role.EDITOR).exists():
        ContentType.objects.all().delete()
        ContentType.objects.clear_cache()


@pytest.hookimpl(hookwrapper=True)
def pytest_fixture_setup(fixturedef, request):
    """Before a serialized-rollback test's database set-up (which reloads the
    migrated rows), clear what a plain transactional test's flush left behind.

    Which test ran before depends on how the run was split between processes
    (scripts/test runs two), so every such test prepares, not only those
    that open a browser: a worker test that followed a plain transactional
    one failed on the content types post_migrate had recreated under new ids."""
    if fixturedef.argname == "_django_db_helper":
        marker = request.node.get_closest_marker("django_db")
        asked = "django_db_serialized_rollback" in request.fixturenames
        if asked or (marker and marker.kwargs.get("serialized_rollback")):
            serialized_database = request.getfixturevalue("serialized_database")
            with request.getfixturevalue("django_db_blocker").unblock():
                _prepare_for_serialized_rollback(serialized_database)
    yield


# Module scope: the browser (and Playwright's event loop) is gone before the
# next test module runs, so later tests see Django's usual connections.
@pytest.fixture(scope="module")
def browser(serialized_database, django_db_blocker):
    if not CHROMIUM.exists():
        skip_or_fail(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        skip_or_fail("the playwright package is not installed")
    with django_db_blocker.unblock():
        _prepare_for_serialized_rollback(serialized_database)
    # Playwright's sync API runs an event loop in this thread; Django's ORM
    # would otherwise refuse the test's own queries as "called from an async context".
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            yield launched
            launched.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


class LiveServerRequests:
    """The requests the live server's threads are serving now.

    A browser test ends while its page may still be talking to the server: a
    live refresh after a colleague's change, a presence report, or the beacon
    a page sends as it closes (static/js/live.js). If such a request is still
    writing when the test's database is flushed, the flush and the request
    can deadlock (the flush fails and the next test inherits this one's rows),
    or it arrives after the test and finds the database closed to it.
    `close_tab` therefore waits for the server to fall quiet. The event stream
    (/live/events/) is left out: it never touches the database once open and
    ends on its own when the tab is gone.
    """

    STREAM_PATH = "/live/events/"

    def __init__(self):
        self._lock = threading.Lock()
        self._serving: dict[int, tuple[threading.Thread, str]] = {}
        self.last_started = 0.0

    def started(self, sender, environ=None, **kwargs):
        path = (environ or {}).get("PATH_INFO", "")
        if path.startswith(self.STREAM_PATH):
            return
        with self._lock:
            self._serving[threading.get_ident()] = (threading.current_thread(), path)
            self.last_started = time.monotonic()

    def finished(self, sender, **kwargs):
        with self._lock:
            self._serving.pop(threading.get_ident(), None)

    def serving(self) -> list[str]:
        with self._lock:
            return [path for thread, path in self._serving.values() if thread.is_alive()]

    def wait_until_quiet(self, *, quiet_for: float = 0.2, timeout: float = 20.0) -> None:
        """Until no request is being served and none began in the last `quiet_for` s."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.serving() and time.monotonic() - self.last_started >= quiet_for:
                return
            time.sleep(0.05)
        raise AssertionError(f"the live server was still serving {self.serving()} after {timeout}s")


LIVE_SERVER_REQUESTS = LiveServerRequests()


def _track_live_server_requests() -> None:
    from django.core.signals import request_finished, request_started

    request_started.connect(LIVE_SERVER_REQUESTS.started, dispatch_uid="tests-live-server-started")
    request_finished.connect(LIVE_SERVER_REQUESTS.finished, dispatch_uid="tests-live-server-finished")


def close_tab(tab) -> None:
    """Close a tab opened by `open_tab` and wait until the server has answered
    everything it sent, the closing page's last presence report included."""
    from playwright.sync_api import Error as PlaywrightError

    # Leaving the page fires its pagehide beacon now, while the test's
    # database is still there, rather than when the context is torn down.
    # A page already gone or stuck closes all the same.
    with contextlib.suppress(PlaywrightError):
        tab.goto("about:blank", timeout=5_000)
    tab.context.close()
    LIVE_SERVER_REQUESTS.wait_until_quiet()


def open_tab(browser, base_url: str):
    """A new tab on `base_url` that records what the Content-Security-Policy
    blocked (`tab.csp_violations`) and every console error (`tab.console_errors`)."""
    _track_live_server_requests()
    context = browser.new_context(base_url=base_url)
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    tab.csp_violations = []
    tab.console_errors = []

    def record(message):
        if "Content Security Policy" in message.text:
            tab.csp_violations.append(message.text)
        if message.type == "error":
            tab.console_errors.append(message.text)

    tab.on("console", record)
    return tab


@pytest.fixture
def live_site(transactional_db, serialized_database, settings):
    """Settings and database state for a browser test on the live server.

    Tests using it mark themselves django_db(transaction=True,
    serialized_rollback=True): the live server needs committed rows, and the
    flush after each test must not lose what the data migrations made."""
    if serialized_database and not hasattr(connection, "_test_serialized_contents"):
        # See serialized_database: give the connection this context now uses
        # the copy, so the flush after this test restores the migrated rows.
        connection._test_serialized_contents = serialized_database
    # The live server speaks plain HTTP.
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False


@pytest.fixture
def demo(live_site):
    """The demo story, with conflict detection run on it as on any new claim."""
    from claims.demo import demo_load

    return demo_load()


@pytest.fixture
def page(browser, live_server, demo):
    """A browser tab on the live server with the demo story loaded."""
    tab = open_tab(browser, live_server.url)
    yield tab
    close_tab(tab)


def log_in(page, username: str, password: str = DEMO_PASSWORD) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/")


def without_live_notices(callbacks: list) -> list:
    """On-commit callbacks other than the live-update notices (live/announce.py)
    that every audited change also queues, for tests that count the rest."""
    return [
        callback
        for callback in callbacks
        if not getattr(getattr(callback, "__code__", None), "co_filename", "").endswith("live/announce.py")
    ]
