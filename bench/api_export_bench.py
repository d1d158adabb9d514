"""Memory and time of the streamed claim export at 100,000 claims.

    createdb -h 127.0.0.1 -U postgres claimtrack_bench_export   # once
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/claimtrack_bench_export \\
        .venv/bin/python bench/api_export_bench.py [--claims 100000]

Seeds the database (bench/seed.py) up to the requested number of claims, then
streams /api/v1/exports/claims.csv and .json through the real view as a
viewer, consuming the chunks as a client would, and reports bytes, time and
the process's peak resident memory before and after (ru_maxrss; tracemalloc
would slow the run tenfold). A peak that barely moves while hundreds of
megabytes stream out is what shows the export does not hold the claims in
memory. Numbers are printed, never asserted in tests.
"""

import argparse
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
os.environ.setdefault("DEBUG", "true")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--claims", type=int, default=100_000)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from rest_framework.test import APIRequestFactory, force_authenticate

    from bench.seed import seed_newsroom
    from claims.api.export import ClaimExportCsvView, ClaimExportJsonView
    from claims.models import Attribution, Claim
    from tests.factories import viewer

    call_command("migrate", verbosity=0, interactive=False)
    missing = args.claims - Claim.objects.count()
    if missing > 0:
        print(f"Seeding {missing:,} claims…", flush=True)
        seed_newsroom(claims=missing)
    print(f"{Claim.objects.count():,} claims, {Attribution.objects.count():,} attributions")
    user = viewer(username="bench-export-viewer")

    # JSON first: its per-claim serializer is the heavier of the two.
    for label, view in (("JSON", ClaimExportJsonView), ("CSV", ClaimExportCsvView)):
        request = APIRequestFactory().get("/api/v1/exports/claims")
        force_authenticate(request, user=user)
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started = time.perf_counter()
        response = view.as_view()(request)
        total = chunks = 0
        for chunk in response.streaming_content:
            total += len(chunk)
            chunks += 1
        elapsed = time.perf_counter() - started
        rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(
            f"{label}: {total / 1e6:,.1f} MB in {chunks:,} chunks, {elapsed:.1f} s; "
            f"peak RSS {rss_before / 1024:,.0f} MB before, {rss_after / 1024:,.0f} MB after"
        )


if __name__ == "__main__":
    main()
