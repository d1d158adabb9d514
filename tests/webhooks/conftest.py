"""A real HTTP receiver on 127.0.0.1, started by the test, that answers from
a script (e.g. 500 then 200) and records every request it gets."""

import hashlib
import hmac
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

# An answer in Receiver.answers meaning "too slow": 200 after slow_seconds.
SLOW = 0


@dataclass
class ReceivedRequest:
    path: str
    headers: dict
    body: bytes


@dataclass
class Receiver:
    url: str
    server: ThreadingHTTPServer
    # Answers given in order; the last one repeats.
    answers: list[int] = field(default_factory=lambda: [200])
    requests: list[ReceivedRequest] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    slow_seconds: float = 3.0

    def answer_next(self) -> int:
        with self.lock:
            index = min(len(self.requests) - 1, len(self.answers) - 1)
            return self.answers[index]

    def record(self, request: ReceivedRequest) -> None:
        with self.lock:
            self.requests.append(request)

    def count(self) -> int:
        with self.lock:
            return len(self.requests)


def start_receiver() -> Receiver:
    receiver: Receiver

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length)
            receiver.record(ReceivedRequest(self.path, {k.lower(): v for k, v in self.headers.items()}, body))
            status = receiver.answer_next()
            if status == SLOW:
                # Answer 200, but later than the sender's timeout.
                time.sleep(receiver.slow_seconds)
                status = 200
            self.send_response(status)
            if 300 <= status < 400:
                self.send_header("Location", f"{receiver.url}/redirected")
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    receiver = Receiver(url=f"http://127.0.0.1:{server.server_address[1]}", server=server)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return receiver


@pytest.fixture
def receiver():
    made = start_receiver()
    try:
        yield made
    finally:
        made.server.shutdown()
        made.server.server_close()


@pytest.fixture
def local_targets(settings):
    """This test's receiver is on loopback over plain http: allow it here
    (production refuses both)."""
    settings.WEBHOOK_REQUIRE_HTTPS = False
    settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = True
    settings.WEBHOOK_RETRY_BASE_SECONDS = 0
    settings.WEBHOOK_TIMEOUT_SECONDS = 2


def verify_signature(*, secret: str, headers: dict, body: bytes) -> bool:
    """The documented algorithm, written again here from docs/webhooks.md (not
    imported from the app): HMAC-SHA256 over "<t>.<body>", hex, in v1."""
    parts = dict(item.split("=", 1) for item in headers["x-claimtrack-signature"].split(","))
    expected = hmac.new(secret.encode(), parts["t"].encode() + b"." + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, parts["v1"]) and parts["t"] == headers["x-claimtrack-timestamp"]
