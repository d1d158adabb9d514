"""The demo story shows a corroboration and the airstrikes' figure summary."""

import pytest
from rest_framework.test import APIClient

from claims.demo import demo_load
from claims.models import Claim, ClaimRelation, Event
from claims.origins import claim_origins
from detection.figure_summary import event_figure_summaries
from tests.factories import viewer

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        demo_load()
    return Event.objects.get(title__startswith="Airstrikes around Aleppo")


def test_the_two_independent_accounts_of_the_airstrikes_corroborate(demo):
    [relation] = ClaimRelation.objects.filter(relation_type=ClaimRelation.Type.CORROBORATES)
    claims = Claim.objects.filter(pk__in=[relation.from_claim_id, relation.to_claim_id])
    assert {claim.kind for claim in claims} == {Claim.Kind.OCCURRENCE}
    assert {claim.event_id for claim in claims} == {demo.pk}
    assert relation.origin == ClaimRelation.Origin.RULE
    assert "airstrikes" in relation.rationale.lower()
    summaries = claim_origins(claim_ids=[claim.pk for claim in claims])
    for summary in summaries.values():
        assert summary.count == 2
        assert summary.supports_corroboration
        assert set(summary.names) == {"Syrian Observatory for Human Rights", "Wire agency desk"}


def test_the_airstrikes_figure_summary(demo):
    [summary] = event_figure_summaries(event=demo)
    assert summary.subject == "militants killed"
    rows = [
        (row.source.name, row.latest.figure, row.is_party, row.source.reliability) for row in summary.rows
    ]
    assert rows == [
        ("Syrian Observatory for Human Rights", "20", False, "B"),
        ("Russian Ministry of Defence", "200", True, "D"),
    ]
    assert summary.conservative.source.name == "Syrian Observatory for Human Rights"
    assert summary.conservative.latest.claim.value_low == 20
    assert summary.full_range == (20, 200)
    assert summary.agreeing_origins == ["Syrian Observatory for Human Rights"]


def test_the_demo_figures_over_the_api(demo):
    client = APIClient()
    client.force_authenticate(viewer())
    [summary] = client.get(f"/api/v1/events/{demo.pk}/figures/").json()
    assert summary["conservative"]["value"] == 20
    assert summary["full_range"] == {"low": 20, "high": 200}
    assert summary["agreeing_independent_origins"] == 1


def test_the_demo_claim_page_suggests_corroborated(demo, client):
    claim = Claim.objects.get(kind=Claim.Kind.OCCURRENCE, attributions__source__name="Wire agency desk")
    client.force_login(viewer())
    page = client.get(claim.get_absolute_url()).content.decode()
    assert "2 independent origins" in page
    assert "Suggested status: corroborated" in page
