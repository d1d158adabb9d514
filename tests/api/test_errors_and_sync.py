import datetime as dt

import pytest
import time_machine
from django.test import override_settings

from tests import factories
from tests.api.conftest import error_of

LISTS = [
    "/api/v1/sources/",
    "/api/v1/documents/",
    "/api/v1/events/",
    "/api/v1/claims/",
    "/api/v1/attributions/",
    "/api/v1/relations/",
    "/api/v1/flags/",
    "/api/v1/exports/claims.json",
]


@pytest.mark.parametrize("url", LISTS)
def test_a_bad_updated_since_is_a_400_naming_the_parameter(url, viewer_api):
    response = viewer_api.get(url, {"updated_since": "last tuesday"})
    assert response.status_code == 400
    assert "updated_since" in error_of(response)["fields"]


def test_updated_since_returns_only_what_changed(viewer_api, editor_api):
    with time_machine.travel(dt.datetime(2026, 1, 1, 9, tzinfo=dt.UTC), tick=False):
        old = factories.ClaimFactory()
        untouched = factories.ClaimFactory()
    with time_machine.travel(dt.datetime(2026, 1, 2, 9, tzinfo=dt.UTC), tick=False):
        new = factories.ClaimFactory()
        # Crediting a source changes the claim too: a sync must pick it up.
        editor_api.post(
            "/api/v1/attributions/", {"claim": old.pk, "source": factories.SourceFactory().pk}, format="json"
        )
    response = viewer_api.get("/api/v1/claims/", {"updated_since": "2026-01-02T00:00:00Z"})
    ids = {c["id"] for c in response.json()["results"]}
    assert ids == {old.pk, new.pk}
    assert untouched.pk not in ids


def test_history_since_a_moment(viewer_api, editor_user):
    from claims.services import claim_set_status

    with time_machine.travel(dt.datetime(2026, 1, 1, 9, tzinfo=dt.UTC), tick=False):
        claim = factories.ClaimFactory()
        claim_set_status(claim_id=claim.pk, user=editor_user, status="disputed", reason="First.")
    with time_machine.travel(dt.datetime(2026, 1, 3, 9, tzinfo=dt.UTC), tick=False):
        claim_set_status(claim_id=claim.pk, user=editor_user, status="false", reason="Second.")
    response = viewer_api.get(
        f"/api/v1/claims/{claim.pk}/history/", {"updated_since": "2026-01-02T00:00:00Z"}
    )
    assert [h["reason"] for h in response.json()["results"]] == ["Second."]


def test_page_size_is_capped_at_200(viewer_api):
    for _ in range(3):
        factories.EventFactory()
    response = viewer_api.get("/api/v1/events/", {"page_size": 5000})
    assert response.status_code == 200
    assert response.json()["count"] == 3


def test_a_malformed_json_body_is_a_400_in_the_error_body(editor_api):
    response = editor_api.generic("POST", "/api/v1/sources/", "{not json", content_type="application/json")
    assert response.status_code == 400
    assert error_of(response)["code"] == "parse_error"


def test_a_nested_validation_error_points_at_the_attribution(fact_checker_api):
    response = fact_checker_api.post(
        "/api/v1/claims/", {"text": "x", "attributions": [{"source": 999999}]}, format="json"
    )
    # Only a missing record is wrong: 409 does_not_exist, still pointing at it.
    assert response.status_code == 409
    assert error_of(response)["code"] == "does_not_exist"
    assert "source" in error_of(response)["fields"]["attributions"]["0"]


def test_a_missing_record_with_another_mistake_is_a_400(fact_checker_api):
    response = fact_checker_api.post(
        "/api/v1/claims/",
        {"text": "x", "kind": "nonsense", "attributions": [{"source": 999999}]},
        format="json",
    )
    assert response.status_code == 400
    assert set(error_of(response)["fields"]) == {"kind", "attributions"}


def test_an_integrity_error_becomes_a_409_not_a_500(editor_api, monkeypatch):
    from django.db import IntegrityError

    from sources.api import views

    def clash(**kwargs):
        raise IntegrityError("duplicate key value violates unique constraint")

    monkeypatch.setattr(views.services, "source_create", clash)
    response = editor_api.post("/api/v1/sources/", {"name": "X", "kind": "witness"}, format="json")
    assert response.status_code == 409
    assert error_of(response)["code"] == "integrity_error"


