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


def test_the_example_client_submits_an_article_and_accepts_its_proposals(live_server):
    import importlib

    from django.apps import apps

    from ingestion.models import ClaimProposal

    # A flush between live-server tests empties the lexicon the data
    # migrations filled; put the starting terms back.
    importlib.import_module("ingestion.migrations.0002_starting_lexicon").add_starting_terms(apps, None)
    importlib.import_module("ingestion.migrations.0005_multi_word_cues").add_terms(apps, None)

    _, token = api_token_create(user=factories.editor(username="script-editor"), name="example")
    result = run_example(live_server, token)
    assert result.returncode == 0, result.stderr + result.stdout
    proposals = ClaimProposal.objects.filter(document__title="Example: shelling of the port")
    assert sorted(proposals.values_list("value_low", "status")) == [(12, "accepted"), (52, "accepted")], (
        result.stdout
    )
    assert "accepted as claim #" in result.stdout
    again = run_example(live_server, token)
    assert again.returncode == 0, again.stderr + again.stdout
    assert proposals.count() == 2
