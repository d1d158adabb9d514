"""Delivery over https: the connection goes to the checked address and the
certificate is verified against the URL's host (no insecure fallback)."""

import ssl
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.conftest import skip_or_fail
from webhooks.targets import webhook_post


def make_certificates(directory):
    """A throwaway CA and a server certificate for 127.0.0.1 signed by it."""
    run = lambda *args: subprocess.run(["openssl", *args], check=True, capture_output=True)  # noqa: E731
    ca_key, ca_pem = directory / "ca.key", directory / "ca.pem"
    key, csr, pem, ext = directory / "s.key", directory / "s.csr", directory / "s.pem", directory / "ext.cnf"
    run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=Test CA",
        "-keyout", str(ca_key), "-out", str(ca_pem))  # fmt: skip
    run(
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-subj",
        "/CN=127.0.0.1",
        "-keyout",
        str(key),
        "-out",
        str(csr),
    )
    ext.write_text("subjectAltName=IP:127.0.0.1\n")
    run("x509", "-req", "-in", str(csr), "-CA", str(ca_pem), "-CAkey", str(ca_key), "-CAcreateserial",
        "-days", "1", "-extfile", str(ext), "-out", str(pem))  # fmt: skip
    return ca_pem, pem, key


@pytest.fixture
def tls_receiver(tmp_path):
    try:
        ca_pem, pem, key = make_certificates(tmp_path)
    except (FileNotFoundError, subprocess.CalledProcessError) as error:
        skip_or_fail(f"openssl could not make test certificates: {error}")
    received = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            received.append((self.headers["Host"], self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(str(pem), str(key))
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield {
            "url": f"https://127.0.0.1:{server.server_address[1]}/hook",
            "ca": ca_pem,
            "received": received,
        }
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def https_to_loopback(settings):
    settings.WEBHOOK_REQUIRE_HTTPS = True
    settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = True
    settings.WEBHOOK_TIMEOUT_SECONDS = 3


def test_a_receiver_whose_certificate_we_trust_gets_the_delivery(
    tls_receiver, https_to_loopback, monkeypatch
):
    # Trust the throwaway CA the way a deployment trusts the system store.
    monkeypatch.setenv("SSL_CERT_FILE", str(tls_receiver["ca"]))

    result = webhook_post(
        url=tls_receiver["url"], body=b'{"id": "x"}', headers={"Content-Type": "application/json"}
    )

    assert (result.status_code, result.error) == (204, "")
    host, body = tls_receiver["received"][0]
    assert body == b'{"id": "x"}'
    assert host == tls_receiver["url"].split("/")[2]


def test_an_untrusted_certificate_is_refused_not_ignored(tls_receiver, https_to_loopback):
    result = webhook_post(url=tls_receiver["url"], body=b"{}", headers={})

    assert result.status_code is None
    assert "certificate" in result.error.lower() or "ssl" in result.error.lower()
    assert tls_receiver["received"] == []
    assert result.worth_retrying
