"""The API's claims are rendered as plain dicts (claims/api/fast.py); the JSON
must be byte for byte what DRF's field-by-field rendering gives."""

import datetime as dt
import json

import pytest
from django.db import connection
from django.utils import timezone
from rest_framework import serializers
from rest_framework.renderers import JSONRenderer

from claims import selectors
from claims.api.serializers import ClaimOutputSerializer, FlagOutputSerializer
from claims.models import ConflictFlag
from tests import factories

pytestmark = pytest.mark.django_db


def drf_rendering(claim) -> dict:
    """What ModelSerializer itself renders, field by field."""
    return serializers.ModelSerializer.to_representation(ClaimOutputSerializer(), claim)


@pytest.fixture
def varied_claims(editor_user):
    outlet = factories.SourceFactory(kind="wire_agency", name='Wire "One"')
    document = factories.DocumentFactory(
        url="https://wire.example/1",
        published_at=dt.datetime(2015, 10, 17, 9, 30, 0, 123456, tzinfo=dt.UTC),
        outlet=outlet,
    )
    undated = factories.DocumentFactory(url="", published_at=None)
    figure = factories.FigureClaimFactory(
        value_low=20,
        value_high=30,
        qualifier="range",
        occurred_on=dt.date(2015, 10, 16),
        created_by=editor_user,
    )
    factories.AttributionFactory(
        claim=figure,
        document=document,
        relayed_by=outlet,
        excerpt="Zwanzig – ٢٠",
        excerpt_start=0,
        excerpt_end=12,
    )
    factories.AttributionFactory(claim=figure, document=undated)
    bare = factories.ClaimFactory(text="Nothing attached, no event")
    other = factories.FigureClaimFactory(value_low=200, qualifier="at_least")
    factories.AttributionFactory(claim=other)
    factories.ClaimRelationFactory(from_claim=figure, to_claim=other, relation_type="contradicts")
    factories.ClaimRelationFactory(from_claim=bare, to_claim=figure, relation_type="qualifies")
    factories.ConflictFlagFactory(claim_a=figure, claim_b=other)
    return [figure, bare, other]


@pytest.mark.parametrize("zone", ["UTC", "Europe/London", "Asia/Kolkata"])
def test_the_fast_rendering_equals_drf_for_every_claim(varied_claims, settings, zone):
    settings.TIME_ZONE = zone
    claims = list(selectors.claim_list_for_api())
    fast = ClaimOutputSerializer(claims, many=True).data
    slow = [drf_rendering(claim) for claim in claims]
    assert JSONRenderer().render(fast) == JSONRenderer().render(slow)
    assert [list(row) for row in fast] == [list(row) for row in slow]


def test_the_api_list_and_detail_serve_the_drf_json(varied_claims, viewer_api):
    listed = viewer_api.get("/api/v1/claims/", {"ordering": "id"})
    expected = [drf_rendering(claim) for claim in selectors.claim_list_for_api().order_by("id")]
    assert listed.content == JSONRenderer().render(
        {"count": 3, "next": None, "previous": None, "results": expected}
    )
    figure = varied_claims[0]
    detail = viewer_api.get(f"/api/v1/claims/{figure.pk}/")
    assert detail.content == JSONRenderer().render(
        drf_rendering(selectors.claim_list_for_api().get(pk=figure.pk))
    )


def test_a_field_the_fast_path_does_not_know_is_still_rendered(varied_claims, monkeypatch):
    """A field added to the serializer later is rendered by its DRF field."""
    from claims.api import fast

    monkeypatch.setattr(fast, "source_builders", lambda: {})
    monkeypatch.setattr(fast, "_PLANS", {})
    claims = list(selectors.claim_list_for_api())
    rendered = ClaimOutputSerializer(claims, many=True)
    assert rendered.data == [drf_rendering(claim) for claim in claims]
    # Such a plan holds fields bound to one serializer (and its context): never shared
    assert rendered.child.__dict__["_fast_plan"].uses_drf_fields
    assert fast._PLANS == {}


