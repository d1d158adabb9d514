"""Deep pages of the API claim list: what the database spends on page 1 and
on page 2,000, the old way (OFFSET over the annotated query) and the new
(the page's ids first, then the page's rows; or a keyset cursor).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/claimtrack_load .venv/bin/python bench/paging_bench.py

Reads EXPLAIN (ANALYZE) execution times, median of 7 runs, after a warm-up;
records the load average. Seed first with bench/load_bench.py --seed-only.
"""

import os
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
os.environ.setdefault("DEBUG", "true")

PAGE = 50
REPEATS = 7


def execution_ms(queryset) -> float:
    from django.db import connection

    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql, params)
        plan = cursor.fetchone()[0]
    plan = plan[0] if isinstance(plan, list) else plan
    return plan["Planning Time"] + plan["Execution Time"]


def median_ms(querysets) -> float:
    for queryset in querysets:  # warm-up
        execution_ms(queryset)
    return statistics.median(sum(execution_ms(q) for q in querysets) for _ in range(REPEATS))


def main() -> None:
    import django

    django.setup()
    from django.db.models import Q

    from claims import selectors
    from claims.models import Claim

    listing = selectors.claim_list_for_api().order_by("-created_at", "-id")
    total = Claim.objects.count()
    offset = (2000 - 1) * PAGE
    ids = list(listing.values_list("pk", flat=True)[offset : offset + PAGE])
    by_change = listing.order_by("updated_at", "id")
    middle = by_change.values_list("updated_at", "id")[offset]
    rows = {
        "page 1": [listing[:PAGE]],
        "page 2,000, OFFSET over the annotated query (before)": [listing[offset : offset + PAGE]],
        "page 2,000, ids first (now)": [
            listing.values_list("pk", flat=True)[offset : offset + PAGE],
            listing.order_by().filter(pk__in=ids),
        ],
        "cursor page at the same depth": [
            by_change.filter(updated_at__gte=middle[0]).filter(
                Q(updated_at__gt=middle[0]) | Q(pk__gt=middle[1])
            )[:PAGE]
        ],
    }
    print(f"{total:,} claims; load average {os.getloadavg()[0]:.1f}")
    print("| query | database ms (median of 7) |")
    print("| --- | ---: |")
    for name, querysets in rows.items():
        print(f"| {name} | {median_ms(querysets):.1f} |")
    print(f"load average at the end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
