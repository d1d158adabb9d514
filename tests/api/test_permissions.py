"""Who may do what, for every role, checked on the server."""

import pytest

from tests import factories

ROLES = ["anonymous", "viewer", "fact_checker", "editor"]


def allowed_from(lowest: str) -> set[str]:
    return set(ROLES[ROLES.index(lowest) :])


@pytest.fixture
def world(db):
    source = factories.SourceFactory()
    spare_source = factories.SourceFactory()
    document = factories.DocumentFactory()
    spare_document = factories.DocumentFactory()
    event = factories.EventFactory()
    spare_event = factories.EventFactory()
    claim_a, claim_b = factories.ClaimFactory(), factories.ClaimFactory()
    return {
        "spare_event": spare_event,
        "source": source,
        "spare_source": spare_source,
        "document": document,
        "spare_document": spare_document,
        "event": event,
        "claim_a": claim_a,
        "claim_b": claim_b,
        "attribution": factories.AttributionFactory(claim=claim_a, source=source),
        "relation": factories.ClaimRelationFactory(from_claim=claim_a, to_claim=claim_b),
        "flag": factories.ConflictFlagFactory(claim_a=claim_a, claim_b=claim_b),
    }


# (method, url template, payload builder, lowest role allowed, success status)
MATRIX = [
    ("get", "/api/v1/sources/", None, "viewer", 200),
    ("get", "/api/v1/sources/{source.pk}/", None, "viewer", 200),
    ("post", "/api/v1/sources/", lambda w: {"name": "New source", "kind": "witness"}, "editor", 201),
    ("patch", "/api/v1/sources/{source.pk}/", lambda w: {"country": "Syria"}, "editor", 200),
    (
        "post",
        "/api/v1/sources/{source.pk}/reliability/",
        lambda w: {"reliability": "C", "reason": "Mixed record."},
        "editor",
        200,
    ),
    ("delete", "/api/v1/sources/{spare_source.pk}/", None, "editor", 204),
    ("get", "/api/v1/documents/", None, "viewer", 200),
    ("post", "/api/v1/documents/", lambda w: {"title": "T", "body": "A fresh text."}, "editor", 201),
    ("patch", "/api/v1/documents/{document.pk}/", lambda w: {"title": "Renamed"}, "editor", 200),
    ("delete", "/api/v1/documents/{spare_document.pk}/", None, "editor", 204),
    ("get", "/api/v1/events/", None, "viewer", 200),
    ("post", "/api/v1/events/", lambda w: {"title": "An event"}, "editor", 201),
    ("patch", "/api/v1/events/{event.pk}/", lambda w: {"place": "Aleppo"}, "editor", 200),
    ("delete", "/api/v1/events/{event.pk}/", None, "editor", 204),
    ("post", "/api/v1/events/{event.pk}/merge/", lambda w: {"into": w["spare_event"].pk}, "editor", 200),
    ("get", "/api/v1/claims/", None, "viewer", 200),
    ("get", "/api/v1/claims/{claim_a.pk}/", None, "viewer", 200),
    ("get", "/api/v1/claims/{claim_a.pk}/history/", None, "viewer", 200),
    ("get", "/api/v1/claims/{claim_a.pk}/claimreview/", None, "viewer", 200),
    ("post", "/api/v1/claims/", lambda w: {"text": "Something was said."}, "fact_checker", 201),
    ("patch", "/api/v1/claims/{claim_a.pk}/", lambda w: {"place": "Aleppo"}, "fact_checker", 200),
    (
        "post",
        "/api/v1/claims/{claim_a.pk}/status/",
        lambda w: {"status": "verified", "reason": "Confirmed."},
        "editor",
        200,
    ),
    ("delete", "/api/v1/claims/{claim_b.pk}/", None, "editor", 204),
    ("get", "/api/v1/attributions/", None, "viewer", 200),
    (
        "post",
        "/api/v1/attributions/",
        lambda w: {"claim": w["claim_b"].pk, "source": w["source"].pk},
        "fact_checker",
        201,
    ),
    ("delete", "/api/v1/attributions/{attribution.pk}/", None, "editor", 204),
    ("get", "/api/v1/relations/", None, "viewer", 200),
    (
        "post",
        "/api/v1/relations/",
        lambda w: {
            "from_claim": w["claim_a"].pk,
            "to_claim": w["claim_b"].pk,
            "relation_type": "contradicts",
        },
        "fact_checker",
        201,
    ),
    ("delete", "/api/v1/relations/{relation.pk}/", None, "editor", 204),
    ("get", "/api/v1/flags/", None, "viewer", 200),
    ("get", "/api/v1/flags/{flag.pk}/", None, "viewer", 200),
    ("get", "/api/v1/flags/{flag.pk}/history/", None, "viewer", 200),
    ("post", "/api/v1/flags/{flag.pk}/acknowledge/", lambda w: {}, "fact_checker", 200),
    ("post", "/api/v1/flags/{flag.pk}/assign/", lambda w: {"assignee": None}, "fact_checker", 200),
    ("post", "/api/v1/flags/{flag.pk}/resolve/", lambda w: {"note": "Settled."}, "fact_checker", 200),
    ("post", "/api/v1/flags/{flag.pk}/dismiss/", lambda w: {"reason": "Not real."}, "fact_checker", 200),
    ("get", "/api/v1/exports/claims.csv", None, "viewer", 200),
    ("get", "/api/v1/exports/claims.json", None, "viewer", 200),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("method,url,payload,lowest,success", MATRIX, ids=[f"{m} {u}" for m, u, *_ in MATRIX])
def test_each_role_gets_exactly_its_rights(role, method, url, payload, lowest, success, world, request):
    client = request.getfixturevalue(f"{role}_api")
    path = url.format(**world)
    kwargs = {"format": "json"}
    if payload is not None:
        kwargs["data"] = payload(world)
    response = getattr(client, method)(path, **kwargs)
    if role in allowed_from(lowest):
        assert response.status_code == success, (role, response.content[:500])
    elif role == "anonymous":
        assert response.status_code == 401
    else:
        assert response.status_code == 403, (role, response.content[:500])
        assert response.json()["error"]["code"] == "permission_denied"
