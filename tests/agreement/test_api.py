"""Independent origins and event figure summaries over the API."""

import pytest
from rest_framework.test import APIClient

from tests.detection.conftest import check, make_figure
from tests.factories import SourceFactory, viewer

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    client = APIClient()
    client.force_authenticate(viewer())
    return client


def test_claims_carry_their_independent_origins(api, event, ministry, monitor):
    party = make_figure(event=event, value=20, sources=[ministry])
    make_figure(event=event, value=20, sources=[monitor])
    check(party)
    body = api.get(f"/api/v1/claims/{party.pk}/").json()
    assert body["origins"]["count"] == 2
    assert body["origins"]["suggest_corroborated"] is True
    assert body["origins"]["party_only"] is False
    assert {origin["name"] for origin in body["origins"]["origins"]} == {
        "Syrian government and allies (party: Russian Ministry of Defence)",
        "Syrian Observatory for Human Rights",
    }


def test_a_page_of_corroborated_claims_costs_a_fixed_number_of_queries(
    api, event, django_assert_max_num_queries
):
    sources = [SourceFactory() for _ in range(30)]
    claims = [make_figure(event=event, value=85, subject="wounded", sources=[source]) for source in sources]
    check(claims[-1])  # 29 corroborations with the last claim
    check(claims[0])
    # Permission look-ups, count, page, three prefetches, and one query for
    # the corroborating claims' sources.
    with django_assert_max_num_queries(8):
        response = api.get("/api/v1/claims/?page_size=30")
    results = response.json()["results"]
    assert len(results) == 30
    by_id = {row["id"]: row for row in results}
    assert by_id[claims[-1].pk]["origins"]["count"] == 30
    assert by_id[claims[1].pk]["origins"]["count"] >= 2


def test_a_party_only_claim_cannot_be_rated_above_3_over_the_api(event, ministry):
    from claims.models import Claim
    from tests.factories import fact_checker

    claim = make_figure(event=event, value=200, sources=[ministry])
    client = APIClient()
    client.force_authenticate(fact_checker())
    response = client.patch(f"/api/v1/claims/{claim.pk}/", {"credibility": 1}, format="json")
    assert response.status_code == 400
    assert "party to the conflict" in response.json()["error"]["fields"]["credibility"][0]
    claim.refresh_from_db()
    assert claim.credibility == Claim.Credibility.CANNOT_JUDGE
