"""Conflict-detection benchmark: the cost of checking one claim, and of the
sweeps, at 10,000 and at 100,000 claims (or any --sizes) in PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/claimtrack_bench \\
        .venv/bin/python bench/detection_bench.py [--sizes 10000 100000 1000000] [--new-claims 50] \\
        [--changed 100 1000] [--full-sweep-max 100000]

It uses its own database (created if missing, emptied of claims at the start)
and seeds it in SQL (bench/detection_seed.py): events of eight claims each
(four figures about the same thing under different wordings, one in ten events
with an outlier ten times too high; two framing claims; two territory claims),
every claim credited to one or two of 200 sources, a tenth of figures to
parties only.

For each size it reports:
- a full sweep (`conflicts_sweep(full=True)`): first run, which raises every
  flag the seeded data holds, then a second run over unchanged claims, and
  the queue after it: open pairwise flags against open disputes (one queue
  entry per disputed question). Skipped above --full-sweep-max claims: it is
  linear in the archive by definition (about an hour at 100,000 claims on a
  busy 2-core machine);
- the periodic sweep after n random claims changed, for each n of --changed:
  a first run (which raises those claims' flags if no full sweep came
  before), then again after the same claims changed with nothing new;
- re-checking one of those claims (`conflicts_detect_for_claim`, nothing new
  to find): median, 95th percentile and SQL queries;
- the median (and 95th percentile) time of `conflicts_detect_for_claim` for
  new claims added to existing events, and the number of SQL queries each.

Timings go to docs/performance.md; they are never asserted in tests.
"""

import argparse
import os
import platform
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/claimtrack_bench"
os.environ.setdefault("DATABASE_URL", DEFAULT_DATABASE_URL)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
os.environ.setdefault("SECRET_KEY", "bench-only-key-not-secret-0123456789abcdefghijklmnop")
os.environ.setdefault("LOG_LEVEL", "WARNING")
# No broker: anything queued runs in-process, as on a laptop.
os.environ["CELERY_BROKER_URL"] = ""

# Rows per INSERT when creating the bench's sources.
BATCH_SIZE = 2_000


