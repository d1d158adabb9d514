"""Payloads of the outside attack report (issue 13), read from
tests/security/payloads/ so the attacks are kept with the repository."""

from pathlib import Path

PAYLOADS = Path(__file__).resolve().parent / "payloads"


def payload(name: str) -> str:
    return (PAYLOADS / name).read_text(encoding="utf-8")


def upload_payload_names() -> list[str]:
    return sorted(path.name for path in PAYLOADS.glob("upload_*.html"))


def html_filling(unit: str, *, size: int, lead: str = "") -> bytes:
    """`lead` followed by `unit` repeated until the file is just under `size` bytes."""
    room = size - len(lead.encode())
    unit_bytes = unit.encode()
    return lead.encode() + unit_bytes * (room // len(unit_bytes))
