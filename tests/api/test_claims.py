import pytest

from claims.models import AuditEntry, Claim, ClaimRelation, ConflictFlag
from tests import factories
from tests.api.conftest import error_of

BODY = "Officials said on Friday that 200 militants were killed in the strikes near the city."


@pytest.fixture
def source(db):
    return factories.PartySourceFactory(name="Defence ministry")


@pytest.fixture
def document(db):
    return factories.DocumentFactory(body=BODY)


def figure(**overrides) -> dict:
    data = {
        "text": "Strikes killed 200 militants.",
        "kind": "figure",
        "quantity_subject": "Militants killed",
        "value_low": 200,
    }
    return {**data, **overrides}


def test_a_fact_checker_records_a_claim_with_its_attribution(
    fact_checker_api, fact_checker_user, source, document
):
    response = fact_checker_api.post(
        "/api/v1/claims/",
        figure(
            attributions=[
                {"source": source.pk, "document": document.pk, "excerpt": "200 militants were killed"}
            ]
        ),
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["quantity_subject"] == "militants killed"
    assert (body["value_low"], body["value_high"], body["qualifier"]) == (200, 200, "exact")
    assert body["created_by"] == fact_checker_user.username
    [attribution] = body["attributions"]
    assert attribution["source"]["name"] == "Defence ministry"
    assert BODY[attribution["excerpt_start"] : attribution["excerpt_end"]] == "200 militants were killed"
    assert AuditEntry.objects.filter(claim_id=body["id"], action="created").exists()


def test_low_above_high_is_a_400_and_nothing_is_saved(fact_checker_api):
    response = fact_checker_api.post("/api/v1/claims/", figure(value_low=300, value_high=200), format="json")
    assert response.status_code == 400
    assert "value_high" in error_of(response)["fields"]
    assert not Claim.objects.exists()


def test_a_figure_that_only_says_the_number_is_a_400_on_its_subject(fact_checker_api):
    response = fact_checker_api.post("/api/v1/claims/", figure(quantity_subject="the number"), format="json")
    assert response.status_code == 400
    assert "does not say what is counted" in error_of(response)["fields"]["quantity_subject"][0]
    assert not Claim.objects.exists()


def test_a_negative_figure_is_a_400(fact_checker_api):
    response = fact_checker_api.post("/api/v1/claims/", figure(value_low=-5), format="json")
    assert response.status_code == 400
    assert "value_low" in error_of(response)["fields"]


def test_an_unknown_qualifier_is_a_400(fact_checker_api):
    response = fact_checker_api.post("/api/v1/claims/", figure(qualifier="roughly"), format="json")
    assert response.status_code == 400
    assert "qualifier" in error_of(response)["fields"]


def test_an_excerpt_outside_the_document_is_a_400_and_the_claim_is_not_saved(
    fact_checker_api, source, document
):
    response = fact_checker_api.post(
        "/api/v1/claims/",
        figure(
            attributions=[
                {
                    "source": source.pk,
                    "document": document.pk,
                    "excerpt_start": 10,
                    "excerpt_end": len(BODY) + 50,
                }
            ]
        ),
        format="json",
    )
    assert response.status_code == 400
    assert "attributions[0]" in error_of(response)["fields"]
    assert not Claim.objects.exists()


def test_an_excerpt_not_in_the_document_is_a_400(fact_checker_api, source, document):
    claim = factories.ClaimFactory()
    response = fact_checker_api.post(
        "/api/v1/attributions/",
        {"claim": claim.pk, "source": source.pk, "document": document.pk, "excerpt": "words never written"},
        format="json",
    )
    assert response.status_code == 400
    assert "excerpt" in error_of(response)["fields"]


def test_a_fact_checker_credits_an_existing_claim(fact_checker_api, source, document):
    claim = factories.ClaimFactory()
    response = fact_checker_api.post(
        "/api/v1/attributions/",
        {
            "claim": claim.pk,
            "source": source.pk,
            "document": document.pk,
            "excerpt_start": 0,
            "excerpt_end": 9,
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["excerpt"] == BODY[:9]


def test_the_same_source_twice_in_one_document_is_refused(fact_checker_api, source, document):
    claim = factories.ClaimFactory()
    payload = {"claim": claim.pk, "source": source.pk, "document": document.pk}
    assert fact_checker_api.post("/api/v1/attributions/", payload, format="json").status_code == 201
    response = fact_checker_api.post("/api/v1/attributions/", payload, format="json")
    assert response.status_code in (400, 409)
    assert claim.attributions.count() == 1


def test_a_fact_checker_edits_a_claim(fact_checker_api):
    claim = factories.FigureClaimFactory(value_low=20)
    response = fact_checker_api.patch(
        f"/api/v1/claims/{claim.pk}/",
        {"value_low": 15, "value_high": 25, "qualifier": "range"},
        format="json",
    )
    assert response.status_code == 200, response.json()
    claim.refresh_from_db()
    assert (claim.value_low, claim.value_high) == (15, 25)


def test_an_edit_that_breaks_a_figure_is_a_400(fact_checker_api):
    claim = factories.FigureClaimFactory(value_low=20)
    response = fact_checker_api.patch(f"/api/v1/claims/{claim.pk}/", {"value_high": 5}, format="json")
    assert response.status_code == 400
    claim.refresh_from_db()
    assert claim.value_high == 20


def test_an_editor_changes_the_status_and_the_history_says_why(editor_api, editor_user):
    claim = factories.ClaimFactory()
    response = editor_api.post(
        f"/api/v1/claims/{claim.pk}/status/",
        {"status": "disputed", "reason": "Monitors disagree."},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["status"] == "disputed"
    history = editor_api.get(f"/api/v1/claims/{claim.pk}/history/").json()["results"]
    assert history[-1]["from_value"] == "unverified"
    assert history[-1]["to_value"] == "disputed"
    assert history[-1]["actor"] == editor_user.username
    assert history[-1]["reason"] == "Monitors disagree."


def test_setting_the_same_status_again_is_a_409(editor_api):
    claim = factories.ClaimFactory(status="disputed")
    response = editor_api.post(
        f"/api/v1/claims/{claim.pk}/status/", {"status": "disputed", "reason": "Again."}, format="json"
    )
    assert response.status_code == 409


def test_an_unknown_status_is_a_400(editor_api):
    claim = factories.ClaimFactory()
    response = editor_api.post(
        f"/api/v1/claims/{claim.pk}/status/", {"status": "maybe", "reason": "x"}, format="json"
    )
    assert response.status_code == 400
    assert "status" in error_of(response)["fields"]


def test_an_editor_deletes_a_claim(editor_api):
    claim = factories.ClaimFactory()
    assert editor_api.delete(f"/api/v1/claims/{claim.pk}/").status_code == 204
    assert not Claim.objects.filter(pk=claim.pk).exists()


def test_a_claim_shows_its_relations_and_open_flags(viewer_api):
    a, b, c = factories.ClaimFactory(), factories.ClaimFactory(), factories.ClaimFactory()
    factories.ClaimRelationFactory(from_claim=a, to_claim=b, relation_type="contradicts")
    factories.ConflictFlagFactory(claim_a=a, claim_b=b)
    factories.ConflictFlagFactory(claim_a=a, claim_b=c, rule="other_rule", status="acknowledged")
    factories.ConflictFlagFactory(claim_a=a, claim_b=None, rule="single", status="dismissed")
    body = viewer_api.get(f"/api/v1/claims/{a.pk}/").json()
    assert body["open_flag_count"] == 2
    assert body["relations"] == [
        {
            "id": ClaimRelation.objects.get().pk,
            "relation_type": "contradicts",
            "direction": "outgoing",
            "other_claim": b.pk,
            "origin": "editor",
        }
    ]
    assert viewer_api.get(f"/api/v1/claims/{b.pk}/").json()["relations"][0]["direction"] == "incoming"


def test_claims_are_filtered_searched_and_ordered(viewer_api):
    ministry = factories.SourceFactory(name="Defence ministry")
    low = factories.FigureClaimFactory(value_low=10, text="Ten fighters killed.")
    high = factories.FigureClaimFactory(value_low=300, text="Three hundred fighters killed.")
    other = factories.ClaimFactory(text="The bridge was destroyed.", status="disputed")
    factories.AttributionFactory(claim=other, source=ministry)

    def ids(query):
        response = viewer_api.get(f"/api/v1/claims/?{query}")
        assert response.status_code == 200, response.json()
        return [c["id"] for c in response.json()["results"]]

    assert ids("kind=figure&ordering=value_low") == [low.pk, high.pk]
    assert ids("kind=figure&ordering=-value_low") == [high.pk, low.pk]
    assert ids("status=disputed") == [other.pk]
    assert ids("search=ministry") == [other.pk]
    assert ids("search=hundred") == [high.pk]
    assert ids(f"source={ministry.pk}") == [other.pk]


def test_claims_with_open_flags_are_filtered(viewer_api):
    flagged, quiet = factories.ClaimFactory(), factories.ClaimFactory()
    factories.ConflictFlagFactory(claim_a=flagged, claim_b=None, rule="single")
    response = viewer_api.get("/api/v1/claims/?has_open_flags=true")
    assert [c["id"] for c in response.json()["results"]] == [flagged.pk]
    response = viewer_api.get("/api/v1/claims/?has_open_flags=false")
    assert quiet.pk in [c["id"] for c in response.json()["results"]]
    assert flagged.pk not in [c["id"] for c in response.json()["results"]]


def test_a_fact_checker_relates_two_claims_once(fact_checker_api):
    a, b = factories.ClaimFactory(), factories.ClaimFactory()
    payload = {"from_claim": b.pk, "to_claim": a.pk, "relation_type": "contradicts"}
    response = fact_checker_api.post("/api/v1/relations/", payload, format="json")
    assert response.status_code == 201, response.json()
    assert (response.json()["from_claim"], response.json()["to_claim"]) == (a.pk, b.pk)
    response = fact_checker_api.post("/api/v1/relations/", payload, format="json")
    assert response.status_code == 409
    assert error_of(response)["code"] == "duplicate_relation"
    assert ClaimRelation.objects.count() == 1


def test_a_claim_related_to_itself_is_a_400(fact_checker_api):
    a = factories.ClaimFactory()
    response = fact_checker_api.post(
        "/api/v1/relations/",
        {"from_claim": a.pk, "to_claim": a.pk, "relation_type": "corroborates"},
        format="json",
    )
    assert response.status_code == 400
    assert "to_claim" in error_of(response)["fields"]


def test_an_editor_removes_a_relation_and_an_attribution(editor_api):
    relation = factories.ClaimRelationFactory()
    attribution = factories.AttributionFactory()
    assert editor_api.delete(f"/api/v1/relations/{relation.pk}/").status_code == 204
    assert editor_api.delete(f"/api/v1/attributions/{attribution.pk}/").status_code == 204
    assert not ClaimRelation.objects.exists()


def test_an_editor_manages_events(editor_api):
    response = editor_api.post(
        "/api/v1/events/",
        {"title": "Offensive", "start_date": "2015-10-16", "description": "<b>Push</b><script>x()</script>"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    event_id = response.json()["id"]
    assert "<script" not in response.json()["description"]
    response = editor_api.patch(f"/api/v1/events/{event_id}/", {"end_date": "2015-10-10"}, format="json")
    assert response.status_code == 400
    assert "non_field_errors" in error_of(response)["fields"] or error_of(response)["fields"]
    assert editor_api.delete(f"/api/v1/events/{event_id}/").status_code == 204


def test_flags_list_filters_by_claim(viewer_api):
    a, b, c = factories.ClaimFactory(), factories.ClaimFactory(), factories.ClaimFactory()
    flag = factories.ConflictFlagFactory(claim_a=a, claim_b=b)
    factories.ConflictFlagFactory(claim_a=a, claim_b=c, rule="other")
    response = viewer_api.get(f"/api/v1/flags/?claim={b.pk}")
    assert [f["id"] for f in response.json()["results"]] == [flag.pk]
    assert ConflictFlag.objects.count() == 2


def test_search_matches_word_forms_on_postgresql(viewer_api):
    from django.db import connection

    from tests.conftest import skip_or_fail

    if connection.vendor != "postgresql":
        skip_or_fail("full-text search needs PostgreSQL (DATABASE_URL)")
    raid = factories.ClaimFactory(text="Air raids killed 40 fighters.")
    factories.AttributionFactory(
        claim=raid, source=factories.SourceFactory(name="Observatory for Human Rights")
    )
    factories.ClaimFactory(text="The bridge was destroyed.")

    def ids(terms):
        response = viewer_api.get("/api/v1/claims/", {"search": terms})
        assert response.status_code == 200, response.json()
        return [c["id"] for c in response.json()["results"]]

    assert ids("kill raid") == [raid.pk]  # stems: killed, raids
    assert ids("observatories") == [raid.pk]  # a source name, in another form
    assert ids("fight") == [raid.pk]  # a substring still matches
    assert ids("raid -fighters") == []  # websearch syntax
    assert ids('"air raids" OR bridge') != []
