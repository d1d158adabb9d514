"""A PreparedRead (core/prepared_reads.py) gives the rows select_related()
and only() give, in one query, from SQL compiled once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.models import Attribution, AuditEntry
from claims.page_selectors import PAGE_ATTRIBUTIONS, PAGE_HISTORY
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_rows_match_select_related_with_an_empty_outer_join_as_none():
    claim = factories.ClaimFactory()
    outlet = factories.SourceFactory(name="The Outlet")
    in_document = factories.AttributionFactory(
        claim=claim, document=factories.DocumentFactory(outlet=outlet), excerpt="12 people"
    )
    on_its_own = factories.AttributionFactory(claim=claim, relayed_by=factories.SourceFactory())
    factories.AttributionFactory()  # Another claim's.

    rows = PAGE_ATTRIBUTIONS.rows(claim.pk)

    assert [row.pk for row in rows] == [in_document.pk, on_its_own.pk]
    first, second = rows
    assert first.excerpt == "12 people"
    assert first.source.name == in_document.source.name
    assert first.document.outlet.name == "The Outlet"
    assert first.relayed_by is None
    assert second.document is None
    assert second.relayed_by.name == on_its_own.relayed_by.name
    # Columns the page does not read are left in the database, as only() leaves them.
    assert "aliases" in first.source.get_deferred_fields()
    assert isinstance(first, Attribution)


def test_each_read_is_one_query_and_the_next_claim_gets_its_own_rows():
    claims = [factories.ClaimFactory(), factories.ClaimFactory()]
    for claim in claims:
        factories.AttributionFactory(claim=claim)
    PAGE_ATTRIBUTIONS.rows(claims[0].pk)  # compiled here
    with CaptureQueriesContext(connection) as queries:
        rows = PAGE_ATTRIBUTIONS.rows(claims[1].pk)
    assert len(queries) == 1
    assert [row.claim_id for row in rows] == [claims[1].pk]


def test_converted_columns_come_back_as_the_orm_gives_them():
    claim = factories.ClaimFactory()
    user = factories.editor()
    entry = AuditEntry.objects.create(claim=claim, actor=user, action="edited", changes={"text": ["a", "b"]})

    (row,) = [row for row in PAGE_HISTORY.rows(claim.pk) if row.pk == entry.pk]

    assert row.changes == {"text": ["a", "b"]}
    assert row.created_at == AuditEntry.objects.get(pk=entry.pk).created_at
    assert row.actor.get_username() == user.get_username()


def test_a_read_of_many_ids_is_compiled_per_length_and_carries_its_extra_values():
    from core.prepared_reads import Join, PreparedRead

    credits = PreparedRead(
        model=Attribution,
        columns=("claim", "excerpt"),
        joins=(Join("relayed_by", ("name",)),),
        queryset=lambda claim_ids: Attribution.objects.filter(claim_id__in=claim_ids).order_by("id"),
        extra={"source_name": "source__name"},
    )
    claims = [factories.ClaimFactory() for _ in range(3)]
    made = [
        factories.AttributionFactory(claim=claim, excerpt=f"said {index}")
        for index, claim in enumerate(claims)
    ]
    factories.AttributionFactory(claim=claims[2], relayed_by=factories.SourceFactory(name="Relay"))

    two = credits.rows([claims[0].pk, claims[1].pk])
    assert [(row.pk, row.excerpt, row.source_name) for row in two] == [
        (made[0].pk, "said 0", made[0].source.name),
        (made[1].pk, "said 1", made[1].source.name),
    ]
    assert two[0].relayed_by is None
    with CaptureQueriesContext(connection) as queries:
        other_two = credits.rows([claims[2].pk, claims[0].pk])  # same length: compiled already
        one = credits.rows([claims[2].pk])
    assert len(queries) == 2
    assert sorted(row.claim_id for row in other_two) == [claims[0].pk, claims[2].pk, claims[2].pk]
    assert [row.relayed_by.name if row.relayed_by else None for row in one] == [None, "Relay"]
    assert credits.rows([]) == []
