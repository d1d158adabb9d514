"""/api/v1/disputes/: one entry per disputed question, and deciding it."""

import pytest

from claims.models import ConflictFlag
from detection.models import Dispute
from tests import factories
from tests.detection.conftest import check, make_figure

pytestmark = pytest.mark.django_db


@pytest.fixture
def toll(db):
    event = factories.EventFactory(title="Strike on the market")
    claims = []
    for value in (200, 20, 80, 150):
        claim = make_figure(
            event=event, value=value, sources=[factories.SourceFactory(name=f"Outlet {value}")]
        )
        check(claim)
        claims.append(claim)
    return Dispute.objects.get()


def test_the_list_shows_one_entry_with_every_figure_and_source(viewer_api, toll):
    response = viewer_api.get("/api/v1/disputes/")
    assert response.status_code == 200
    (entry,) = response.json()["results"]
    assert entry["topic"] == "figure"
    assert entry["status"] == "open"
    assert entry["subject"] == "militants killed"
    assert [claim["figure"] for claim in entry["claims"]] == [
        "200 militants killed",
        "150 militants killed",
        "80 militants killed",
        "20 militants killed",
    ]
    assert entry["claims"][0]["sources"] == ["Outlet 200"]
    # Six pairs; 150 against 200 is a small gap inside the dispute.
    assert entry["pair_count"] == 6
    minor = [pair for pair in entry["pairs"] if pair["minor"]]
    assert len(minor) == 1
    assert entry["severity"] == max(pair["severity"] for pair in entry["pairs"])


def test_pairwise_flags_stay_in_the_flags_list(viewer_api, toll):
    assert viewer_api.get("/api/v1/flags/").json()["count"] == 6


def test_resolving_over_the_api_closes_every_pair(fact_checker_api, toll):
    response = fact_checker_api.post(f"/api/v1/disputes/{toll.pk}/resolve/", {"note": "Hospital records."})
    assert response.status_code == 200
    assert response.json()["status"] == "resolved"
    assert response.json()["open_pairs"] == 0
    assert set(ConflictFlag.objects.values_list("resolution_note", flat=True)) == {"Hospital records."}


def test_resolving_without_a_note_is_a_field_error(fact_checker_api, toll):
    response = fact_checker_api.post(f"/api/v1/disputes/{toll.pk}/resolve/", {"note": ""})
    assert response.status_code == 400
    assert "note" in str(response.json())
    assert ConflictFlag.objects.filter(status="open").count() == 6


def test_resolving_a_closed_dispute_is_a_conflict(fact_checker_api, toll):
    fact_checker_api.post(f"/api/v1/disputes/{toll.pk}/dismiss/", {"reason": "Different days."})
    response = fact_checker_api.post(f"/api/v1/disputes/{toll.pk}/resolve/", {"note": "Again."})
    assert response.status_code == 409


def test_a_viewer_cannot_resolve(viewer_api, toll):
    assert viewer_api.post(f"/api/v1/disputes/{toll.pk}/resolve/", {"note": "No."}).status_code == 403


def test_the_status_filter(viewer_api, fact_checker_api, toll):
    assert viewer_api.get("/api/v1/disputes/?status=resolved").json()["count"] == 0
    fact_checker_api.post(f"/api/v1/disputes/{toll.pk}/resolve/", {"note": "Done."})
    assert viewer_api.get("/api/v1/disputes/?status=resolved").json()["count"] == 1
    assert viewer_api.get("/api/v1/disputes/?status=open").json()["count"] == 0


@pytest.mark.parametrize("event_count", [2, 12])
def test_the_list_takes_a_fixed_number_of_queries(viewer_api, event_count, django_assert_max_num_queries):
    for index in range(event_count):
        event = factories.EventFactory()
        for value in (500, 50, 5):
            check(make_figure(event=event, value=value + index, sources=[factories.SourceFactory()]))
    with django_assert_max_num_queries(9):
        response = viewer_api.get("/api/v1/disputes/")
    assert response.json()["count"] == event_count


def test_disputes_are_in_the_schema(viewer_api):
    schema = viewer_api.get("/api/schema/?format=json").json()
    assert "/api/v1/disputes/" in schema["paths"]
    assert "/api/v1/disputes/{id}/resolve/" in schema["paths"]


def test_the_responsible_party_is_written_and_read_over_the_api(fact_checker_api):
    event = factories.EventFactory()
    response = fact_checker_api.post(
        "/api/v1/claims/",
        {
            "text": "The market was shelled.",
            "kind": "occurrence",
            "event": event.pk,
            "responsible_party": "rebels",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["responsible_party"] == "rebels"
    claim_id = response.json()["id"]
    response = fact_checker_api.patch(
        f"/api/v1/claims/{claim_id}/", {"responsible_party": "government artillery"}, format="json"
    )
    assert response.json()["responsible_party"] == "government artillery"
    response = fact_checker_api.patch(
        f"/api/v1/claims/{claim_id}/", {"responsible_party": "x" * 201}, format="json"
    )
    assert response.status_code == 400
    assert "responsible_party" in str(response.json())


def test_a_denial_is_recorded_over_the_api_in_its_direction(fact_checker_api):
    event = factories.EventFactory()
    reported = factories.ClaimFactory(event=event, text="Forces retreated.")
    denial = factories.ClaimFactory(event=event, text="The army denied retreating.")
    response = fact_checker_api.post(
        "/api/v1/relations/",
        {"from_claim": denial.pk, "to_claim": reported.pk, "relation_type": "denies"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert (response.json()["from_claim"], response.json()["to_claim"]) == (denial.pk, reported.pk)


def test_a_tolls_place_and_day_show_and_an_api_edit_moves_its_pairs(
    fact_checker_api, viewer_api, django_capture_on_commit_callbacks
):
    from datetime import date

    event = factories.EventFactory(title="Northern offensive", place="")
    day = date(2026, 10, 5)
    town = [
        make_figure(event=event, value=value, place="Tal Rifaat", occurred_on=day,
                    sources=[factories.SourceFactory()])
        for value in (50, 5)
    ]  # fmt: skip
    aleppo = make_figure(
        event=event, value=200, place="Aleppo", occurred_on=day, sources=[factories.SourceFactory()]
    )
    other = make_figure(
        event=event, value=20, place="Aleppo", occurred_on=day, sources=[factories.SourceFactory()]
    )
    for claim in (*town, aleppo, other):
        check(claim)
    entries = viewer_api.get("/api/v1/disputes/").json()["results"]
    assert sorted((entry["place"], entry["occurred_on"]) for entry in entries) == [
        ("Aleppo", "2026-10-05"),
        ("Tal Rifaat", "2026-10-05"),
    ]
    assert {entry["title"] for entry in entries} == {
        "How many militants killed in Northern offensive — Aleppo, 5 Oct 2026",
        "How many militants killed in Northern offensive — Tal Rifaat, 5 Oct 2026",
    }
    # The desk finds both Aleppo figures were about Tal Rifaat.
    with django_capture_on_commit_callbacks(execute=True):
        for claim in (aleppo, other):
            response = fact_checker_api.patch(
                f"/api/v1/claims/{claim.pk}/", {"place": "Tal Rifaat"}, format="json"
            )
            assert response.status_code == 200
    (entry,) = viewer_api.get("/api/v1/disputes/").json()["results"]
    assert entry["place"] == "Tal Rifaat"
    assert {claim["id"] for claim in entry["claims"]} == {claim.pk for claim in (*town, aleppo, other)}
