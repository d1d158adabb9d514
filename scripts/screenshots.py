#!/usr/bin/env python
"""Take a screenshot of each main page of the web UI into docs/screenshots/.

Builds a fresh SQLite database in a temporary folder, loads the demo story
(conflict detection runs on it in-process), starts the development server on
a free local port, logs in as the demo editor in headless Chromium and saves
one PNG per page. Nothing touches your own database.

    .venv/bin/python scripts/screenshots.py            # all pages
    CHROMIUM=/path/to/chromium .venv/bin/python scripts/screenshots.py
"""

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
OUTPUT_DIR = PROJECT_DIR / "docs" / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
DEMO_USER, DEMO_PASSWORD = "editor", "claimtrack-demo"
VIEWPORT = {"width": 1280, "height": 900}
PHONE_VIEWPORT = {"width": 390, "height": 844}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def manage(*args: str, env: dict) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=PROJECT_DIR, env=env, check=True)  # noqa: S603


def wait_for(url: str, *, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - our own local server
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"The development server did not answer at {url}")


def demo_pages(env: dict) -> dict[str, str]:
    """The paths to photograph, looked up in the demo database."""
    os.environ.update(env)
    sys.path.insert(0, str(PROJECT_DIR))
    import django

    django.setup()
    from claims.models import ConflictFlag

    flag = (
        ConflictFlag.objects.filter(
            rule="figure_mismatch",
            claim_a__attributions__source__name="Russian Ministry of Defence",
            claim_b__attributions__source__name="Syrian Observatory for Human Rights",
        )
        .select_related("claim_a__event")
        .first()
    )
    if flag is None:
        raise SystemExit(
            "The demo's Russia-200 against SOHR-20 conflict was not flagged; is detection installed?"
        )
    claim = flag.claim_a
    attribution = claim.attributions.select_related("source", "document").first()
    return {
        "dashboard": "/",
        "conflict": flag.get_absolute_url(),
        "claims": "/claims/",
        "claim": claim.get_absolute_url(),
        "source": attribution.source.get_absolute_url(),
        "document": attribution.document.get_absolute_url(),
        "event": claim.event.get_absolute_url(),
    }


def main() -> None:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        raise SystemExit(f"Chromium not found at {CHROMIUM}; set CHROMIUM=/path/to/chromium")
    OUTPUT_DIR.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="claimtrack-screens-") as workdir:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tracker.settings",
            "DEBUG": "true",
            "DATABASE_URL": f"sqlite:///{workdir}/screens.sqlite3",
            "CELERY_BROKER_URL": "",
            "SECURE_SSL_REDIRECT": "false",
        }
        manage("migrate", "--verbosity", "0", env=env)
        manage("load_demo", env=env)
        pages = demo_pages(env)

        port = free_port()
        base_url = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(  # noqa: S603 - fixed argv: our own manage.py
            [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=PROJECT_DIR,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            wait_for(f"{base_url}/accounts/login/")
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                context = browser.new_context(base_url=base_url, viewport=VIEWPORT)
                page = context.new_page()
                page.goto("/accounts/login/")
                page.get_by_label("Username").fill(DEMO_USER)
                page.get_by_label("Password").fill(DEMO_PASSWORD)
                page.get_by_role("button", name="Log in").click()
                page.wait_for_url(f"{base_url}/")
                for name, path in pages.items():
                    page.goto(path)
                    target = OUTPUT_DIR / f"{name}.png"
                    page.screenshot(path=str(target), full_page=True)
                    print(f"{target.relative_to(PROJECT_DIR)}  ←  {path}")
                # The first screen of the queue and of a conflict on a phone:
                # what an editor sees before scrolling.
                page.set_viewport_size(PHONE_VIEWPORT)
                for name in ("dashboard", "conflict"):
                    page.goto(pages[name])
                    target = OUTPUT_DIR / f"{name}-phone.png"
                    page.screenshot(path=str(target))
                    print(f"{target.relative_to(PROJECT_DIR)}  ←  {pages[name]} (phone, first screen)")
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
