"""Live updates under load: 8 open pages while claims arrive 10 a second.

    createdb -h 127.0.0.1 -U postgres claimtrack_bench_live   # once
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/claimtrack_bench_live \\
    LIVE_UPDATES_URL=redis://127.0.0.1:6379/0 \\
        .venv/bin/python bench/live_bench.py [--clients 8] [--rate 10] [--seconds 30]

What runs, as in production (docs/production.md, "Live updates"):
- the site under uvicorn (`tracker.asgi:application`, one worker), with the
  notice log and presence in Redis;
- `--clients` editors, each logged in with its own session, each holding the
  event stream open (/live/events/) and behaving like static/js/live.js on the
  queue: on a notice for `flags` or `claims`, refetch the queue page, at most
  one fetch at a time, a notice arriving meanwhile causing one more fetch;
- this process saving `--rate` figure claims a second through `claim_create`:
  pairs of tolls for one new event each, ten times apart. Conflict checks are
  queued, not run (in production a Celery worker runs them); `--detect` runs
  them in the writer, so every second claim raises and announces a flag too,
  at the cost of the writer's rate on a small machine.

It reports, over every (client, claim) pair:
- **notice**: from the claim's commit to the client receiving its notice;
- **page**: from the commit to the end of the first queue refetch that the
  client started after receiving it, i.e. when that editor's screen shows it.
The promise is 2 s for the page. Timings go to docs/performance.md; they are
never asserted in tests.
"""

import argparse
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
os.environ.setdefault("DEBUG", "true")
# Conflict checks go to a worker in production, not into the request that
# saves a claim; by default they are queued on an in-memory broker nobody
# reads, so the writer keeps its rate. --detect runs them in-process instead.
os.environ["CELERY_BROKER_URL"] = "" if "--detect" in sys.argv else "memory://"
os.environ.setdefault("LOG_LEVEL", "WARNING")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


class Client(threading.Thread):
    """One editor's queue page: the stream, and refetches like live.js."""

    def __init__(self, base: str, number: int, commits: dict, stop: threading.Event):
        super().__init__(daemon=True)
        import requests

        self.base, self.number, self.commits, self.stop = base, number, commits, stop
        self.session = requests.Session()
        self.notice_at: dict[int, float] = {}
        self.fetch_seconds: list[float] = []
        self.page_at: dict[int, float] = {}
        self.waiting: list[int] = []  # claims noticed, not yet shown by a finished refetch
        self.lock = threading.Lock()
        self.wanted = threading.Event()
        self.errors = 0

    def log_in(self) -> str:
        page = self.session.get(self.base + "/accounts/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        self.session.post(
            self.base + "/accounts/login/",
            data={"username": "editor", "password": "claimtrack-demo", "csrfmiddlewaretoken": token},
            headers={"Referer": self.base + "/accounts/login/"},
        )
        queue = self.session.get(self.base + "/")
        return re.search(r'data-live-since="([^"]*)"', queue.text).group(1)

    def refetcher(self) -> None:
        while not self.stop.is_set():
            if not self.wanted.wait(0.2):
                continue
            self.wanted.clear()
            with self.lock:
                covered, self.waiting = self.waiting, []
            began = time.time()
            response = self.session.get(self.base + "/", headers={"X-Live-Refresh": "1"})
            done = time.time()
            self.fetch_seconds.append(done - began)
            if response.status_code != 200:
                self.errors += 1
            for claim_id in covered:
                self.page_at.setdefault(claim_id, done)

    def run(self) -> None:
        since = self.log_in()
        threading.Thread(target=self.refetcher, daemon=True).start()
        while not self.stop.is_set():
            try:
                with self.session.get(
                    f"{self.base}/live/events/?since={since}", stream=True, timeout=30
                ) as stream:
                    for line in stream.iter_lines(chunk_size=1):  # unbuffered, as a browser reads it
                        if self.stop.is_set():
                            return
                        if line.startswith(b"id: "):
                            since = line[4:].decode()
                        if not line.startswith(b"data: "):
                            continue
                        notice = json.loads(line[6:])
                        claims = [int(t.split(":")[1]) for t in notice["topics"] if t.startswith("claim:")]
                        now = time.time()
                        with self.lock:
                            for claim_id in claims:
                                # A notice can beat the writer's bookkeeping: keep every claim's first.
                                if claim_id not in self.notice_at:
                                    self.notice_at[claim_id] = now
                                    self.waiting.append(claim_id)
                        if {"flags", "claims"} & set(notice["topics"]):
                            self.wanted.set()
            except Exception:
                self.errors += 1
                time.sleep(1)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--rate", type=float, default=10.0, help="claims saved per second")
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--detect", action="store_true", help="run conflict detection in the writers")
    parser.add_argument("--writers", type=int, default=4, help="threads saving claims")
    return parser.parse_args()