def test_a_method_not_allowed_uses_the_error_body(viewer_api):
    response = viewer_api.put("/api/v1/flags/", {}, format="json")
    assert response.status_code == 405
    assert error_of(response)["code"] == "method_not_allowed"


def test_too_many_requests_are_throttled_with_429(viewer_api, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"user": "3/minute", "anon": "1/minute"},
    }
    statuses = [viewer_api.get("/api/v1/events/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = viewer_api.get("/api/v1/events/")
    assert error_of(response)["code"] == "throttled"
    assert int(response["Retry-After"]) > 0


def test_anonymous_clients_are_throttled_by_the_anon_rate(anonymous_api, settings, db):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"user": "100/minute", "anon": "1/minute"},
    }
    assert anonymous_api.get("/api/schema/").status_code == 200
    assert anonymous_api.get("/api/schema/").status_code == 429


@override_settings(SITE_URL="https://claims.example")
def test_claimreview_maps_the_status_to_a_rating(viewer_api, editor_user):
    from claims.claimreview import STATUS_RATINGS
    from claims.services import claim_set_status

    outlet = factories.SourceFactory(name="Wire", kind="wire_agency")
    document = factories.DocumentFactory(
        title="Strikes reported",
        url="https://wire.example/1",
        outlet=outlet,
        published_at=dt.datetime(2015, 10, 17, 9, tzinfo=dt.UTC),
    )
    claim = factories.ClaimFactory(text="Strikes killed 200 militants.")
    factories.AttributionFactory(
        claim=claim,
        source=factories.SourceFactory(name="Defence ministry", kind="government"),
        document=document,
    )
    claim_set_status(claim_id=claim.pk, user=editor_user, status="disputed", reason="Monitors disagree.")
    body = viewer_api.get(f"/api/v1/claims/{claim.pk}/claimreview/").json()
    assert body["@type"] == "ClaimReview"
    assert body["claimReviewed"] == "Strikes killed 200 militants."
    assert body["url"].startswith("https://claims.example/")
    assert body["itemReviewed"]["author"] == {"@type": "Organization", "name": "Defence ministry"}
    assert body["itemReviewed"]["appearance"][0]["publisher"]["name"] == "Wire"
    assert body["itemReviewed"]["datePublished"] == "2015-10-17"
    assert body["reviewRating"]["ratingValue"] == STATUS_RATINGS["disputed"][0] == 2
    assert body["reviewRating"]["alternateName"] == "Disputed"
    assert set(STATUS_RATINGS) == {"unverified", "corroborated", "disputed", "verified", "false", "retracted"}


@pytest.mark.parametrize("moment", ["0001-01-01T00:00:00+23:00", "2026-01-01T00:00:00+20:00"])
def test_an_offset_postgres_cannot_store_is_handled(viewer_api, moment):
    factories.ClaimFactory()
    response = viewer_api.get("/api/v1/claims/", {"updated_since": moment})
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert "updated_since" in error_of(response)["fields"]


@pytest.mark.parametrize("value", ["NaN", "1.5", "Infinity"])
def test_a_claim_id_filter_takes_whole_numbers_only(viewer_api, value):
    response = viewer_api.get("/api/v1/flags/", {"claim": value})
    assert response.status_code == 400
    assert "claim" in error_of(response)["fields"]


def test_an_unknown_api_address_answers_the_json_404(editor_api):
    for method in ("get", "post", "delete"):
        response = getattr(editor_api, method)("/api/v1/claims/not-a-number/")
        assert response.status_code == 404
        assert error_of(response)["code"] == "not_found"


def test_a_value_the_database_cannot_store_is_a_400(editor_api, monkeypatch):
    from django.db import DataError

    from sources.api import views

    def too_big(**kwargs):
        raise DataError("value too long for type character varying(200)")

    monkeypatch.setattr(views.services, "source_create", too_big)
    response = editor_api.post("/api/v1/sources/", {"name": "X", "kind": "witness"}, format="json")
    assert response.status_code == 400
    assert error_of(response)["code"] == "invalid"
