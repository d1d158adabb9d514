"""ClaimReview states the corroboration state beside the editors' verdict."""

import pytest
from rest_framework.test import APIClient

from claims.models import Claim
from claims.services import claim_corroboration_accept
from tests.detection.conftest import check, make_figure
from tests.factories import editor, viewer

pytestmark = pytest.mark.django_db


def rating(claim):
    client = APIClient()
    client.force_authenticate(viewer())
    body = client.get(f"/api/v1/claims/{claim.pk}/claimreview/").json()
    return body["reviewRating"], body["reviewBody"]


def test_an_unverified_claim_with_two_independent_origins_says_so(event, ministry, monitor):
    party = make_figure(event=event, value=20, sources=[ministry])
    make_figure(event=event, value=20, sources=[monitor])
    check(party)
    value, body = rating(party)
    assert value["ratingValue"] == 3  # Not a verdict until an editor accepts.
    assert value["alternateName"] == "Unverified: 2 independent origins agree"
    assert "Syrian Observatory for Human Rights" in body


def test_an_accepted_corroboration_reads_corroborated_by_its_origins(event, ministry, monitor):
    party = make_figure(event=event, value=20, sources=[ministry])
    make_figure(event=event, value=20, sources=[monitor])
    check(party)
    claim_corroboration_accept(claim_id=party.pk, user=editor())
    value, _ = rating(party)
    assert value["ratingValue"] == 4
    assert value["alternateName"] == "Corroborated by 2 independent origins"


def test_an_unverified_claim_in_an_open_conflict_reads_contested(event, ministry, monitor):
    party = make_figure(event=event, value=200, sources=[ministry])
    make_figure(event=event, value=20, sources=[monitor])
    check(party)
    value, _ = rating(party)
    assert value["ratingValue"] == 3
    assert value["alternateName"] == "Unverified: contested by another source"


def test_a_party_only_claim_says_so(event, ministry):
    party = make_figure(event=event, value=200, sources=[ministry])
    value, body = rating(party)
    assert value["alternateName"] == "Unverified: only parties to the conflict"
    assert body.startswith("1 independent origin (Syrian government and allies")


def test_an_editors_verdict_is_kept(event, monitor):
    claim = make_figure(event=event, value=20, sources=[monitor])
    Claim.objects.filter(pk=claim.pk).update(status=Claim.Status.FALSE)
    value, _ = rating(claim)
    assert (value["ratingValue"], value["alternateName"]) == (1, "False")