def test_the_plan_is_built_once_per_process(varied_claims, monkeypatch):
    from claims.api import fast

    monkeypatch.setattr(fast, "_PLANS", {})
    claims = list(selectors.claim_list_for_api())
    first = ClaimOutputSerializer(claims, many=True)
    assert len(first.data) == len(claims)
    second = ClaimOutputSerializer(claims[0])
    assert second.data == drf_rendering(claims[0])
    assert (
        second.__dict__["_fast_plan"]
        is first.child.__dict__["_fast_plan"]
        is fast._PLANS[ClaimOutputSerializer]
    )


def test_the_claim_list_and_the_export_do_not_read_document_bodies(
    varied_claims, viewer_api, django_assert_max_num_queries
):
    with django_assert_max_num_queries(20) as listed:
        assert viewer_api.get("/api/v1/claims/").status_code == 200
    sql = " ".join(query["sql"] for query in listed.captured_queries)
    assert '"sources_document"."title"' in sql
    assert '"sources_document"."body"' not in sql
    with django_assert_max_num_queries(20) as exported:
        response = viewer_api.get("/api/v1/exports/claims.json")
        assert b"".join(response.streaming_content)
    sql = " ".join(query["sql"] for query in exported.captured_queries)
    assert '"sources_document"."title"' in sql
    assert '"sources_document"."body"' not in sql


def test_a_detail_view_with_a_query_string_still_applies_the_list_filters(varied_claims, viewer_api):
    figure = varied_claims[0]
    assert viewer_api.get(f"/api/v1/claims/{figure.pk}/").status_code == 200
    # The shortcut (no filter set built for a bare detail request) changes nothing
    # when a query string is given: the filters apply as they always did.
    assert viewer_api.get(f"/api/v1/claims/{figure.pk}/", {"status": "verified"}).status_code == 404
    assert viewer_api.get(f"/api/v1/claims/{figure.pk}/", {"status": figure.status}).status_code == 200


def test_a_serializer_built_in_a_time_zone_renders_in_it(varied_claims):
    """The fast path reads the current time zone once per serializer, when it
    first renders, and the output serializers' datetime fields once when they
    are built (core.api.OutputSerializer): the zone active then is the one used."""
    claims = list(selectors.claim_list_for_api().order_by("id"))
    with timezone.override("Asia/Kolkata"):
        fast = ClaimOutputSerializer(claims, many=True).data
        slow = [drf_rendering(claim) for claim in claims]
    assert JSONRenderer().render(fast) == JSONRenderer().render(slow)
    assert fast[0]["created_at"].endswith("+05:30")
    with timezone.override("UTC"):
        assert ClaimOutputSerializer(claims[0]).data["created_at"].endswith("Z")


def drf_flag_rendering(flag, *, pinned: bool = True) -> dict:
    """What ModelSerializer itself renders for a flag; unpinned, each datetime
    field reads the current time zone for every value, as DRF does alone."""
    serializer = FlagOutputSerializer()
    if not pinned:
        for field in serializer.fields.values():
            if isinstance(field, serializers.DateTimeField):
                del field.timezone
    return serializers.ModelSerializer.to_representation(serializer, flag)


@pytest.mark.parametrize("zone", ["UTC", "Europe/London", "Asia/Kolkata"])
def test_flags_render_as_drf_renders_them(editor_user, settings, zone):
    settings.TIME_ZONE = zone
    resolved = factories.ConflictFlagFactory(assignee=editor_user)
    ConflictFlag.objects.filter(pk=resolved.pk).update(
        status="resolved",
        resolution_note="Settled – ٢٠",
        resolved_at=dt.datetime(2015, 10, 17, 23, 30, 0, 5, tzinfo=dt.UTC),
        resolved_by=editor_user,
    )
    factories.ConflictFlagFactory(claim_b=None, rule="an_old_rule", explanation='Said "twice"')
    flags = list(selectors.flag_list().order_by("id"))
    fast = FlagOutputSerializer(flags, many=True).data
    assert fast[0]["resolved_at"] is not None and fast[1]["claim_b"] is None
    for pinned in (True, False):
        slow = [drf_flag_rendering(flag, pinned=pinned) for flag in flags]
        assert JSONRenderer().render(fast) == JSONRenderer().render(slow)
        assert [list(row) for row in fast] == [list(row) for row in slow]
    # The output serializers' datetime fields carry the zone they were built in.
    datetime_fields = [
        field
        for field in FlagOutputSerializer().fields.values()
        if isinstance(field, serializers.DateTimeField)
    ]
    assert len(datetime_fields) == 3
    assert all(field.timezone == timezone.get_current_timezone() for field in datetime_fields)


