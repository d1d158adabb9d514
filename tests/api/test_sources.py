from sources.models import Document, Source
from tests import factories
from tests.api.conftest import error_of


def test_an_editor_registers_a_source_with_its_notes_sanitised(editor_api):
    response = editor_api.post(
        "/api/v1/sources/",
        {
            "name": "Observatory for Human Rights",
            "kind": "ngo_monitor",
            "affiliation": "independent",
            "aliases": ["the Observatory", "OHR"],
            "notes": '<p onclick="steal()">Network of contacts<script>alert(1)</script></p>',
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["slug"] == "observatory-for-human-rights"
    assert body["aliases"] == ["the Observatory", "OHR"]
    assert "<script" not in body["notes"] and "onclick" not in body["notes"]
    assert Source.objects.get(pk=body["id"]).notes == body["notes"]


def test_an_unknown_kind_is_a_400_naming_the_field(editor_api):
    response = editor_api.post("/api/v1/sources/", {"name": "X", "kind": "oracle"}, format="json")
    assert response.status_code == 400
    assert "kind" in error_of(response)["fields"]
    assert not Source.objects.exists()


def test_a_party_without_a_side_is_a_400_from_the_service(editor_api):
    response = editor_api.post(
        "/api/v1/sources/", {"name": "Army", "kind": "military", "affiliation": "party"}, format="json"
    )
    assert response.status_code == 400
    assert error_of(response)["fields"]


def test_an_editor_changes_a_source_and_grades_it(editor_api, editor_user):
    source = factories.SourceFactory()
    response = editor_api.patch(f"/api/v1/sources/{source.pk}/", {"country": "Syria"}, format="json")
    assert response.status_code == 200
    assert response.json()["country"] == "Syria"
    response = editor_api.post(
        f"/api/v1/sources/{source.pk}/reliability/",
        {"reliability": "B", "reason": "Good record."},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["reliability"] == "B"
    assert response.json()["reliability_set_by"] == editor_user.username


def test_grading_without_a_reason_is_refused(editor_api):
    source = factories.SourceFactory()
    response = editor_api.post(
        f"/api/v1/sources/{source.pk}/reliability/", {"reliability": "A"}, format="json"
    )
    assert response.status_code == 400
    assert "reason" in error_of(response)["fields"]


def test_a_source_credited_with_claims_cannot_be_deleted(editor_api):
    attribution = factories.AttributionFactory()
    response = editor_api.delete(f"/api/v1/sources/{attribution.source_id}/")
    assert response.status_code == 409
    assert Source.objects.filter(pk=attribution.source_id).exists()


def test_an_unused_source_is_deleted(editor_api):
    source = factories.SourceFactory()
    assert editor_api.delete(f"/api/v1/sources/{source.pk}/").status_code == 204
    assert not Source.objects.filter(pk=source.pk).exists()


def test_sources_are_searched_by_name(viewer_api):
    factories.SourceFactory(name="Defence ministry")
    factories.SourceFactory(name="Local residents")
    response = viewer_api.get("/api/v1/sources/?search=ministry")
    assert [s["name"] for s in response.json()["results"]] == ["Defence ministry"]


def test_an_editor_stores_a_document(editor_api, editor_user):
    outlet = factories.SourceFactory(kind="wire_agency")
    response = editor_api.post(
        "/api/v1/documents/",
        {"title": "Wire report", "body": "The ministry said 40 targets were hit.", "outlet": outlet.pk},
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["outlet"]["id"] == outlet.pk
    assert body["created_by"] == editor_user.username


def test_the_same_document_text_twice_is_a_409(editor_api):
    text = "The ministry said 40 targets were hit."
    editor_api.post("/api/v1/documents/", {"title": "One", "body": text}, format="json")
    response = editor_api.post("/api/v1/documents/", {"title": "Two", "body": "  " + text}, format="json")
    assert response.status_code == 409
    assert error_of(response)["code"] == "duplicate_document"
    assert Document.objects.count() == 1


def test_a_quoted_document_body_cannot_change(editor_api):
    document = factories.DocumentFactory()
    factories.AttributionFactory(document=document)
    response = editor_api.patch(f"/api/v1/documents/{document.pk}/", {"body": "Rewritten."}, format="json")
    assert response.status_code == 400
    assert "body" in error_of(response)["fields"]


def test_a_quoted_document_cannot_be_deleted(editor_api):
    document = factories.DocumentFactory()
    factories.AttributionFactory(document=document)
    assert editor_api.delete(f"/api/v1/documents/{document.pk}/").status_code == 409
    assert Document.objects.filter(pk=document.pk).exists()


def test_an_unknown_document_is_a_404_in_the_error_body(viewer_api):
    response = viewer_api.get("/api/v1/documents/999999/")
    assert response.status_code == 404
    assert error_of(response)["code"] == "not_found"
