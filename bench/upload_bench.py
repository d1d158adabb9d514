"""How long turning a hostile HTML upload into text takes, at the size limit.

    .venv/bin/python bench/upload_bench.py [size_in_bytes]

For each attack payload in tests/security/payloads/upload_*.html (and a real
article's markup repeated), builds a file of the given size (default 2 MiB,
the default INGESTION_MAX_UPLOAD_BYTES) and times ingestion.uploads.html_to_text
on it, best of three. No database needed.
"""

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.test_settings")

import django  # noqa: E402

django.setup()

from ingestion.uploads import html_to_text  # noqa: E402

PAYLOADS = ROOT / "tests" / "security" / "payloads"
ARTICLE_UNIT = "<article><h2>Update</h2><p>Officials said <b>12</b> people &ndash; mostly civilians &ndash; died.</p></article>"


def main() -> None:
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 2 * 1024 * 1024
    units = {path.name: path.read_text(encoding="utf-8") for path in sorted(PAYLOADS.glob("upload_*.html"))}
    units["ordinary article markup"] = ARTICLE_UNIT
    print(f"{'payload':<32} {'bytes':>9} {'text chars':>10} {'seconds':>8}")
    for name, unit in units.items():
        markup = unit * (size // len(unit.encode()))
        best = None
        for _ in range(3):
            started = time.perf_counter()
            text = html_to_text(markup)
            elapsed = time.perf_counter() - started
            best = elapsed if best is None else min(best, elapsed)
        print(f"{name:<32} {len(markup.encode()):>9} {len(text):>10} {best:>8.3f}")


if __name__ == "__main__":
    main()
