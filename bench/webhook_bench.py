"""Webhook delivery benchmark: 1,000 events to one endpoint whose receiver
fails 10% of requests, through the real Redis broker and real Celery workers.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/claimtrack_webhook_bench \\
    CELERY_BROKER_URL=redis://127.0.0.1:6379/5 \\
        .venv/bin/python bench/webhook_bench.py [--events 1000] [--failure-rate 0.1] [--workers 2]

It migrates its own database (created if missing; its webhook tables are
emptied at the start), starts an HTTP receiver on 127.0.0.1 that answers 500
to a random 10% of requests and 200 to the rest, registers one endpoint for
`claim.created`, publishes the events (one committed transaction each, as the
services do), starts the workers and waits until every delivery has
settled. It then reports, from the receiver's side: events accepted (a 2xx
answer) once, more than once (a duplicate per idempotency key) and never (a
loss); the requests and 500s; and the throughput.

Figures go to docs/performance.md; they are never asserted in tests.
"""

import argparse
import os
import random
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/claimtrack_webhook_bench")
os.environ.setdefault("CELERY_BROKER_URL", "redis://127.0.0.1:6379/5")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
os.environ.setdefault("SECRET_KEY", "bench-only-key-not-secret-0123456789abcdefghijklmnop")
os.environ.setdefault("LOG_LEVEL", "WARNING")
os.environ["CELERY_TASK_DEFAULT_QUEUE"] = f"webhook-bench-{uuid.uuid4().hex[:8]}"
# The receiver is local and plain http; retries quick so the run is short.
os.environ.update(
    WEBHOOK_REQUIRE_HTTPS="false",
    WEBHOOK_ALLOW_PRIVATE_TARGETS="true",
    WEBHOOK_RETRY_BASE_SECONDS="0.5",
    WEBHOOK_RETRY_MAX_SECONDS="4",
    WEBHOOK_MAX_ATTEMPTS="12",
    # The receiver fails on purpose: the endpoint must not be switched off.
    WEBHOOK_DISABLE_AFTER_FAILURES="1000000",
)


class Receiver:
    def __init__(self, failure_rate: float, seed: int):
        self.failure_rate = failure_rate
        self.random = random.Random(seed)
        self.lock = threading.Lock()
        self.accepted: Counter = Counter()
        self.requests = 0
        self.failed = 0
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                key = self.headers["Idempotency-Key"]
                with receiver.lock:
                    receiver.requests += 1
                    fail = receiver.random.random() < receiver.failure_rate
                    if fail:
                        receiver.failed += 1
                    else:
                        receiver.accepted[key] += 1
                self.send_response(500 if fail else 200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


def ensure_database() -> None:
    import psycopg

    url = os.environ["DATABASE_URL"]
    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--failure-rate", type=float, default=0.1)
    parser.add_argument("--workers", type=int, default=2, help="worker processes (concurrency of one worker)")
    parser.add_argument("--seed", type=int, default=14)
    return parser.parse_args()


def _start_worker(workers: int) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "tracker", "worker", "--pool=prefork",
         f"--concurrency={workers}", "-Q", os.environ["CELERY_TASK_DEFAULT_QUEUE"],
         "-n", f"bench-{uuid.uuid4().hex[:6]}@localhost", "--without-gossip", "--without-mingle",
         "-l", "warning"],
        cwd=PROJECT_DIR,
        env=os.environ.copy(),
    )  # fmt: skip


def _report(receiver, endpoint, *, published: float, elapsed: float, workers: int) -> None:
    """Print what the receiver got: each event once, none lost, how many retries."""
    from webhooks.models import WebhookDelivery, WebhookEvent

    statuses = Counter(WebhookDelivery.objects.filter(endpoint=endpoint).values_list("status", flat=True))
    keys = {str(pk) for pk in WebhookEvent.objects.values_list("id", flat=True)}
    accepted = receiver.accepted
    once = sum(1 for key in keys if accepted[key] == 1)
    duplicates = sum(1 for key in keys if accepted[key] > 1)
    lost = sum(1 for key in keys if accepted[key] == 0)
    attempts = list(WebhookDelivery.objects.filter(endpoint=endpoint).values_list("attempts", flat=True))
    print(f"events published: {len(keys)} in {published:.1f} s")
    print(f"deliveries: {dict(statuses)}")
    print(f"receiver: {receiver.requests} requests, {receiver.failed} answered 500")
    print(f"accepted once: {once}, duplicates per idempotency key: {duplicates}, lost: {lost}")
    print(f"attempts per delivery: max {max(attempts)}, retried {sum(1 for a in attempts if a > 1)}")
    print(
        f"all settled in {elapsed:.1f} s: {len(keys) / elapsed:.0f} events/s with {workers} worker processes"
    )


def main() -> None:
    args = _arguments()

    if os.environ["DATABASE_URL"].startswith("postgres"):
        ensure_database()
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import transaction

    from claims.models import Claim
    from core import events
    from webhooks.models import WebhookDelivery, WebhookEndpoint, WebhookEvent

    call_command("migrate", verbosity=0)
    WebhookEndpoint.objects.all().delete()
    WebhookEvent.objects.all().delete()
    receiver = Receiver(args.failure_rate, args.seed)
    owner, _ = get_user_model().objects.get_or_create(username="webhook-bench")
    endpoint = WebhookEndpoint.objects.create(
        owner=owner, url=receiver.url, secret="bench-secret-0123456789", event_types=["claim.created"]
    )
    claims = Claim.objects.bulk_create(Claim(text=f"Bench claim {n}.") for n in range(args.events))

    worker = _start_worker(args.workers)
    try:
        started = time.monotonic()
        for claim in claims:
            with transaction.atomic():
                events.publish(events.CLAIM_CREATED, claim=claim)
        published = time.monotonic() - started
        pending = WebhookDelivery.objects.filter(endpoint=endpoint).exclude(
            status__in=[WebhookDelivery.Status.SUCCEEDED, WebhookDelivery.Status.FAILED]
        )
        deadline = time.monotonic() + 600
        while pending.exists() and time.monotonic() < deadline:
            time.sleep(0.5)
        elapsed = time.monotonic() - started
    finally:
        worker.terminate()
        worker.wait(timeout=30)
        receiver.server.shutdown()

    _report(receiver, endpoint, published=published, elapsed=elapsed, workers=args.workers)


if __name__ == "__main__":
    main()
