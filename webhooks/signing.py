"""The `X-Claimtrack-Signature` header (docs/webhooks.md, "Verifying a delivery").

    X-Claimtrack-Signature: t=1764528000,v1=5f2b…(64 hex digits)

`v1` is HMAC-SHA256, keyed with the endpoint's secret, over the ASCII
timestamp, a full stop, and the raw request body bytes. Signing the timestamp
with the body lets a receiver refuse an old delivery replayed later.
"""

import hashlib
import hmac
import time


def signature_compute(*, secret: str, timestamp: int, body: bytes) -> str:
    signed = str(int(timestamp)).encode("ascii") + b"." + body
    return hmac.new(secret.encode("utf-8"), signed, hashlib.sha256).hexdigest()


def signature_header(*, secret: str, timestamp: int, body: bytes) -> str:
    return f"t={int(timestamp)},v1={signature_compute(secret=secret, timestamp=timestamp, body=body)}"


def signature_verify(
    *, secret: str, header: str, body: bytes, tolerance_seconds: int = 300, now: float | None = None
) -> bool:
    """What a receiver does: parse the header, refuse a timestamp more than
    `tolerance_seconds` away, compare in constant time."""
    parts = dict(part.split("=", 1) for part in (header or "").split(",") if "=" in part)
    try:
        timestamp = int(parts["t"])
    except (KeyError, ValueError):
        return False
    if abs((now if now is not None else time.time()) - timestamp) > tolerance_seconds:
        return False
    expected = signature_compute(secret=secret, timestamp=timestamp, body=body)
    return hmac.compare_digest(expected, parts.get("v1", ""))
