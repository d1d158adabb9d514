"""Where a webhook may be sent, and the one function that sends it.

Server-side request forgery: a webhook URL is typed by a user but requested by
our server, from inside the newsroom's network. So:
- only `https` when WEBHOOK_REQUIRE_HTTPS (on by default in production);
- the host name is resolved and EVERY address it resolves to must be a public
  one (not private, loopback, link-local such as the cloud metadata address
  169.254.169.254, carrier-grade NAT, multicast or reserved), unless
  WEBHOOK_ALLOW_PRIVATE_TARGETS says otherwise;
- the request then goes to the very address that was checked (the connection
  is pinned to it, with the TLS certificate still checked against the host
  name), so a DNS answer that changes between check and connect
  (DNS rebinding) cannot redirect it;
- redirects are never followed, and the whole request has a short timeout.
"""

import ipaddress
import socket
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import urllib3
from django.conf import settings


class TargetRefused(Exception):
    """The URL may not be requested; the message says why, for the editor.
    `transient`: it may work later (the host name did not resolve just now)."""

    def __init__(self, message: str, *, transient: bool = False):
        super().__init__(message)
        self.transient = transient


@dataclass(frozen=True)
class Target:
    scheme: str
    host: str
    port: int
    path: str
    addresses: tuple[str, ...]


@dataclass(frozen=True)
class SendResult:
    status_code: int | None
    latency_ms: int
    error: str = ""
    # Refused by our own rules (SSRF): trying again will not change that.
    refused: bool = False

    @property
    def succeeded(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300

    @property
    def worth_retrying(self) -> bool:
        """5xx, 429 (the receiver asked us to slow down), timeouts and
        connection failures are passing troubles; any other answer (a 404, a
        redirect we will not follow) will not change by trying again."""
        if self.status_code is None:
            return not self.refused
        return self.status_code >= 500 or self.status_code in (408, 429)


def _address_allowed(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def target_check(url: str, *, resolve: bool = True) -> Target:
    """Check a webhook URL and return where it would be sent. Raises
    TargetRefused with an editor-readable reason."""
    try:
        parts = urlsplit((url or "").strip())
        port = parts.port
    except ValueError as error:
        raise TargetRefused(f"This is not a valid URL ({error}).") from error
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise TargetRefused("Only http and https URLs can receive webhooks.")
    if scheme != "https" and settings.WEBHOOK_REQUIRE_HTTPS:
        raise TargetRefused("Webhook URLs must use https.")
    if parts.username or parts.password:
        raise TargetRefused("Put no user name or password in the URL; the signature authenticates us.")
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise TargetRefused("The URL has no host name.")
    port = port or (443 if scheme == "https" else 80)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    addresses: tuple[str, ...] = ()
    if resolve:
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as error:
            raise TargetRefused(f"The host name {host} cannot be resolved.", transient=True) from error
        addresses = tuple(dict.fromkeys(info[4][0] for info in infos))
        if not addresses:
            raise TargetRefused(f"The host name {host} cannot be resolved.")
        if not settings.WEBHOOK_ALLOW_PRIVATE_TARGETS:
            blocked = [address for address in addresses if not _address_allowed(address)]
            if blocked:
                raise TargetRefused(
                    f"{host} points to a private, loopback or link-local address ({blocked[0]}); "
                    "webhooks go to public addresses only."
                )
    return Target(scheme=scheme, host=host, port=port, path=path, addresses=addresses)


def webhook_post(*, url: str, body: bytes, headers: dict[str, str]) -> SendResult:
    """POST `body` to `url` once: no redirects, no retries, a short timeout.
    Never raises for network trouble; the result says what happened."""
    started = time.monotonic()

    def elapsed() -> int:
        return int((time.monotonic() - started) * 1000)

    try:
        target = target_check(url)
    except TargetRefused as error:
        return SendResult(
            status_code=None, latency_ms=0, error=f"Refused: {error}"[:300], refused=not error.transient
        )
    address = target.addresses[0]
    default_port = 443 if target.scheme == "https" else 80
    host_header = target.host if target.port == default_port else f"{target.host}:{target.port}"
    timeout = urllib3.Timeout(total=settings.WEBHOOK_TIMEOUT_SECONDS)
    if target.scheme == "https":
        pool = urllib3.HTTPSConnectionPool(
            address,
            target.port,
            timeout=timeout,
            retries=False,
            maxsize=1,
            cert_reqs="CERT_REQUIRED",
            server_hostname=target.host,
            assert_hostname=target.host,
        )
    else:
        pool = urllib3.HTTPConnectionPool(address, target.port, timeout=timeout, retries=False, maxsize=1)
    try:
        response = pool.urlopen(
            "POST",
            target.path,
            body=body,
            headers={**headers, "Host": host_header},
            redirect=False,
            retries=False,
            assert_same_host=False,
            preload_content=False,
        )
        try:
            # Read (and drop) at most a little of the answer: a receiver that
            # streams forever must not hold the worker past the timeout.
            response.read(4096)
        finally:
            response.release_conn()
        return SendResult(status_code=response.status, latency_ms=elapsed())
    except urllib3.exceptions.TimeoutError:
        return SendResult(status_code=None, latency_ms=elapsed(), error="Timed out.")
    except (urllib3.exceptions.HTTPError, OSError) as error:
        return SendResult(
            status_code=None, latency_ms=elapsed(), error=f"{type(error).__name__}: {error}"[:300]
        )
    finally:
        pool.close()
