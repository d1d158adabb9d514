"""Conflict detection at two archive sizes, measured in turns: is checking one
claim, and the periodic sweep, as cheap at a million claims as at 10,000?

On a shared machine one size measured after the other compares the load of
two moments more than the two sizes. This runs the same measurements on two
(or more) databases already seeded by bench/detection_bench.py, one process
at a time, alternating, for a few rounds:

    .venv/bin/python bench/detection_turns.py --rounds 3 \\
        --databases postgres://postgres@127.0.0.1:5432/claimtrack_bench_10k \\
                    postgres://postgres@127.0.0.1:5432/claimtrack_bench

Each turn, on random claims (different ones each round):
- re-check: `conflicts_detect_for_claim` on `--checks` claims, after a first
  pass over the same claims so nothing is left to write (the read-only path);
- the periodic sweep after n claims changed, for each n of `--changed`: a
  first run (which raises those claims' flags), then again with nothing new.

For each it reports wall time and CPU time: this process's (Python) plus its
PostgreSQL backend's (read from /proc, like bench/load_bench.py), which a
busy machine inflates far less than wall time, and the queries of a re-check.
The databases keep the flags and relations the turns raise; seed again with
detection_bench.py to start from a clean archive. Timings are never asserted.
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))


def _backend_cpu_s() -> float:
    """utime + stime of this connection's PostgreSQL backend, in seconds
    (the database server runs on this host)."""
    from django.db import connection

    connection.ensure_connection()
    pid = connection.connection.info.backend_pid
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Clock:
    """Wall time and app+DB CPU time of what runs inside it."""

    def __enter__(self):
        self.wall, self.cpu, self.db = time.perf_counter(), time.process_time(), _backend_cpu_s()
        return self

    def __exit__(self, *_):
        self.wall_s = time.perf_counter() - self.wall
        self.cpu_s = time.process_time() - self.cpu + _backend_cpu_s() - self.db


def _random_claim_ids(rng: random.Random, count: int) -> list[int]:
    from django.db.models import Max, Min

    from claims.models import Claim

    bounds = Claim.objects.aggregate(low=Min("id"), high=Max("id"))
    drawn = rng.sample(range(bounds["low"], bounds["high"] + 1), count * 2)
    existing = set(Claim.objects.filter(pk__in=drawn).values_list("pk", flat=True))
    return [pk for pk in drawn if pk in existing][:count]


def _rechecks(ids: list[int]) -> dict:
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from detection.services import conflicts_detect_for_claim

    for claim_id in ids:  # first pass: whatever there is to write is written
        conflicts_detect_for_claim(claim_id=claim_id)
    walls, queries = [], []
    with Clock() as total:
        for claim_id in ids:
            reset_queries()
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                conflicts_detect_for_claim(claim_id=claim_id)
                walls.append(time.perf_counter() - started)
            queries.append(len(captured))
    return {
        "recheck_median_ms": statistics.median(walls) * 1000,
        "recheck_min_ms": min(walls) * 1000,
        "recheck_cpu_ms": total.cpu_s * 1000 / len(ids),
        "recheck_queries": statistics.median(queries),
    }


def _sweeps(rng: random.Random, changed: list[int]) -> dict:
    from bench.detection_bench import mark_changed
    from detection.services import conflicts_sweep

    results = {}
    for count in changed:
        ids = _random_claim_ids(rng, count)
        for run in ("first", "again"):
            mark_changed(ids)
            with Clock() as clock:
                report = conflicts_sweep(time_budget=float("inf"))
            results[f"sweep_{count}_{run}_s"] = clock.wall_s
            results[f"sweep_{count}_{run}_cpu_s"] = clock.cpu_s
            results[f"sweep_{count}_{run}_checked"] = report.checked
    return results


def turn(args) -> None:
    """One database, one round: print the measurements as JSON."""
    os.environ["DATABASE_URL"] = args.turn
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    os.environ.setdefault("SECRET_KEY", "bench-only-key-not-secret-0123456789abcdefghijklmnop")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ["CELERY_BROKER_URL"] = ""
    import django

    django.setup()
    from claims.models import Claim

    rng = random.Random(args.seed)
    row = {"claims": Claim.objects.count(), "load_before": os.getloadavg()[0]}
    row.update(_rechecks(_random_claim_ids(rng, args.checks)))
    row.update(_sweeps(rng, args.changed))
    row["load_after"] = os.getloadavg()[0]
    print(json.dumps(row), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--databases", nargs="+", help="PostgreSQL URLs, each seeded by detection_bench.py")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--checks", type=int, default=50, help="claims re-checked per turn")
    parser.add_argument("--changed", type=int, nargs="+", default=[50, 500])
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--turn", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.turn:
        turn(args)
        return
    rows = []
    for round_number in range(1, args.rounds + 1):
        for url in args.databases:
            command = [sys.executable, __file__, "--turn", url, "--seed", str(args.seed + round_number)]
            command += ["--checks", str(args.checks), "--changed", *map(str, args.changed)]
            output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
            row = {"round": round_number, **json.loads(output.strip().splitlines()[-1])}
            rows.append(row)
            print(json.dumps(row), flush=True)
    print()
    print(
        "| round | claims | re-check: median ms (min), app+DB CPU ms, queries | "
        + " | ".join(f"sweep after {n:,} changed, first / again: s (app+DB CPU s)" for n in args.changed)
        + " | load average |"
    )
    print("| ---: | ---: | ---: |" + " ---: |" * len(args.changed) + " ---: |")
    for row in rows:
        sweeps = " | ".join(
            f"{row[f'sweep_{n}_first_s']:.2f} ({row[f'sweep_{n}_first_cpu_s']:.2f}) / "
            f"{row[f'sweep_{n}_again_s']:.2f} ({row[f'sweep_{n}_again_cpu_s']:.2f})"
            for n in args.changed
        )
        print(
            f"| {row['round']} | {row['claims']:,} | {row['recheck_median_ms']:.1f} ({row['recheck_min_ms']:.1f}), "
            f"{row['recheck_cpu_ms']:.1f}, {row['recheck_queries']:.0f} | {sweeps} "
            f"| {row['load_before']:.1f}→{row['load_after']:.1f} |"
        )


if __name__ == "__main__":
    main()
