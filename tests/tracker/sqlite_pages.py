"""Run by tests/tracker/test_fresh_sqlite.py in a subprocess, against the demo
loaded into a fresh SQLite database: every page and API list an editor opens
on the first day, and the page of every demo row, must answer 200."""

import os
import sys
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.test import Client  # noqa: E402

from claims.models import Claim, ConflictFlag, Event  # noqa: E402
from detection.models import Dispute  # noqa: E402
from sources.models import Document, Source  # noqa: E402

FIXED = [
    "/",
    "/?status=all",
    "/?topic=figure",
    "/claims/",
    "/claims/?q=airstrikes",
    "/claims/?status=unverified&kind=figure",
    "/claims/new/",
    "/events/",
    "/sources/",
    "/documents/",
    "/notifications/",
    "/ingest/documents/add/",
    "/digests/preferences/",
    "/digests/preview/",
    "/exports/",
    "/api/v1/claims/",
    "/api/v1/claims/?cursor=start",
    "/api/v1/flags/",
    "/api/v1/sources/",
    "/api/v1/events/",
    "/api/schema/",
]


def main() -> int:
    client = Client()
    client.force_login(get_user_model().objects.get(username="editor"))
    paths = list(FIXED)
    paths += [claim.get_absolute_url() for claim in Claim.objects.all()]
    paths += [event.get_absolute_url() for event in Event.objects.all()]
    paths += [flag.get_absolute_url() for flag in ConflictFlag.objects.all()]
    paths += [dispute.get_absolute_url() for dispute in Dispute.objects.all()]
    paths += [source.get_absolute_url() for source in Source.objects.all()]
    paths += [f"/api/v1/claims/{pk}/" for pk in Claim.objects.values_list("pk", flat=True)]
    paths += [f"/ingest/documents/{pk}/proposals/" for pk in Document.objects.values_list("pk", flat=True)]
    failed = []
    for path in paths:
        try:
            status = client.get(path, HTTP_HOST="127.0.0.1").status_code
        except Exception as error:  # report every page, then fail
            status = f"{type(error).__name__}: {error}"
        if status != 200:
            failed.append(f"{path}: {status}")
    print(f"{len(paths)} pages opened, {len(failed)} failed")
    print("\n".join(failed))
    return 1 if failed or len(paths) < len(FIXED) + 10 else 0


if __name__ == "__main__":
    sys.exit(main())