def _load_story(count: int) -> tuple[int, list, list]:
    """Set Django up, load the demo story and make the events the bench's
    claims pair up under. Returns the run number, the two sources and the events."""
    import django

    django.setup()
    from django.core.management import call_command

    from claims.demo import demo_load
    from claims.models import Event
    from sources.models import Source

    call_command("migrate", verbosity=0, interactive=False)
    demo_load()
    print("Demo story loaded; starting uvicorn…", flush=True)
    sources = [
        Source.objects.get(name="Syrian Army General Command"),
        Source.objects.get(name="Wire agency desk"),
    ]
    run = int(time.time())
    events = [
        Event.objects.create(title=f"Bench strike {run}-{pair}", place="Aleppo")
        for pair in range(count // 2 + 1)
    ]
    return run, sources, events


def _start_server(port: int) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "tracker.asgi:application",
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        cwd=PROJECT_DIR,
        env={**os.environ},
    )


def _wait_for_port(port: int, *, timeout_s: float = 180) -> None:
    """Wait for uvicorn to listen: importing the app can take well over 20 s
    on a loaded machine, and measuring before it listens fails every client."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"uvicorn did not listen on port {port} within {timeout_s:.0f} s")


def _save_claims(
    args, count: int, run: int, sources: list, events: list, commits: dict
) -> tuple[float, float]:
    """Save `count` claims at `args.rate` per second from `args.writers`
    threads, noting each one's commit time in `commits`. Returns how far
    behind schedule the writers fell at most and the seconds it took."""
    from django.db import connection, transaction

    from claims.models import Claim
    from claims.services import claim_create

    interval = 1.0 / args.rate
    started = time.time()
    lateness = []

    def write(index: int) -> None:
        due = started + index * interval
        pause = due - time.time()
        if pause > 0:
            time.sleep(pause)
        else:
            lateness.append(-pause)
        toll = 200 if index % 2 == 0 else 20
        committed = {}
        with transaction.atomic():
            # Registered first, so it runs first at commit: the commit time.
            transaction.on_commit(lambda: committed.setdefault("at", time.time()))
            claim = claim_create(
                text=f"The strike killed {toll} fighters (bench {run}, claim {index}).",
                kind=Claim.Kind.FIGURE,
                event=events[index // 2],
                quantity_subject="fighters killed",
                value_low=toll,
                attributions=[{"source": sources[index % 2]}],
            )
        commits[claim.pk] = committed["at"]

    def writer(number: int) -> None:
        # Claims come from several editors' requests at once, as in production.
        for index in range(number, count, args.writers):
            write(index)
        connection.close()

    writers = [threading.Thread(target=writer, args=(n,)) for n in range(args.writers)]
    for thread in writers:
        thread.start()
    for thread in writers:
        thread.join()
    late = max(lateness, default=0.0)
    elapsed = time.time() - started
    return late, elapsed


def _report(args, clients: list, commits: dict, elapsed: float, late: float) -> None:
    notice = [c.notice_at[i] - t for c in clients for i, t in commits.items() if i in c.notice_at]
    page = [c.page_at[i] - t for c in clients for i, t in commits.items() if i in c.page_at]
    pairs = len(commits) * len(clients)
    print(
        f"{len(commits)} claims in {elapsed:.1f} s ({len(commits) / elapsed:.1f}/s; {args.writers} writers, at most {late:.2f} s behind schedule)"
    )
    print(
        f"{len(clients)} clients; errors: {sum(c.errors for c in clients)}; detection {'in the writer' if args.detect else 'queued'}"
    )
    fetches = [f for c in clients for f in c.fetch_seconds]
    if fetches:
        print(
            f"queue refetches: {len(fetches)}, median {statistics.median(fetches):.3f} s, p95 {percentile(fetches, 0.95):.3f} s"
        )
    for name, values in (("notice", notice), ("page", page)):
        if not values:
            print(f"{name}: nothing arrived")
            continue
        within = sum(1 for v in values if v <= 2.0)
        print(
            f"{name}: {len(values)}/{pairs} arrived; median {statistics.median(values):.3f} s, "
            f"p95 {percentile(values, 0.95):.3f} s, max {max(values):.3f} s; within 2 s: {within / pairs:.1%}"
        )


def main() -> None:
    args = _arguments()
    if not os.environ.get("LIVE_UPDATES_URL", "").startswith("redis"):
        raise SystemExit(
            "Set LIVE_UPDATES_URL=redis://... (the live-update log must be shared with uvicorn)."
        )
    count = int(args.rate * args.seconds)
    run, sources, events = _load_story(count)

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = _start_server(port)
    commits: dict[int, float] = {}
    stop = threading.Event()
    try:
        _wait_for_port(port)
        clients = [Client(base, number, commits, stop) for number in range(args.clients)]
        for client in clients:
            client.start()
        time.sleep(3)  # every stream open
        print(f"{len(clients)} clients connected; saving claims…", flush=True)
        late, elapsed = _save_claims(args, count, run, sources, events, commits)
        time.sleep(10)  # let the last notices and refetches land
    finally:
        stop.set()
        server.terminate()
        server.wait(timeout=20)

    _report(args, clients, commits, elapsed, late)


if __name__ == "__main__":
    main()
