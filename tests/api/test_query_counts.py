"""Every list answers a full page in a fixed number of queries, however
many attributions, relations and flags its rows carry."""

import pytest

from claims.models import AuditEntry
from tests import factories

PAGE = 50

LISTS = [
    "/api/v1/sources/",
    "/api/v1/documents/",
    "/api/v1/events/",
    "/api/v1/claims/",
    "/api/v1/attributions/",
    "/api/v1/relations/",
    "/api/v1/flags/",
    "/api/v1/tokens/",
    "/api/v1/claims/{claim}/history/",
    "/api/v1/flags/{flag}/history/",
]


@pytest.fixture
def busy_newsroom(db, editor_user):
    outlet = factories.SourceFactory(kind="wire_agency")
    sources = [factories.SourceFactory() for _ in range(5)]
    documents = [factories.DocumentFactory(outlet=outlet) for _ in range(5)]
    events = [factories.EventFactory() for _ in range(3)]
    claims = []
    for i in range(PAGE + 5):
        claim = factories.FigureClaimFactory(event=events[i % 3], value_low=i + 1)
        claims.append(claim)
        factories.AttributionFactory(claim=claim, source=sources[i % 5], document=documents[i % 5])
        factories.AttributionFactory(claim=claim, source=sources[(i + 1) % 5], relayed_by=outlet)
        AuditEntry.objects.create(claim=claim, action="created", actor=editor_user)
    for i in range(PAGE + 5):
        a, b = claims[i], claims[(i + 1) % len(claims)]
        low, high = sorted([a, b], key=lambda c: c.pk)
        factories.ClaimRelationFactory(from_claim=low, to_claim=high, relation_type="contradicts")
        flag = factories.ConflictFlagFactory(claim_a=low, claim_b=high, assignee=editor_user)
        AuditEntry.objects.create(flag=flag, action="status", actor=editor_user, to_value="acknowledged")
    for _ in range(PAGE + 5):
        AuditEntry.objects.create(claim=claims[0], action="note", actor=editor_user)
        AuditEntry.objects.create(flag=flag, action="note", actor=editor_user)
    for _ in range(PAGE + 5):
        factories.SourceFactory()
        factories.DocumentFactory()
        factories.EventFactory()
    from accounts.services import api_token_create

    for i in range(PAGE + 5):
        api_token_create(user=editor_user, name=f"token {i}")
    return {"claim": claims[0].pk, "flag": flag.pk}


@pytest.mark.parametrize("url", LISTS)
def test_a_full_page_takes_a_fixed_number_of_queries(
    url, busy_newsroom, editor_user, django_assert_max_num_queries
):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(editor_user)
    path = url.format(**busy_newsroom) + f"?page_size={PAGE}"
    # Counted: the permission look-ups (2), the count, the page, and one
    # query per prefetched relation (at most 3, for claims).
    with django_assert_max_num_queries(8):
        response = client.get(path)
    assert response.status_code == 200
    assert len(response.json()["results"]) == PAGE


@pytest.mark.parametrize("url", LISTS)
@pytest.mark.parametrize("paging", ["page=2", "cursor=start"])
def test_a_deep_page_or_a_cursor_page_takes_a_fixed_number_of_queries(
    url, paging, busy_newsroom, editor_user, django_assert_max_num_queries
):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(editor_user)
    path = url.format(**busy_newsroom) + f"?page_size=5&{paging}"
    # As above, plus the page's ids read first on a deep page; a cursor page
    # has no count.
    with django_assert_max_num_queries(9):
        response = client.get(path)
    assert response.status_code == 200, response.content[:300]
    assert len(response.json()["results"]) == 5


@pytest.mark.parametrize(("paging", "most"), [("", 6), ("&page=2", 7), ("&cursor=start", 5)])
def test_the_claim_list_reads_attributions_and_relations_once_a_page(
    paging, most, busy_newsroom, editor_user, django_assert_max_num_queries
):
    """The permission look-ups (2), the count (not for a cursor), the page's
    ids (deep pages), the claims, their attributions with sources and
    documents (one query), their relations both ways (one query)."""
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(editor_user)
    with django_assert_max_num_queries(most):
        response = client.get(f"/api/v1/claims/?page_size={PAGE}{paging}")
    assert response.status_code == 200
    rows = response.json()["results"]
    assert sum(len(row["attributions"]) for row in rows) == 2 * len(rows)
    assert all(row["relations"] for row in rows)


def test_a_claim_detail_reads_attributions_and_relations_once(
    busy_newsroom, editor_user, django_assert_max_num_queries
):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(editor_user)
    with django_assert_max_num_queries(5):
        response = client.get(f"/api/v1/claims/{busy_newsroom['claim']}/")
    assert response.status_code == 200
    assert len(response.json()["attributions"]) == 2


def test_the_flag_list_reads_only_what_it_shows_of_claims_and_people(
    busy_newsroom, editor_user, django_assert_max_num_queries
):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(editor_user)
    with django_assert_max_num_queries(8) as listed:
        assert client.get(f"/api/v1/flags/?page_size={PAGE}").status_code == 200
    sql = " ".join(query["sql"] for query in listed.captured_queries if "claims_conflictflag" in query["sql"])
    assert '"claims_claim"."text"' in sql
    assert "search_vector" not in sql
    assert '"auth_user"."password"' not in sql


def test_a_deep_claim_page_reads_its_ids_without_joins(
    busy_newsroom, editor_user, django_assert_max_num_queries
):
    """The ids query of a deep page (core/pagination.py) reads the claims'
    index alone: the author's username is a subquery, not a join."""
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(editor_user)
    with django_assert_max_num_queries(7) as listed:
        assert client.get("/api/v1/claims/?page_size=5&page=3").status_code == 200
    ids_query = next(query["sql"] for query in listed.captured_queries if "OFFSET" in query["sql"])
    assert "JOIN" not in ids_query
