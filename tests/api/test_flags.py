import pytest

from claims.models import Claim, ConflictFlag
from tests import factories
from tests.api.conftest import error_of


@pytest.fixture
def flag(db):
    return factories.ConflictFlagFactory()


def test_a_fact_checker_acknowledges_a_flag(fact_checker_api, flag):
    response = fact_checker_api.post(
        f"/api/v1/flags/{flag.pk}/acknowledge/", {"note": "Looking."}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["status"] == "acknowledged"
    response = fact_checker_api.post(f"/api/v1/flags/{flag.pk}/acknowledge/", {}, format="json")
    assert response.status_code == 409
    assert error_of(response)["code"] == "flag_acknowledged"


def test_a_flag_is_assigned_by_username(fact_checker_api, flag, editor_user):
    response = fact_checker_api.post(
        f"/api/v1/flags/{flag.pk}/assign/", {"assignee": editor_user.username}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["assignee"] == editor_user.username
    response = fact_checker_api.post(
        f"/api/v1/flags/{flag.pk}/assign/", {"assignee": "nobody-here"}, format="json"
    )
    # Well-formed, but no such user: a clash with stored data, naming the field.
    assert response.status_code == 409
    assert "assignee" in error_of(response)["fields"]


def test_resolving_marks_the_chosen_claim_disputed(fact_checker_api, fact_checker_user, flag):
    response = fact_checker_api.post(
        f"/api/v1/flags/{flag.pk}/resolve/",
        {"note": "Ministry figure unsupported.", "mark_claim_id": flag.claim_a_id},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "resolved"
    assert response.json()["resolved_by"] == fact_checker_user.username
    assert Claim.objects.get(pk=flag.claim_a_id).status == "disputed"


def test_resolving_without_a_note_is_a_400(fact_checker_api, flag):
    response = fact_checker_api.post(f"/api/v1/flags/{flag.pk}/resolve/", {}, format="json")
    assert response.status_code == 400
    assert "note" in error_of(response)["fields"]


def test_marking_a_claim_outside_the_conflict_is_a_400(fact_checker_api, flag):
    stranger = factories.ClaimFactory()
    response = fact_checker_api.post(
        f"/api/v1/flags/{flag.pk}/resolve/", {"note": "x", "mark_claim_id": stranger.pk}, format="json"
    )
    assert response.status_code == 400
    assert "mark_claim_id" in error_of(response)["fields"]
    flag.refresh_from_db()
    assert flag.status == "open"


def test_acting_on_a_closed_flag_is_a_409(fact_checker_api, flag):
    fact_checker_api.post(f"/api/v1/flags/{flag.pk}/dismiss/", {"reason": "Different days."}, format="json")
    for verb, payload in [("resolve", {"note": "x"}), ("dismiss", {"reason": "x"}), ("acknowledge", {})]:
        response = fact_checker_api.post(f"/api/v1/flags/{flag.pk}/{verb}/", payload, format="json")
        assert response.status_code == 409, verb
        assert error_of(response)["code"] == "flag_closed"


def test_a_closed_flag_is_reopened(fact_checker_api, flag):
    fact_checker_api.post(f"/api/v1/flags/{flag.pk}/dismiss/", {"reason": "Different days."}, format="json")
    response = fact_checker_api.post(
        f"/api/v1/flags/{flag.pk}/reopen/", {"reason": "New report."}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["status"] == "open"


def test_the_flag_history_lists_every_step(fact_checker_api, fact_checker_user, flag):
    fact_checker_api.post(f"/api/v1/flags/{flag.pk}/acknowledge/", {"note": "Looking."}, format="json")
    fact_checker_api.post(f"/api/v1/flags/{flag.pk}/dismiss/", {"reason": "Different days."}, format="json")
    history = fact_checker_api.get(f"/api/v1/flags/{flag.pk}/history/").json()["results"]
    assert [(h["from_value"], h["to_value"]) for h in history] == [
        ("open", "acknowledged"),
        ("acknowledged", "dismissed"),
    ]
    assert {h["actor"] for h in history} == {fact_checker_user.username}
    assert history[1]["reason"] == "Different days."


def test_the_history_of_an_unknown_flag_is_a_404(viewer_api):
    assert viewer_api.get("/api/v1/flags/999999/history/").status_code == 404
    assert viewer_api.get("/api/v1/claims/999999/history/").status_code == 404


def test_flags_are_filtered_by_status_and_severity(viewer_api):
    high = factories.ConflictFlagFactory(severity=ConflictFlag.Severity.HIGH)
    factories.ConflictFlagFactory(severity=ConflictFlag.Severity.LOW)
    factories.ConflictFlagFactory(status="dismissed", severity=ConflictFlag.Severity.CRITICAL)
    response = viewer_api.get("/api/v1/flags/?status=open&severity_min=30")
    assert [f["id"] for f in response.json()["results"]] == [high.pk]


def test_a_flag_cannot_go_to_someone_who_cannot_act_on_it(fact_checker_api, flag, viewer_user):
    response = fact_checker_api.post(
        f"/api/v1/flags/{flag.pk}/assign/", {"assignee": viewer_user.username}, format="json"
    )
    assert response.status_code == 400
    assert "assignee" in error_of(response)["fields"]
    flag.refresh_from_db()
    assert flag.assignee is None
