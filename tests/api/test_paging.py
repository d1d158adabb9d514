"""Paging API lists: page numbers read the page's ids first; keyset cursors
for sync lose and repeat no row while rows are added between pages."""

import datetime as dt

import pytest
import time_machine

from claims.models import Claim
from tests import factories
from tests.api.conftest import error_of

pytestmark = pytest.mark.django_db


def ids_through_cursor(api, url, *, between_pages=None, **params) -> list[int]:
    seen, page = [], 0
    response = api.get(url, {"cursor": "start", **params})
    while True:
        assert response.status_code == 200, response.content[:300]
        body = response.json()
        assert "count" not in body
        seen += [row["id"] for row in body["results"]]
        if not body["next"]:
            return seen
        page += 1
        if between_pages:
            between_pages(page)
        response = api.get(body["next"])


def test_cursor_paging_loses_and_repeats_no_row_while_claims_are_added_between_pages(viewer_api):
    # Given 25 claims written in the same instant (the id breaks the tie)
    with time_machine.travel(dt.datetime(2026, 11, 1, 9, tzinfo=dt.UTC), tick=False):
        for _ in range(25):
            factories.ClaimFactory()
    added = []

    def add_claims(page):
        added.extend(factories.ClaimFactory().pk for _ in range(3))

    # When a sync pages through 7 at a time while 3 claims arrive before each next page
    seen = ids_through_cursor(viewer_api, "/api/v1/claims/", between_pages=add_claims, page_size=7)
    # Then every claim, old and new, came exactly once, in the order they changed
    assert len(seen) == len(set(seen))
    assert sorted(seen) == sorted(Claim.objects.values_list("pk", flat=True))
    assert set(added) <= set(seen)


def test_the_resume_link_picks_up_only_what_changed_after_the_last_sync(viewer_api):
    with time_machine.travel(dt.datetime(2026, 11, 1, 9, tzinfo=dt.UTC), tick=False):
        first = [factories.EventFactory().pk for _ in range(3)]
    body = viewer_api.get("/api/v1/events/", {"cursor": "start"}).json()
    assert [row["id"] for row in body["results"]] == first
    assert body["next"] is None
    # Later: one new event and one edited
    with time_machine.travel(dt.datetime(2026, 11, 2, 9, tzinfo=dt.UTC), tick=False):
        new = factories.EventFactory().pk
        edited = factories.EventFactory._meta.model.objects.get(pk=first[0])
        edited.title = "Renamed"
        edited.save()
    again = viewer_api.get(body["resume"]).json()
    # (both changed in the same instant: the id breaks the tie)
    assert [row["id"] for row in again["results"]] == [first[0], new]


def test_cursor_paging_combines_with_updated_since_and_filters(viewer_api):
    with time_machine.travel(dt.datetime(2026, 1, 1, tzinfo=dt.UTC), tick=False):
        factories.ClaimFactory(status="disputed")
    later = [factories.ClaimFactory(status="disputed").pk for _ in range(4)]
    factories.ClaimFactory(status="verified")
    seen = ids_through_cursor(
        viewer_api, "/api/v1/claims/", page_size=3, status="disputed", updated_since="2026-06-01T00:00:00Z"
    )
    assert seen == later


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"cursor": "not-a-cursor"}, "cursor"),
        ({"cursor": "bm90fGE"}, "cursor"),
        ({"cursor": "start", "ordering": "-created_at"}, "ordering"),
        ({"cursor": "start", "page": "2"}, "page"),
    ],
)
def test_a_bad_cursor_request_is_a_400_naming_the_parameter(viewer_api, params, field):
    response = viewer_api.get("/api/v1/claims/", params)
    assert response.status_code == 400
    assert field in error_of(response)["fields"]


def test_a_deep_page_reads_the_ids_first_and_annotates_only_its_own_rows(
    viewer_api, django_assert_max_num_queries
):
    claims = [factories.ClaimFactory() for _ in range(9)]
    flagged = claims[1]
    factories.ConflictFlagFactory(claim_a=claims[0], claim_b=flagged)
    with django_assert_max_num_queries(12) as queries:
        body = viewer_api.get("/api/v1/claims/", {"page": 3, "page_size": 3, "ordering": "id"}).json()
    # (read now: the next request clears the connection's query log)
    skipping = [q["sql"] for q in queries.captured_queries if "OFFSET" in q["sql"].upper()]
    # The page is the right one, with its rows' annotations
    assert [row["id"] for row in body["results"]] == [c.pk for c in claims[6:9]]
    assert body["count"] == 9
    page_1 = viewer_api.get("/api/v1/claims/", {"page": 1, "page_size": 3, "ordering": "id"}).json()
    assert [row["open_flag_count"] for row in page_1["results"]] == [1, 1, 0]
    # The query that skips rows reads only ids: no flag subquery over skipped rows
    assert len(skipping) == 1
    assert "conflictflag" not in skipping[0].lower()
    assert skipping[0].upper().startswith('SELECT "CLAIMS_CLAIM"."ID"')


def test_a_deep_page_sorted_by_an_annotation_is_still_in_order(viewer_api):
    claims = [factories.ClaimFactory() for _ in range(6)]
    for other in claims[1:4]:
        factories.ConflictFlagFactory(claim_a=claims[0], claim_b=other)
    everything = viewer_api.get("/api/v1/claims/", {"ordering": "-open_flag_count,id", "page_size": 6}).json()
    second = viewer_api.get("/api/v1/claims/", {"ordering": "-open_flag_count,id", "page_size": 2, "page": 2})
    assert second.json()["results"] == everything["results"][2:4]


def test_the_web_claim_list_shows_the_same_deep_page(editor_user):
    from django.test import Client

    claims = [factories.ClaimFactory() for _ in range(30)]
    client = Client()
    client.force_login(editor_user)
    response = client.get("/claims/", {"page": 2})
    assert [c.pk for c in response.context["claims"]] == [c.pk for c in reversed(claims[:5])]


def test_an_unfiltered_list_over_the_threshold_counts_by_the_planners_estimate(viewer_api, monkeypatch):
    from django.db import connection

    from core import pagination

    monkeypatch.setattr(pagination, "ESTIMATE_COUNT_ABOVE", 5)
    claims = [factories.ClaimFactory(status="disputed" if n < 4 else "verified") for n in range(12)]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE claims_claim")
    Claim.objects.filter(pk__in=[c.pk for c in claims[-3:]]).delete()
    unfiltered = viewer_api.get("/api/v1/claims/", {"page_size": 2}).json()
    filtered = viewer_api.get("/api/v1/claims/", {"page_size": 2, "status": "disputed"}).json()
    # Filtered lists are always counted exactly
    assert filtered["count"] == 4
    if connection.vendor == "postgresql":
        # The estimate from the last ANALYZE, before 3 claims were deleted
        assert unfiltered["count"] == 12
    else:
        # No planner estimate on SQLite: an exact count
        assert unfiltered["count"] == 9
    # Below the threshold the count is exact everywhere
    monkeypatch.setattr(pagination, "ESTIMATE_COUNT_ABOVE", 100)
    assert viewer_api.get("/api/v1/claims/").json()["count"] == 9
