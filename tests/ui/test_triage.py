"""The queue's bulk and in-row actions (JSON answers) and "then next"."""

import pytest
from django.test import Client

from claims.models import AuditEntry, ConflictFlag
from tests import factories

pytestmark = pytest.mark.django_db

JSON = {"Accept": "application/json"}


@pytest.fixture
def editor(editor_user):
    client = Client()
    client.force_login(editor_user)
    return client


def test_bulk_assign_gives_every_flag_to_me_and_audits_each(editor, editor_user):
    flags = [factories.ConflictFlagFactory(), factories.ConflictFlagFactory()]
    response = editor.post(
        "/flags/bulk/", {"action": "assign", "flags": [flag.pk for flag in flags]}, headers=JSON
    )
    assert response.status_code == 200
    assert sorted(response.json()["done"]) == sorted(flag.pk for flag in flags)
    for flag in flags:
        flag.refresh_from_db()
        assert flag.assignee == editor_user
        assert AuditEntry.objects.filter(flag=flag, action=AuditEntry.Action.ASSIGNED).count() == 1


def test_bulk_dismiss_skips_a_flag_a_colleague_closed_and_says_so(editor):
    open_flag = factories.ConflictFlagFactory()
    closed = factories.ConflictFlagFactory(status=ConflictFlag.Status.RESOLVED)
    response = editor.post(
        "/flags/bulk/",
        {"action": "dismiss", "flags": [open_flag.pk, closed.pk], "reason": "Same toll twice."},
        headers=JSON,
    )
    body = response.json()
    assert body["done"] == [open_flag.pk]
    assert "already resolved" in body["skipped"][str(closed.pk)]
    closed.refresh_from_db()
    assert closed.status == ConflictFlag.Status.RESOLVED


def test_bulk_dismiss_without_a_reason_is_refused_with_a_field_message(editor):
    flag = factories.ConflictFlagFactory()
    response = editor.post("/flags/bulk/", {"action": "dismiss", "flags": [flag.pk]}, headers=JSON)
    assert response.status_code == 400
    assert response.json()["fields"]["reason"] == ["Say why these are not real conflicts."]
    flag.refresh_from_db()
    assert flag.status == ConflictFlag.Status.OPEN


def test_bulk_with_no_flags_or_an_unknown_one_is_refused(editor):
    assert editor.post("/flags/bulk/", {"action": "assign"}, headers=JSON).status_code == 400
    assert (
        editor.post("/flags/bulk/", {"action": "assign", "flags": [999999]}, headers=JSON).status_code == 400
    )
    assert editor.post("/flags/bulk/", {"action": "delete", "flags": [1]}, headers=JSON).status_code == 400


def test_bulk_without_javascript_goes_back_to_the_queue_with_a_message(editor):
    flag = factories.ConflictFlagFactory()
    response = editor.post(
        "/flags/bulk/", {"action": "acknowledge", "flags": [flag.pk], "next": "/?status=open"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/?status=open"
    assert (
        editor.post(
            "/flags/bulk/", {"action": "acknowledge", "flags": [flag.pk], "next": "https://evil.example/"}
        )["Location"]
        == "/"
    )


def test_an_in_row_action_on_a_closed_flag_answers_409_with_the_reason(editor):
    flag = factories.ConflictFlagFactory(status=ConflictFlag.Status.DISMISSED)
    response = editor.post(f"/flags/{flag.pk}/acknowledge/", {}, headers=JSON)
    assert response.status_code == 409
    assert "already dismissed" in response.json()["message"]


def test_a_viewer_cannot_triage_in_bulk(viewer_user):
    client = Client()
    client.force_login(viewer_user)
    flag = factories.ConflictFlagFactory()
    assert client.post("/flags/bulk/", {"action": "assign", "flags": [flag.pk]}).status_code == 403


def test_resolve_then_next_goes_to_the_next_open_conflict_and_my_own_first(editor, editor_user):
    current = factories.ConflictFlagFactory(severity=ConflictFlag.Severity.CRITICAL)
    factories.ConflictFlagFactory(severity=ConflictFlag.Severity.HIGH)
    mine = factories.ConflictFlagFactory(severity=ConflictFlag.Severity.LOW, assignee=editor_user)
    response = editor.post(f"/flags/{current.pk}/resolve/", {"note": "Checked.", "then": "next"})
    assert response["Location"] == mine.get_absolute_url()


def test_resolve_then_next_with_nothing_left_goes_to_the_queue(editor):
    only = factories.ConflictFlagFactory()
    response = editor.post(f"/flags/{only.pk}/dismiss/", {"reason": "Not real.", "then": "next"})
    assert response["Location"] == "/"
