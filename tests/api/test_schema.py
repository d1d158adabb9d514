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
