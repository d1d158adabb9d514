"""Conflict-detection benchmark: the cost of checking one new claim, and of a
full sweep, at 10,000 and at 100,000 claims in PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/claimtrack_bench \\
        .venv/bin/python bench/detection_bench.py [--sizes 10000 100000] [--new-claims 50]

It uses its own database (created if missing, emptied of claims at the start)
and seeds with bulk_create: events of eight claims each (four figures about
the same thing under different wordings, one in ten events with an outlier ten
times too high; two framing claims; two territory claims), every claim credited
to one or two of 200 sources, a tenth of figures to parties only.

For each size it reports:
- the median (and 95th percentile) time of `conflicts_detect_for_claim` for
  new claims added to existing events, and the number of SQL queries each;
- a full sweep (`conflicts_sweep(full=True)`): first run, which raises every
  flag the seeded data holds, then a second run over unchanged claims;
- an incremental sweep after 200 claims changed;
- the queue after the first full sweep: open pairwise flags against open
  disputes (one queue entry per disputed question).

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

# Rows per INSERT: fast, and modest in memory.
BATCH_SIZE = 2_000
CLAIMS_PER_EVENT = 8
PLACES = ["Aleppo", "Idlib", "Homs", "Hama", "Raqqa", "Deir ez-Zor", "Daraa", "Latakia"]
# Wordings that the seeded synonym lexicon compares as one subject.
SUBJECT_WORDINGS = [
    ["militants killed", "insurgents killed", "rebels killed", "fighters killed"],
    ["civilians killed", "civilians dead"],
    ["soldiers killed", "troops killed"],
    ["people displaced"],
]
FRAMING_TEXTS = [
    "The army's pull-back from {place} is a temporary redeployment.",
    "Government forces retreated from {place}.",
    "Forces left positions near {place} overnight.",
    "Terrorists attacked positions outside {place}.",
    "Insurgents attacked positions outside {place}.",
]
TERRITORY_TEXTS = [
    "Insurgents have entered large parts of {place}.",
    "Government forces hold only {place}'s airport.",
    "Insurgents control most of {place}.",
    "The situation in {place} is unclear.",
]


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


def _event_claims(rng: random.Random, event) -> list:
    """An event's unsaved claims: four figures (one in ten events with an
    outlier ten times the rest), two framings and two territory claims."""
    from claims.models import Claim

    claims = []
    wordings = rng.choice(SUBJECT_WORDINGS)
    base = rng.randint(5, 400)
    outlier = rng.random() < 0.1
    for index in range(4):
        value = base * 10 if outlier and index == 0 else max(1, round(base * rng.uniform(0.95, 1.05)))
        qualifier = rng.choice(["about", "about", "exact", "at_least"])
        claims.append(
            Claim(
                text=f"{value} {wordings[index % len(wordings)]} near {event.place}.",
                kind=Claim.Kind.FIGURE,
                event=event,
                quantity_subject=wordings[index % len(wordings)],
                value_low=value,
                value_high=value,
                qualifier=qualifier,
                place=event.place,
            )
        )
    for template in rng.sample(FRAMING_TEXTS, 2):
        claims.append(Claim(text=template.format(place=event.place), kind=Claim.Kind.FRAMING, event=event))
    for template in rng.sample(TERRITORY_TEXTS, 2):
        claims.append(
            Claim(
                text=template.format(place=event.place),
                kind=Claim.Kind.TERRITORY,
                event=event,
                place=event.place,
            )
        )
    return claims


def _claim_credits(rng: random.Random, claims: list, party: list, independent: list) -> list:
    """Unsaved attributions for saved claims."""
    from claims.models import Attribution, Claim

    credits = []
    for claim in claims:
        # A tenth of figures come from parties only; the rest have an independent source.
        if claim.kind == Claim.Kind.FIGURE and rng.random() < 0.1:
            chosen = [rng.choice(party)]
        else:
            chosen = rng.sample(independent, 1) + ([rng.choice(party)] if rng.random() < 0.3 else [])
        credits.extend(Attribution(claim=claim, source=source) for source in chosen)
    return credits


def seed_claims(*, count: int, rng: random.Random, sources: list) -> None:
    """Add `count` claims in events of CLAIMS_PER_EVENT, with attributions."""
    from django.db import transaction

    from claims.models import Attribution, Claim, Event

    party = [source for source in sources if source.affiliation == "party"]
    independent = [source for source in sources if source.affiliation != "party"]
    events_needed = count // CLAIMS_PER_EVENT
    events_per_batch = BATCH_SIZE // CLAIMS_PER_EVENT
    for start in range(0, events_needed, events_per_batch):
        with transaction.atomic():
            events = Event.objects.bulk_create(
                [
                    Event(title=f"Bench event {start + i}", place=rng.choice(PLACES))
                    for i in range(min(events_per_batch, events_needed - start))
                ]
            )
            claims = []
            for event in events:
                claims.extend(_event_claims(rng, event))
            Claim.objects.bulk_create(claims, batch_size=BATCH_SIZE)
            credits = _claim_credits(rng, claims, party, independent)
            Attribution.objects.bulk_create(credits, batch_size=BATCH_SIZE)


def time_new_claims(*, count: int, rng: random.Random, sources: list) -> dict:
    """Add `count` figures to existing events and time the check of each."""
    from django.db import connection
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


def time_sweeps(*, rng: random.Random) -> dict:
    from django.db import connection
    from django.utils import timezone

    from claims.models import Claim, ConflictFlag
    from detection.models import SweepState
    from detection.services import SWEEP_NAME, conflicts_sweep

    results = {}
    started = time.perf_counter()
    report = conflicts_sweep(full=True, time_budget=float("inf"))
    results["full_first_s"] = time.perf_counter() - started
    results["full_first_checked"] = report.checked
    results["flags_after_first"] = ConflictFlag.objects.count()
    # The queue before and after grouping: open pairwise flags against open
    # disputes (one queue entry per disputed question).
    from detection.dispute_selectors import dispute_status_counts

    results["open_flags"] = ConflictFlag.objects.filter(status__in=ConflictFlag.ACTIVE_STATUSES).count()
    results["open_disputes"] = dispute_status_counts()["open"]
    # A live database's statistics follow its tables (autovacuum); refresh
    # them here too, or the planner still thinks the flag table is empty.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")

    started = time.perf_counter()
    report = conflicts_sweep(full=True, time_budget=float("inf"))
    results["full_again_s"] = time.perf_counter() - started
    results["full_again_changes"] = len(report.outcomes)

    # An ordinary periodic run: everything was checked half an hour ago
    # (outside the sweep's overlap window), then 200 claims change.
    now = timezone.now()
    Claim.objects.update(updated_at=now - timedelta(hours=1))
    SweepState.objects.update_or_create(
        name=SWEEP_NAME, defaults={"high_water_mark": now - timedelta(minutes=30)}
    )
    ids = list(Claim.objects.order_by("?").values_list("id", flat=True)[:200])
    Claim.objects.filter(pk__in=ids).update(updated_at=now)
    started = time.perf_counter()
    report = conflicts_sweep(time_budget=float("inf"))
    results["incremental_s"] = time.perf_counter() - started
    results["incremental_checked"] = report.checked
    return results


def _measure_size(size: int, *, rng: random.Random, sources: list, new_claims: int) -> dict:
    """Fill the database up to `size` claims and time checks and sweeps on it."""
    from django.db import connection
    from django.db.models import Count

    from claims.models import Claim, ClaimRelation, ConflictFlag

    # Flags and relations from the previous size are cleared so each
    # size's first sweep does the same kind of work.
    ConflictFlag.objects.all().delete()
    ClaimRelation.objects.all().delete()
    missing = size - Claim.objects.count()
    started = time.perf_counter()
    if missing > 0:
        seed_claims(count=missing, rng=rng, sources=sources)
    # Fresh statistics and visibility maps after the bulk load, as
    # autovacuum would leave a live database.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    seeded_s = time.perf_counter() - started
    claims_now = Claim.objects.count()
    sweeps = time_sweeps(rng=rng)
    checks = time_new_claims(count=new_claims, rng=rng, sources=sources)
    row = {"claims": claims_now, "seed_s": seeded_s, **checks, **sweeps}
    row["load"] = os.getloadavg()[0]
    row["relations"] = ClaimRelation.objects.values("relation_type").annotate(n=Count("id")).order_by()
    return row


def _print_row(row: dict) -> None:
    claims_now, seeded_s = row["claims"], row["seed_s"]
    print(
        f"{claims_now:>7,} claims | check one new claim: median {row['median_ms']:.1f} ms "
        f"(nothing new {row['quiet_median_ms']:.1f} ms / {row['quiet_queries']:.0f} queries, "
        f"raising flags or relations {row['raised_median_ms']:.1f} ms / {row['raised_queries']:.0f} queries), "
        f"p95 {row['p95_ms']:.1f} ms | full sweep: first {row['full_first_s']:.1f} s "
        f"({row['flags_after_first']:,} flags), again {row['full_again_s']:.1f} s | sweep of "
        f"{row['incremental_checked']} changed claims: {row['incremental_s']:.2f} s | seeding {seeded_s:.0f} s"
        f" | queue: {row['open_flags']:,} open flags -> {row['open_disputes']:,} open disputes"
        f" | load average {row['load']:.1f} | relations: "
        + ", ".join(f"{r['n']:,} {r['relation_type']}" for r in row["relations"]),
        flush=True,
    )


def _print_tables(rows: list[dict]) -> None:
    print()
    print(
        "| Claims | Check one new claim: median (p95) | Finding nothing new: median, queries "
        "| Raising flags or relations: median, queries | Full sweep, first run (flags raised) "
        "| Full sweep, nothing changed | Sweep after 200 claims changed |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        print(
            f"| {row['claims']:,} | {row['median_ms']:.1f} ms ({row['p95_ms']:.1f} ms) "
            f"| {row['quiet_median_ms']:.1f} ms, {row['quiet_queries']:.0f} "
            f"| {row['raised_median_ms']:.1f} ms, {row['raised_queries']:.0f} "
            f"| {row['full_first_s']:.1f} s ({row['flags_after_first']:,}) | {row['full_again_s']:.1f} s "
            f"| {row['incremental_s']:.2f} s |"
        )
    print()
    print("| Claims | Open pairwise flags | Open queue entries (disputes) |")
    print("|---:|---:|---:|")
    for row in rows:
        print(f"| {row['claims']:,} | {row['open_flags']:,} | {row['open_disputes']:,} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--new-claims", type=int, default=50)
    parser.add_argument("--seed", type=int, default=7)
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
        row = _measure_size(size, rng=rng, sources=sources, new_claims=args.new_claims)
        rows.append(row)
        _print_row(row)
    _print_tables(rows)


if __name__ == "__main__":
    main()