def test_the_flag_list_and_detail_serve_the_drf_json(editor_user, viewer_api):
    flag = factories.ConflictFlagFactory(assignee=editor_user)
    listed = viewer_api.get("/api/v1/flags/")
    assert listed.json()["results"] == [json.loads(JSONRenderer().render(drf_flag_rendering(flag)))]
    assert viewer_api.get(f"/api/v1/flags/{flag.pk}/").content == JSONRenderer().render(
        drf_flag_rendering(flag)
    )


def test_the_api_list_reads_only_the_shown_columns_of_sources_and_documents(
    varied_claims, viewer_api, django_assert_max_num_queries
):
    with django_assert_max_num_queries(20) as listed:
        response = viewer_api.get("/api/v1/claims/", {"ordering": "id"})
    assert response.status_code == 200
    sql = " ".join(query["sql"] for query in listed.captured_queries)
    for unshown in ('"sources_source"."notes"', '"sources_source"."aliases"', '"sources_document"."version"'):
        assert unshown not in sql
    # The rows are still complete: the same JSON as DRF's rendering of full rows.
    expected = [drf_rendering(claim) for claim in selectors.claims_with_open_flag_count().order_by("id")]
    assert response.json()["results"] == json.loads(JSONRenderer().render(expected))


def test_the_list_queryset_built_once_is_a_fresh_query_each_time(varied_claims):
    first = selectors.claim_list_for_api()
    assert len(first) == 3
    factories.ClaimFactory(text="Recorded after the first read")
    second = selectors.claim_list_for_api()
    assert second is not first and second._result_cache is None
    assert len(second) == 4
    assert selectors.claim_list_for_api().filter(pk=varied_claims[0].pk).get().open_flag_count == 1


def test_the_api_rows_read_by_compiled_sql_are_the_orm_rows(varied_claims):
    """claims/api_rows.py runs its two queries from SQL compiled once, with
    `= ANY(%s)`: the same rows as the ORM gives, for any number of claims."""
    from claims import api_rows

    ids = [claim.pk for claim in varied_claims]
    for build in (api_rows._attribution_query, api_rows._relation_query):
        for some in (ids, ids[:1], [*ids, 10**9]):
            assert [tuple(row) for row in api_rows._rows(build, some, "default")] == list(build(some))
    # Compiled once on PostgreSQL (= ANY of an array); SQLite reads through the ORM.
    assert bool(api_rows._COMPILED) == (connection.vendor == "postgresql")


def test_an_unfiltered_list_does_not_build_the_filter_set(varied_claims, viewer_api, monkeypatch):
    from claims.api.filters import ClaimFilter

    built = []
    monkeypatch.setattr(ClaimFilter, "__init__", lambda self, *a, **k: built.append(1) or None)
    assert viewer_api.get("/api/v1/claims/", {"page": 1, "ordering": "id"}).status_code == 200
    assert built == []


def test_a_claim_listed_twice_carries_its_rows_both_times(varied_claims):
    from claims.api_rows import attach_api_rows

    figure = varied_claims[0]
    twice = [
        selectors.claim_list_for_api().get(pk=figure.pk),
        selectors.claim_list_for_api().get(pk=figure.pk),
    ]
    attach_api_rows(twice)
    first, second = (ClaimOutputSerializer(claim).data for claim in twice)
    assert first == second == drf_rendering(twice[0])
    assert len(first["attributions"]) == 2
