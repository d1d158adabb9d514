import pytest
from django.core.management import call_command
from rest_framework.test import APIClient


def test_the_openapi_schema_validates_without_a_single_warning(tmp_path, db):
    # --fail-on-warn makes any warning (an untyped field, an unresolvable
    # filter, a name collision) an error, so the schema stays fully described.
    out = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))
    text = out.read_text()
    assert "/api/v1/claims/{id}/claimreview/" in text
    assert "tokenAuth" in text


def test_every_operation_has_a_summary_and_documents_the_error_body(db):
    schema = APIClient().get("/api/schema/?format=json").json()
    assert schema["components"]["schemas"]["Error"]["required"] == ["error"]
    operations = [
        (path, method, operation)
        for path, item in schema["paths"].items()
        if path.startswith("/api/v1/") and "digest" not in path
        for method, operation in item.items()
    ]
    assert len(operations) > 40
    for path, method, operation in operations:
        assert operation.get("summary") or operation.get("description"), (path, method)
        assert {"401", "403", "429"} <= set(operation["responses"]), (path, method)
        if method in {"post", "patch"}:
            content = operation["requestBody"]["content"]["application/json"]
            assert content.get("examples"), f"{method} {path} has no request example"


def test_swagger_ui_and_redoc_pages_are_served(client, db):
    assert client.get("/api/docs/").status_code == 200
    assert client.get("/api/redoc/").status_code == 200


@pytest.fixture
def fresh_schema_cache():
    from core.api_docs import CachedSchemaView

    CachedSchemaView.forget()
    yield
    CachedSchemaView.forget()


def test_the_schema_is_generated_once_per_format_and_served_with_an_etag(
    client, db, fresh_schema_cache, monkeypatch
):
    from drf_spectacular.generators import SchemaGenerator
    from drf_spectacular.renderers import OpenApiYamlRenderer

    generated = []
    real_get_schema = SchemaGenerator.get_schema

    def counting_get_schema(self, *args, **kwargs):
        generated.append(1)
        return real_get_schema(self, *args, **kwargs)

    monkeypatch.setattr(SchemaGenerator, "get_schema", counting_get_schema)
    first = client.get("/api/schema/")
    second = client.get("/api/schema/")
    assert first.status_code == second.status_code == 200
    assert len(generated) == 1
    # The same bytes as drf-spectacular renders, every time
    expected = OpenApiYamlRenderer().render(real_get_schema(SchemaGenerator(), request=None, public=True))
    assert first.content == second.content == expected
    assert first["ETag"] == second["ETag"]
    assert first["Content-Type"].startswith("application/vnd.oai.openapi")
    # A client holding the current version gets 304 and no body
    unchanged = client.get("/api/schema/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert unchanged.status_code == 304
    assert unchanged.content == b""
    assert client.get("/api/schema/", HTTP_IF_NONE_MATCH='"stale"').status_code == 200
    # JSON is cached apart, with its own ETag
    as_json = client.get("/api/schema/", {"format": "json"})
    assert as_json.json()["info"]["title"] == "Claimtrack API"
    assert as_json["ETag"] != first["ETag"]
    assert len(generated) == 2
    assert client.get("/api/schema/", {"format": "json"}).content == as_json.content
    assert len(generated) == 2
