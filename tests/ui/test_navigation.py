"""The header links every role may use, the search box, and export links that keep the filters."""

import pytest
from django.test import Client

from tests import factories

pytestmark = pytest.mark.django_db


def page_for(user, url="/"):
    client = Client()
    client.force_login(user)
    return client.get(url).content.decode()


def test_an_editor_sees_ingestion_digests_tokens_and_api_docs(editor_user):
    html = page_for(editor_user)
    for href in (
        'href="/ingest/documents/add/"',
        'href="/digests/preview/"',
        'href="/digests/preferences/"',
        'href="/accounts/tokens/"',
        'href="/api/docs/"',
    ):
        assert href in html


def test_a_viewer_is_not_offered_ingestion(viewer_user):
    html = page_for(viewer_user)
    assert "/ingest/documents/add/" not in html
    assert 'href="/accounts/tokens/"' in html


def test_the_header_search_box_searches_claims(viewer_user):
    html = page_for(viewer_user)
    assert 'action="/claims/"' in html and 'name="q"' in html


def test_claim_list_exports_keep_the_current_filters(viewer_user):
    event = factories.EventFactory()
    html = page_for(
        viewer_user, f"/claims/?q=airport&status=verified&event={event.pk}&has_open_conflict=true"
    )
    assert (
        f"/api/v1/exports/claims.csv?search=airport&amp;status=verified&amp;event={event.pk}&amp;has_open_flags=true"
        in html
    )
    assert "/api/v1/exports/claims.json?search=airport" in html


def test_the_queue_exports_the_claims_behind_its_conflicts(viewer_user):
    event = factories.EventFactory()
    html = page_for(viewer_user, f"/?event={event.pk}")
    assert f"/api/v1/exports/claims.csv?event={event.pk}&amp;has_open_flags=true" in html


def test_an_export_link_with_the_filters_returns_only_matching_claims(viewer_user):
    event = factories.EventFactory()
    wanted = factories.ClaimFactory(event=event, text="Shelling near the airport")
    factories.ClaimFactory(text="Unrelated claim")
    client = Client()
    client.force_login(viewer_user)
    response = client.get(f"/api/v1/exports/claims.json?event={event.pk}")
    body = b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
    assert wanted.text in body
    assert "Unrelated claim" not in body
