"""docs/api_client_example.py, run as a user would, against a live server."""

import os
import subprocess
import sys
from pathlib import Path

from accounts.services import api_token_create
from claims.models import Claim, ConflictFlag
from tests import factories

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "api_client_example.py"


def run_example(live_server, token: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "CLAIMTRACK_URL": live_server.url, "CLAIMTRACK_TOKEN": token}
    return subprocess.run(
        [sys.executable, str(EXAMPLE)], env=env, capture_output=True, text=True, timeout=120, check=False
    )


def test_the_example_client_records_a_claim_and_reads_the_conflict_it_raised(live_server):
    _, token = api_token_create(user=factories.editor(username="script-editor"), name="example")

    result = run_example(live_server, token)

    assert result.returncode == 0, result.stderr + result.stdout
    claim = Claim.objects.get(text="The defence ministry said its air raids killed 300 fighters.")
    attribution = claim.attributions.get()
    assert (
        attribution.document.body[attribution.excerpt_start : attribution.excerpt_end]
        == "had killed 300 fighters"
    )
    # Celery runs eagerly in tests, so the detection ran when the claim was saved.
    flag = ConflictFlag.objects.get(rule="figure_mismatch", claim_b=claim)
    assert f"Conflict #{flag.pk} [figure_mismatch" in result.stdout
    assert "ClaimReview rating: Unverified" in result.stdout


def test_the_example_client_can_run_twice(live_server):
    _, token = api_token_create(user=factories.editor(username="script-editor"), name="example")
    assert run_example(live_server, token).returncode == 0
    second = run_example(live_server, token)
    assert second.returncode == 0, second.stderr + second.stdout
    assert Claim.objects.filter(text__startswith="The defence ministry said").count() == 2


def test_the_example_client_needs_a_token(live_server):
    result = run_example(live_server, "")
    assert result.returncode == 2
    assert "CLAIMTRACK_TOKEN" in result.stderr
