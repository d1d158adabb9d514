"""A web worker killed while streaming an export (what gunicorn's timeout does
to a long export): the client already has a 200 and part of the file, and
must still be able to tell the file is incomplete."""

import os
import signal
import socket
import subprocess
import sys

import pytest
import requests
from django.db import connection

from accounts.services import api_token_create
from claims.api.export import IncompleteExport, export_verify
from claims.models import Claim
from tests import factories
from tests.conftest import PROJECT_DIR, wait_until
from tests.reliability.test_worker_killed import child_pids

pytestmark = pytest.mark.django_db(transaction=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def gunicorn_server():
    """gunicorn (one sync worker, as in production) serving the test database."""
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tracker.test_settings",
        "CLAIMTRACK_TEST_DATABASE_NAME": connection.settings_dict["NAME"],
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "tracker.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--timeout",
            "120",
        ],
        cwd=PROJECT_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"

    def answers():
        if process.poll() is not None:
            raise AssertionError("gunicorn exited early")
        try:
            return requests.get(f"{url}/api/schema/", timeout=30).status_code == 200
        except requests.ConnectionError:
            return False

    try:
        wait_until(answers, timeout=60)
        yield url, process
    finally:
        process.terminate()
        process.wait(timeout=20)


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_a_worker_killed_mid_stream_leaves_an_export_the_client_can_tell_is_incomplete(gunicorn_server, fmt):
    url, server = gunicorn_server
    # Given some 12 MB of claims: far more than the socket buffers hold, so the
    # worker is still writing when it dies
    Claim.objects.bulk_create(
        [Claim(text=f"Claim {n}: " + "reported figures " * 250, kind=Claim.Kind.OTHER) for n in range(3000)]
    )
    _, token = api_token_create(user=factories.viewer(username="exporter"), name="export")
    headers = {"Authorization": f"Token {token}"}
    # A complete export checks out
    whole = requests.get(f"{url}/api/v1/exports/claims.{fmt}", headers=headers, timeout=120).content
    assert export_verify(whole)["claims"] == 3000

    # When the worker is killed after the first piece has reached the client
    response = requests.get(f"{url}/api/v1/exports/claims.{fmt}", headers=headers, stream=True, timeout=120)
    assert response.status_code == 200
    pieces = response.iter_content(chunk_size=64 * 1024)
    received = next(pieces)
    (worker_pid,) = wait_until(lambda: child_pids(server.pid))
    os.kill(worker_pid, signal.SIGKILL)
    transport_error = None
    try:
        for piece in pieces:
            received += piece
    except requests.exceptions.RequestException as error:
        transport_error = error

    # Then the client got a 200 and part of the file, and can tell it is incomplete:
    assert 0 < len(received) < len(whole)
    with pytest.raises(IncompleteExport):
        export_verify(received)
    # ...and the chunked transfer did not end properly either.
    assert isinstance(transport_error, requests.exceptions.ChunkedEncodingError)