def ensure_database(url: str) -> None:
    """Create the benchmark database if it does not exist yet."""
    import psycopg
    from django.db.backends.postgresql.base import DatabaseWrapper  # noqa: F401 - the driver is present
    from environ import Env

    config = Env.db_url_config(url)
    if not config["ENGINE"].endswith("postgresql"):
        raise SystemExit("The detection benchmark needs PostgreSQL: set DATABASE_URL=postgres://...")
    with psycopg.connect(
        host=config["HOST"],
        port=config["PORT"] or 5432,
        user=config["USER"],
        password=config["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    ) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{config["NAME"]}"')


def empty_claims() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE claims_auditentry, claims_conflictflag, claims_claimrelation, claims_attribution, "
            "detection_eventlinksuggestion, claims_claim, claims_event, detection_sweepstate CASCADE"
        )


def bench_sources(rng: random.Random) -> list:
    from sources.models import Source

    existing = {source.slug: source for source in Source.objects.filter(slug__startswith="detection-bench-")}
    wanted = []
    for index in range(200):
        slug = f"detection-bench-{index}"
        if slug in existing:
            continue
        party = index % 3 == 0
        wanted.append(
            Source(
                name=f"Detection bench source {index}",
                slug=slug,
                kind=Source.Kind.MILITARY if party else Source.Kind.NGO_MONITOR,
                affiliation=Source.Affiliation.PARTY if party else Source.Affiliation.INDEPENDENT,
                side=("Government" if index % 2 else "Opposition") if party else "",
            )
        )
    Source.objects.bulk_create(wanted, batch_size=BATCH_SIZE)
    return list(Source.objects.filter(slug__startswith="detection-bench-").order_by("id"))


def time_new_claims(*, count: int, rng: random.Random, sources: list) -> dict:
    """Add `count` figures to existing events and time the check of each."""
    from django.db import connection, reset_queries
    from django.db.models import Q
    from django.test.utils import CaptureQueriesContext

    from claims.models import Attribution, Claim, ClaimRelation, Event
    from detection.services import conflicts_detect_for_claim

    last_event = Event.objects.order_by("-id").values_list("id", flat=True).first()
    first_event = Event.objects.order_by("id").values_list("id", flat=True).first()
    # Grouped by what the check did: found nothing new, or raised flags
    # (each new flag is a few writes: the flag, its history line, a relation).
    timings = {"quiet": [], "raised": []}
    query_counts = {"quiet": [], "raised": []}
    for index in range(count):
        event = Event.objects.get(pk=rng.randint(first_event, last_event))
        sample = Claim.objects.filter(event=event, kind=Claim.Kind.FIGURE).first()
        # Half repeat the event's first figure (agreement: a corroboration, or
        # a repeat when the speaker is the same), half are ten times off it;
        # every third comes from the sample's own speaker, so the revision
        # rule has a history to record.
        value = sample.value_low * (10 if index % 2 else 1)
        claim = Claim.objects.create(
            text="A new figure for the benchmark.",
            kind=Claim.Kind.FIGURE,
            event=event,
            quantity_subject=sample.quantity_subject,
            value_low=value,
            value_high=value,
            qualifier="exact",
            place=event.place,
        )
        same_speaker = index % 3 == 2 and sample.attributions.exists()
        speaker = sample.attributions.first().source if same_speaker else rng.choice(sources)
        Attribution.objects.create(claim=claim, source=speaker)
        # The query log keeps 9,000 entries; a full one makes every capture empty.
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            outcomes = conflicts_detect_for_claim(claim_id=claim.pk)
            elapsed = time.perf_counter() - started
        # Recording corroborations or a revision is writing too.
        related = ClaimRelation.objects.filter(Q(from_claim=claim) | Q(to_claim=claim)).exists()
        group = "raised" if outcomes or related else "quiet"
        timings[group].append(elapsed)
        query_counts[group].append(len(queries))
    everything = sorted(timings["quiet"] + timings["raised"])
    return {
        "median_ms": statistics.median(everything) * 1000,
        "p95_ms": everything[max(0, int(len(everything) * 0.95) - 1)] * 1000,
        "quiet_checks": len(timings["quiet"]),
        "quiet_median_ms": statistics.median(timings["quiet"] or [0]) * 1000,
        "quiet_queries": statistics.median(query_counts["quiet"] or [0]),
        "raised_median_ms": statistics.median(timings["raised"] or [0]) * 1000,
        "raised_queries": statistics.median(query_counts["raised"] or [0]),
    }


def time_full_sweeps() -> dict:
    """`conflicts_sweep(full=True)` twice: over freshly seeded claims (raising
    every flag the data holds), then over unchanged claims."""
    from django.db import connection

    from claims.models import ConflictFlag
    from detection.services import conflicts_sweep

    results = {}
    started = time.perf_counter()
    report = conflicts_sweep(full=True, time_budget=float("inf"))
    results["full_first_s"] = time.perf_counter() - started
    results["full_first_checked"] = report.checked
    results["flags_after_first"] = ConflictFlag.objects.count()
    # A live database's statistics follow its tables (autovacuum); refresh
    # them here too, or the planner still thinks the flag table is empty.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")

    started = time.perf_counter()
    report = conflicts_sweep(full=True, time_budget=float("inf"))
    results["full_again_s"] = time.perf_counter() - started
    results["full_again_changes"] = len(report.outcomes)
    return results


def mark_changed(ids: list[int]) -> None:
    """An ordinary periodic run's starting point: everything was checked half
    an hour ago (outside the sweep's overlap window), then `ids` changed.
    Only rows changed in the last hour are moved back, so preparing costs
    the same at any size."""
    from django.utils import timezone

    from claims.models import Claim
    from detection.models import SweepState
    from detection.services import SWEEP_NAME

    now = timezone.now()
    Claim.objects.filter(updated_at__gt=now - timedelta(hours=1)).update(updated_at=now - timedelta(hours=1))
    SweepState.objects.update_or_create(
        name=SWEEP_NAME, defaults={"high_water_mark": now - timedelta(minutes=30)}
    )
    Claim.objects.filter(pk__in=ids).update(updated_at=now)


def time_periodic_sweeps(*, rng: random.Random, changed: list[int]) -> tuple[dict, list[int]]:
    """The periodic sweep after n random claims changed, for each n: a first
    run, then the same n claims changed again with nothing new to find.
    Returns the timings and the ids swept last."""
    from django.db.models import Max, Min

    from claims.models import Claim
    from detection.services import conflicts_sweep

    bounds = Claim.objects.aggregate(low=Min("id"), high=Max("id"))
    results, ids = {}, []
    for count in changed:
        ids = rng.sample(range(bounds["low"], bounds["high"] + 1), count)
        for run in ("first", "again"):
            mark_changed(ids)
            started = time.perf_counter()
            report = conflicts_sweep(time_budget=float("inf"))
            results[f"changed_{count}_{run}_s"] = time.perf_counter() - started
            results[f"changed_{count}_{run}_checked"] = report.checked
    return results, ids


def time_rechecks(*, ids: list[int]) -> dict:
    """`conflicts_detect_for_claim` on claims checked moments ago: the
    read-only path, which reads only the claim's event and its own rows."""
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from detection.services import conflicts_detect_for_claim

    timings, query_counts, writes = [], [], 0
    for claim_id in ids:
        # The query log keeps 9,000 entries; a full one makes every capture empty.
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            writes += len(conflicts_detect_for_claim(claim_id=claim_id))
            timings.append(time.perf_counter() - started)
        query_counts.append(len(queries))
    return {
        "recheck_count": len(timings),
        "recheck_median_ms": statistics.median(timings) * 1000,
        "recheck_p95_ms": sorted(timings)[max(0, int(len(timings) * 0.95) - 1)] * 1000,
        "recheck_queries": statistics.median(query_counts),
        "recheck_changes": writes,
    }


def queue_sizes() -> dict:
    """The queue before and after grouping: open pairwise flags against open
    disputes (one queue entry per disputed question)."""
    from claims.models import ConflictFlag
    from detection.dispute_selectors import dispute_status_counts

    return {
        "open_flags": ConflictFlag.objects.filter(status__in=ConflictFlag.ACTIVE_STATUSES).count(),
        "open_disputes": dispute_status_counts()["open"],
    }


def measure_size(*, rng: random.Random, sources: list, args, full: bool) -> dict:
    """Everything measured at one size, after its seeding."""
    # Without the full sweep the seeded data holds no flags: no queue to count.
    row = {**time_full_sweeps(), **queue_sizes()} if full else {}
    sweeps, swept = time_periodic_sweeps(rng=rng, changed=args.changed)
    row.update(sweeps)
    row.update(time_rechecks(ids=swept[: args.new_claims]))
    row.update(time_new_claims(count=args.new_claims, rng=rng, sources=sources))
    return row


def print_tables(rows: list[dict], changed: list[int]) -> None:
    def figure(row: dict, key: str, unit: str = " s", digits: int = 1) -> str:
        return f"{row[key]:.{digits}f}{unit}" if key in row else "not run"

    print()
    print(
        "| Claims | Re-check, nothing new: median (p95), queries | Check one new claim: median (p95) "
        "| Raising flags or relations: median, queries | Full sweep, first run | Full sweep, nothing changed | "
        + " | ".join(f"Sweep after {n:,} changed: first, again" for n in changed)
        + " |"
    )
    print("|---:|---:|---:|---:|---:|---:|" + "---:|" * len(changed))
    for row in rows:
        print(
            f"| {row['claims']:,} | {row['recheck_median_ms']:.1f} ms ({row['recheck_p95_ms']:.1f} ms), "
            f"{row['recheck_queries']:.0f} | {row['median_ms']:.1f} ms ({row['p95_ms']:.1f} ms) "
            f"| {row['raised_median_ms']:.1f} ms, {row['raised_queries']:.0f} "
            f"| {figure(row, 'full_first_s')} | {figure(row, 'full_again_s')} | "
            + " | ".join(
                f"{row[f'changed_{n}_first_s']:.2f} s, {row[f'changed_{n}_again_s']:.2f} s" for n in changed
            )
            + " |"
        )
    print()
    print(
        "| Claims | Seeding (and VACUUM ANALYZE) | Open pairwise flags | Open queue entries (disputes) | Load average |"
    )
    print("|---:|---:|---:|---:|---:|")
    for row in rows:
        print(
            f"| {row['claims']:,} | {row['seed_s']:.0f} s | {row.get('open_flags', 'not run')} "
            f"| {row.get('open_disputes', 'not run')} "
            f"| {row['load']:.1f} |"
        )


def _measure_size(size: int, *, rng: random.Random, sources: list, args) -> dict:
    """Fill the database up to `size` claims and time checks and sweeps on it."""
    from django.db import connection
    from django.db.models import Count

    from bench.detection_seed import seed_claims
    from claims.models import Claim, ClaimRelation, ConflictFlag

    # Flags and relations from the previous size are cleared so each
    # size's first sweep does the same kind of work.
    ConflictFlag.objects.all().delete()
    ClaimRelation.objects.all().delete()
    missing = size - Claim.objects.count()
    started = time.perf_counter()
    if missing > 0:
        seed_claims(count=missing, sources=sources, seed=args.seed + size)
    # Fresh statistics and visibility maps after the bulk load, as
    # autovacuum would leave a live database.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    row = {"claims": Claim.objects.count(), "seed_s": time.perf_counter() - started}
    full = args.full_sweep_max is None or row["claims"] <= args.full_sweep_max
    row.update(measure_size(rng=rng, sources=sources, args=args, full=full))
    row["load"] = os.getloadavg()[0]
    row["relations"] = list(ClaimRelation.objects.values("relation_type").annotate(n=Count("id")).order_by())
    return row


def _print_row(row: dict) -> None:
    print(
        {key: round(value, 2) if isinstance(value, float) else value for key, value in row.items()},
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--new-claims", type=int, default=50)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--changed", type=int, nargs="+", default=[200], help="claims changed before a periodic sweep"
    )
    parser.add_argument(
        "--full-sweep-max",
        type=int,
        default=None,
        help="skip the two full sweeps above this many claims (0: never run them)",
    )
    args = parser.parse_args()

    ensure_database(os.environ["DATABASE_URL"])
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    rng = random.Random(args.seed)
    empty_claims()
    sources = bench_sources(rng)
    print(
        f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"PostgreSQL {connection.cursor().connection.info.server_version}, Python {platform.python_version()}"
    )
    rows = []
    for size in sorted(args.sizes):
        row = _measure_size(size, rng=rng, sources=sources, args=args)
        rows.append(row)
        _print_row(row)
    print_tables(rows, args.changed)


if __name__ == "__main__":
    main()
