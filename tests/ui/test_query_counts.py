"""Every list page costs the same number of queries whatever its number of rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories

# Queries per page: session and user, the role badge's groups, permission
# checks, the notification bell's unread count, the page's own queries
# (count, rows, prefetches) and filter dropdowns.
# The dashboard's corroboration suggestions: one query, five with candidates.
MAX_QUERIES = {
    "dashboard": 18,  # disputes, their pairs with their claims, the claims' sources; corroboration suggestions; when claims last changed (the side panels' cache version)
    "claims:claim-list": 11,
    "claims:event-list": 8,
    "sources:source-list": 8,
    "sources:document-list": 9,
}


def make_rows(count: int) -> None:
    """`count` conflicts, each between two sourced figure claims about an event,
    each claim quoted from its own document."""
    for index in range(count):
        event = factories.EventFactory()
        source_a = factories.PartySourceFactory()
        source_b = factories.SourceFactory()
        document = factories.DocumentFactory(outlet=source_b)
        claim_a = factories.FigureClaimFactory(event=event, value_low=200 + index)
        claim_b = factories.FigureClaimFactory(event=event, value_low=20)
        factories.AttributionFactory(claim=claim_a, source=source_a, document=document)
        factories.AttributionFactory(claim=claim_b, source=source_b)
        factories.ConflictFlagFactory(claim_a=claim_a, claim_b=claim_b)


@pytest.mark.parametrize("row_count", [2, 20])
@pytest.mark.parametrize("page", sorted(MAX_QUERIES))
def test_a_list_page_costs_the_same_queries_for_few_or_many_rows(
    page, row_count, editor_client, django_assert_max_num_queries
):
    make_rows(row_count)
    with django_assert_max_num_queries(MAX_QUERIES[page]):
        response = editor_client.get(reverse(page))
    assert response.status_code == 200


@pytest.mark.parametrize("row_count", [2, 20])
def test_an_events_timeline_costs_the_same_queries_for_few_or_many_claims(
    row_count, editor_client, django_assert_max_num_queries
):
    event = factories.EventFactory()
    source = factories.SourceFactory()
    for _ in range(row_count):
        factories.AttributionFactory(claim=factories.FigureClaimFactory(event=event), source=source)
    # Session and user, the user's permissions (two, cold), the event, its
    # claims, their attributions (sources and documents in the same query),
    # the figure summary's subject synonyms (the claims are the timeline's),
    # the bell and the Follow button.
    with django_assert_max_num_queries(10):
        response = editor_client.get(event.get_absolute_url())
    assert len(response.context["timeline"]) == row_count


@pytest.mark.parametrize("row_count", [2, 20])
def test_a_sources_page_costs_the_same_queries_for_few_or_many_claims(
    row_count, editor_client, django_assert_max_num_queries
):
    source = factories.SourceFactory()
    for _ in range(row_count):
        factories.AttributionFactory(claim=factories.FigureClaimFactory(), source=source)
    # 9, plus the bell and the Follow button.
    with django_assert_max_num_queries(11):
        response = editor_client.get(source.get_absolute_url())
    assert response.context["claims"].paginator.count == row_count


@pytest.mark.parametrize("row_count", [2, 20])
def test_a_documents_page_costs_the_same_queries_for_few_or_many_excerpts(
    row_count, editor_client, django_assert_max_num_queries
):
    body = " ".join(f"Sentence {index} says {index} people died." for index in range(row_count))
    document = factories.DocumentFactory(body=body)
    for index in range(row_count):
        excerpt = f"{index} people died"
        start = body.index(f"says {excerpt}") + len("says ")
        factories.AttributionFactory(
            document=document, excerpt=excerpt, excerpt_start=start, excerpt_end=start + len(excerpt)
        )
    # 7 for the page, 2 for the extractor's proposals panel (its run, its
    # proposals), 2 for the attribution balance (the verb lexicon, the conflicts), 1 for the bell.
    with django_assert_max_num_queries(12):
        response = editor_client.get(document.get_absolute_url())
    assert response.content.decode().count('<mark class="excerpt"') == row_count


@pytest.mark.django_db
def test_the_claim_page_costs_the_same_queries_for_one_or_three_sources(client):
    client.force_login(factories.editor())
    # Warm the per-user permission cache (core/permission_cache.py) first, so
    # both measured requests start from the same state.
    client.get(reverse("claims:claim-list"))
    counts = []
    for sources in (1, 3):
        claim = factories.ClaimFactory()
        for _ in range(sources):
            document = factories.DocumentFactory(outlet=factories.SourceFactory())
            claim.attributions.create(source=factories.SourceFactory(), document=document)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("claims:claim-detail", args=[claim.pk])).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


@pytest.mark.parametrize("row_count", [2, 20])
def test_a_claim_page_costs_the_same_queries_for_few_or_many_relations_and_sources(
    row_count, editor_client, django_assert_max_num_queries
):
    event = factories.EventFactory()
    claim = factories.FigureClaimFactory(event=event)
    for _ in range(row_count):
        document = factories.DocumentFactory(outlet=factories.SourceFactory())
        factories.AttributionFactory(claim=claim, source=factories.SourceFactory(), document=document)
        other = factories.FigureClaimFactory(event=event, value_low=30)
        factories.AttributionFactory(claim=other, source=factories.PartySourceFactory())
        factories.ClaimRelationFactory(from_claim=claim, to_claim=other)
        factories.ConflictFlagFactory(claim_a=claim, claim_b=other)
    # Session and user, the user's permissions (two, cold); the claim, its
    # attributions (sources, documents, outlets), relations both ways (with
    # the other claims), history and flags; the corroborating claims' sources
    # (its origins); the figure summary's synonyms and the event's figure
    # claims with their attributions; the bell.
    with django_assert_max_num_queries(13):
        response = editor_client.get(claim.get_absolute_url())
    assert len(response.context["relations"]) == row_count
