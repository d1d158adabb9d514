"""OpenAPI links: which answer gives the id another operation needs.

A client (and schemathesis's stateful tests, tests/api/test_schemathesis_stateful.py)
reads them to chain calls: create a source, then read, change or grade that
source; credit a new claim to it; follow the claim to its attributions,
relations and flags and act on a flag.

Two kinds, added by a drf-spectacular post-processing hook:
- by convention, every `POST /api/v1/<things>/` that answers 201 or 202 with an
  `id` links to each operation on `/api/v1/<things>/{id}/...`, and every list
  `GET /api/v1/<things>/` to them too, through its first result;
- the links across resources below, named by operation id.
"""

from typing import Any

ID = "$response.body#/id"
FIRST_RESULT_ID = "$response.body#/results/0/id"

# (from operation, status, to operation, {"parameters": ...} and/or {"requestBody": ...}).
# A requestBody is merged into the body the client (or schemathesis) builds.
CROSS_LINKS: list[tuple[str, str, str, dict[str, Any]]] = [
    ("sources_create", "201", "claims_create", {"requestBody": {"attributions": [{"source": ID}]}}),
    ("sources_create", "201", "documents_create", {"requestBody": {"outlet": ID}}),
    ("sources_create", "201", "attributions_list", {"parameters": {"source": ID}}),
    ("events_create", "201", "claims_create", {"requestBody": {"event": ID}}),
    ("events_create", "201", "claims_list", {"parameters": {"event": ID}}),
    ("claims_create", "201", "attributions_create", {"requestBody": {"claim": ID}}),
    ("claims_create", "201", "relations_create", {"requestBody": {"from_claim": ID}}),
    ("claims_create", "201", "attributions_list", {"parameters": {"claim": ID}}),
    ("claims_create", "201", "relations_list", {"parameters": {"claim": ID}}),
    ("claims_create", "201", "flags_list", {"parameters": {"claim": ID}}),
    ("documents_create", "201", "claims_list", {"parameters": {"document": ID}}),
    (
        "documents_ingest_create",
        "202",
        "documents_extraction_retrieve",
        {"parameters": {"id": "$response.body#/document"}},
    ),
    *[
        (
            "documents_extraction_retrieve",
            "200",
            f"proposals_{action}_create",
            {"parameters": {"id": "$response.body#/proposals/0/id"}},
        )
        for action in ("accept", "edit_accept", "reject")
    ],
]

_METHODS = ("get", "put", "patch", "post", "delete")


def _link_name(operation_id: str) -> str:
    return "".join(part.capitalize() for part in operation_id.replace(".", "_").split("_"))


def _convention_links(paths: dict) -> list[tuple[str, str, str, dict]]:
    links = []
    for path, operations in paths.items():
        if path.count("/") != 4 or "{" in path:  # /api/v1/<things>/
            continue
        prefix = f"{path}{{id}}/"
        item_operations = [
            operation["operationId"]
            for item_path, item_ops in paths.items()
            if item_path.startswith(prefix) and item_path.count("{") == 1
            for method, operation in item_ops.items()
            if method in _METHODS
        ]
        create = operations.get("post", {})
        status = next((code for code in ("201", "202") if code in create.get("responses", {})), None)
        for target in item_operations:
            if status:
                links.append((create["operationId"], status, target, {"parameters": {"id": ID}}))
            if "get" in operations:
                links.append(
                    (operations["get"]["operationId"], "200", target, {"parameters": {"id": FIRST_RESULT_ID}})
                )
    return links


def add_links(result, generator, request, public):  # noqa: ARG001 (the hook's signature)
    """drf-spectacular post-processing hook: the links described above."""
    paths = result.get("paths", {})
    by_id = {
        operation["operationId"]: operation
        for operations in paths.values()
        for method, operation in operations.items()
        if method in _METHODS
    }
    for source, status, target, definition in _convention_links(paths) + CROSS_LINKS:
        if source not in by_id or target not in by_id:
            continue  # an operation this schema does not show
        response = by_id[source].get("responses", {}).get(status)
        if response is None:
            continue
        response.setdefault("links", {})[_link_name(target)] = {"operationId": target, **definition}
    return result
