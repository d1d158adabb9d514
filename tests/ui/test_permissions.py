"""Who may do what in the web UI: every write is refused by the server for a
role without the permission, and its controls are hidden."""

import pytest
from django.test import Client
from django.urls import reverse

from claims.models import Claim, ConflictFlag
from sources.models import Source
from tests import factories


@pytest.fixture
def rows(conflict):
    document = factories.DocumentFactory()
    return {
        "flag": conflict,
        "claim": conflict.claim_a,
        "other_claim": conflict.claim_b,
        "event": conflict.claim_a.event,
        "source": Source.objects.get(name="Observatory"),
        "document": document,
        "attribution": conflict.claim_a.attributions.get(),
    }


def write_urls(rows):
    flag, claim = rows["flag"], rows["claim"]
    return [
        reverse("claims:claim-create"),
        reverse("claims:claim-edit", args=[claim.pk]),
        reverse("claims:claim-status", args=[claim.pk]),
        reverse("claims:attribution-delete", args=[claim.pk, rows["attribution"].pk]),
        reverse("claims:relation-create"),
        reverse("claims:event-create"),
        reverse("claims:event-edit", args=[rows["event"].pk]),
        *(
            reverse("claims:flag-action", args=[flag.pk, action])
            for action in ("acknowledge", "assign", "resolve", "dismiss", "reopen")
        ),
        reverse("sources:source-create"),
        reverse("sources:source-edit", args=[rows["source"].slug]),
        reverse("sources:document-create"),
        reverse("sources:document-edit", args=[rows["document"].pk]),
    ]


def read_urls(rows):
    return [
        reverse("dashboard"),
        reverse("claims:claim-list"),
        reverse("claims:claim-detail", args=[rows["claim"].pk]),
        reverse("claims:event-list"),
        reverse("claims:event-detail", args=[rows["event"].pk]),
        reverse("claims:flag-detail", args=[rows["flag"].pk]),
        reverse("sources:source-list"),
        reverse("sources:source-detail", args=[rows["source"].slug]),
        reverse("sources:document-list"),
        reverse("sources:document-detail", args=[rows["document"].pk]),
    ]


def test_it_sends_an_anonymous_visitor_to_the_login_page(rows):
    client = Client()
    for url in read_urls(rows):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login")), url


def test_a_viewer_can_read_every_page(viewer_client, rows):
    for url in read_urls(rows):
        assert viewer_client.get(url).status_code == 200, url


def test_it_refuses_every_write_from_a_viewer(viewer_client, rows):
    for url in write_urls(rows):
        response = viewer_client.post(url, {"note": "x", "reason": "x", "text": "x"})
        assert response.status_code == 403, url
    flag = ConflictFlag.objects.get(pk=rows["flag"].pk)
    assert flag.status == ConflictFlag.Status.OPEN
    assert Claim.objects.count() == 2
    assert rows["claim"].attributions.count() == 1


def test_it_refuses_the_write_forms_to_a_viewer(viewer_client, rows):
    for url in write_urls(rows):
        assert viewer_client.get(url).status_code in (403, 405), url


def test_a_viewer_sees_no_write_controls(viewer_client, rows):
    for url in read_urls(rows):
        html = viewer_client.get(url).content.decode()
        # The only forms that post are the log-out button in the header and,
        # on event and source pages, Follow (the viewer's own notifications).
        follow_forms = html.count('action="/notifications/follow/')
        assert html.count('method="post"') - follow_forms == 1, url
        for label in ("New claim", "Edit", "Resolve conflict", "Change status", "New source", "New document"):
            assert f">{label}<" not in html, (url, label)


def test_it_shows_the_users_role_in_the_header(viewer_client, editor_client, rows):
    assert "badge--role-viewer" in viewer_client.get(reverse("dashboard")).content.decode()
    assert "badge--role-editor" in editor_client.get(reverse("dashboard")).content.decode()


def test_a_fact_checker_may_triage_but_not_edit_sources_or_verify(fact_checker_client, rows):
    flag = rows["flag"]
    response = fact_checker_client.post(
        reverse("claims:flag-action", args=[flag.pk, "acknowledge"]), {"note": ""}
    )
    assert response.status_code == 302
    assert ConflictFlag.objects.get(pk=flag.pk).status == ConflictFlag.Status.ACKNOWLEDGED
    assert fact_checker_client.get(reverse("sources:source-create")).status_code == 403
    assert fact_checker_client.get(reverse("claims:event-create")).status_code == 403
    response = fact_checker_client.post(
        reverse("claims:claim-status", args=[rows["claim"].pk]), {"status": "verified", "reason": "checked"}
    )
    assert response.status_code == 403
    assert Claim.objects.get(pk=rows["claim"].pk).status == Claim.Status.UNVERIFIED


def test_a_fact_checker_sees_triage_controls_but_no_status_form(fact_checker_client, rows):
    html = fact_checker_client.get(reverse("claims:flag-detail", args=[rows["flag"].pk])).content.decode()
    assert "Resolve conflict" in html
    html = fact_checker_client.get(reverse("claims:claim-detail", args=[rows["claim"].pk])).content.decode()
    assert "Change status" not in html
    assert ">Edit<" in html


def test_an_editor_sees_every_write_control(editor_client, rows):
    html = editor_client.get(reverse("claims:claim-detail", args=[rows["claim"].pk])).content.decode()
    assert "Change status" in html
    html = editor_client.get(reverse("sources:source-detail", args=[rows["source"].slug])).content.decode()
    assert ">Edit<" in html


class TestCsrf:
    def logged_in(self, user) -> Client:
        client = Client(enforce_csrf_checks=True)
        client.force_login(user)
        return client

    def test_it_refuses_a_post_without_a_csrf_token(self, editor_user, rows):
        client = self.logged_in(editor_user)
        flag = rows["flag"]
        response = client.post(reverse("claims:flag-action", args=[flag.pk, "resolve"]), {"note": "Checked."})
        assert response.status_code == 403
        assert ConflictFlag.objects.get(pk=flag.pk).status == ConflictFlag.Status.OPEN

    def test_it_accepts_the_same_post_with_the_pages_csrf_token(self, editor_user, rows):
        client = self.logged_in(editor_user)
        flag = rows["flag"]
        page = client.get(reverse("claims:flag-detail", args=[flag.pk]))
        token = page.context["csrf_token"]
        response = client.post(
            reverse("claims:flag-action", args=[flag.pk, "resolve"]),
            {"note": "Checked.", "csrfmiddlewaretoken": str(token)},
        )
        assert response.status_code == 302
        assert ConflictFlag.objects.get(pk=flag.pk).status == ConflictFlag.Status.RESOLVED

    def test_it_refuses_a_claim_form_without_a_csrf_token(self, editor_user, rows):
        client = self.logged_in(editor_user)
        response = client.post(reverse("claims:claim-create"), {"text": "Something", "kind": "other"})
        assert response.status_code == 403
        assert Claim.objects.count() == 2


def test_a_refused_page_tells_the_viewer_why(viewer_client, rows):
    response = viewer_client.get(reverse("claims:claim-create"))
    assert response.status_code == 403
    assert "Your account cannot do this" in response.content.decode()
