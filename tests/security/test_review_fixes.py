"""Holes found in review, each pinned by a test."""

import pytest
from django.test import Client
from django.urls import reverse

from claims.models import Claim
from tests import factories

pytestmark = pytest.mark.django_db


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_an_account_without_a_role_cannot_read_claims_through_the_digest_preview():
    client = logged_in(factories.UserFactory(username="no-role"))
    assert client.get(reverse("claims:claim-list")).status_code == 403
    assert client.get(reverse("digests:preview")).status_code == 403
    assert client.get(reverse("digests:preview-html")).status_code == 403


def test_a_week_beyond_the_calendar_is_a_clear_error_not_a_crash():
    client = logged_in(factories.editor())
    response = client.get(reverse("digests:preview"), {"week": "9999-W52"})
    assert response.status_code == 400
    assert b"too far in the future" in response.content


@pytest.mark.parametrize(
    "url",
    ["/claims/new/?event=%C2%B2", "/claims/new/?document=%C2%B2", "/relations/new/?from=%C2%B2"],
)
def test_a_unicode_digit_in_a_link_is_ignored_not_a_crash(url):
    assert logged_in(factories.editor()).get(url).status_code == 200


def test_a_forged_attribution_count_is_refused_without_building_thousands_of_forms():
    client = logged_in(factories.editor())
    response = client.post(
        reverse("claims:claim-create"),
        {
            "text": "",
            "kind": "other",
            "credibility": "6",
            "attributions-TOTAL_FORMS": "2000",
            "attributions-INITIAL_FORMS": "0",
            "attributions-MIN_NUM_FORMS": "1",
            "attributions-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 400
    assert response.content.count(b'name="attributions-') < 20 * 10
    assert not Claim.objects.exists()


def test_the_claim_page_costs_the_same_queries_for_one_or_three_sources(django_assert_max_num_queries):
    client = logged_in(factories.editor())
    # Warm the per-user permission cache (core/permission_cache.py) first, so
    # both measured requests start from the same state.
    client.get(reverse("claims:claim-list"))
    counts = []
    for sources in (1, 3):
        claim = factories.ClaimFactory()
        for _ in range(sources):
            outlet = factories.SourceFactory()
            document = factories.DocumentFactory(outlet=outlet)
            claim.attributions.create(source=factories.SourceFactory(), document=document)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("claims:claim-detail", args=[claim.pk])).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_an_html_upload_full_of_unclosed_tags_is_still_read():
    # Unclosed tags used to make the tag patterns quadratic (minutes for 2 MB);
    # they are plain text to a browser, and stay text here.
    from ingestion.uploads import html_to_text

    text = html_to_text("<p>Officials said 3 died.</p>" + "<script <p " * 5_000)
    assert text.startswith("Officials said 3 died.")
