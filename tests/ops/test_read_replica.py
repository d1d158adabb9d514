"""DATABASE_REPLICA_URL: which reads go to the replica, and that nothing else does."""

import json

from tests.tracker.test_settings import run_manage

PROBE = """
import json
from django.contrib.auth import get_user_model
from claims.models import Claim
from core.read_replica import reading_from_replica
from digests.services import digest_send
from django.db import router
outside = Claim.objects.all().db
with reading_from_replica():
    inside = Claim.objects.all().db
    write = router.db_for_write(Claim)
print(json.dumps({"outside": outside, "inside": inside, "write_inside": write}))
"""


def test_only_reads_inside_the_replica_block_go_to_the_replica():
    result = run_manage(
        "shell",
        "-c",
        PROBE,
        DEBUG="true",
        DATABASE_URL="sqlite:////tmp/claimtrack-replica-probe.sqlite3",
        DATABASE_REPLICA_URL="sqlite:////tmp/claimtrack-replica-probe.sqlite3",
    )
    assert result.returncode == 0, result.stderr
    routed = json.loads(result.stdout.strip().splitlines()[-1])
    assert routed == {"outside": "default", "inside": "replica", "write_inside": "default"}


def test_without_a_replica_everything_reads_the_primary():
    result = run_manage("shell", "-c", PROBE, DEBUG="true", DATABASE_REPLICA_URL="")
    assert result.returncode == 0, result.stderr
    routed = json.loads(result.stdout.strip().splitlines()[-1])
    assert routed == {"outside": "default", "inside": "default", "write_inside": "default"}
