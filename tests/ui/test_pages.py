"""What the read pages show: highlighted documents, filters, relations, timelines."""

from django.test import Client
from django.urls import reverse

from claims.models import Claim, ConflictFlag
from sources.selectors import document_highlight_segments
from tests import factories


def attribute(document, excerpt, **kwargs):
    start = document.body.index(excerpt)
    return factories.AttributionFactory(
        document=document, excerpt=excerpt, excerpt_start=start, excerpt_end=start + len(excerpt), **kwargs
    )


def test_a_document_highlights_each_excerpt_and_links_it_to_its_claim(viewer_client):
    document = factories.DocumentFactory(body="Officials said 12 people were hurt. Residents said <b>30</b>.")
    first = attribute(document, "12 people were hurt")
    second = attribute(document, "<b>30</b>")
    html = viewer_client.get(document.get_absolute_url()).content.decode()
    assert f'<a href="{first.claim.get_absolute_url()}">12 people were hurt</a></mark>' in html
    # The document's own text is escaped, never rendered as markup.
    assert f'<a href="{second.claim.get_absolute_url()}">&lt;b&gt;30&lt;/b&gt;</a></mark>' in html
    assert "<b>30</b>" not in html


def test_overlapping_excerpts_are_cut_into_segments_that_name_every_claim(db):
    document = factories.DocumentFactory(body="They said 200 militants were killed on Friday.")
    long = attribute(document, "200 militants were killed")
    short = attribute(document, "militants")
    segments = document_highlight_segments(document)
    assert "".join(segment["text"] for segment in segments) == document.body
    covered = {segment["text"]: segment["attributions"] for segment in segments}
    assert covered["200 "] == [long]
    assert set(covered["militants"]) == {long, short}
    assert covered[" on Friday."] == []


def test_the_claims_list_searches_and_filters(viewer_client):
    event = factories.EventFactory()
    wanted = factories.FigureClaimFactory(text="Strikes killed 200 militants.", event=event)
    factories.ClaimFactory(text="Rebels entered the city.")
    factories.AttributionFactory(claim=wanted, source=factories.SourceFactory(name="Observatory"))
    for query in ({"q": "militants"}, {"q": "observatory"}, {"kind": "figure"}, {"event": event.pk}):
        assert list(viewer_client.get(reverse("claims:claim-list"), query).context["claims"]) == [wanted], (
            query
        )


def test_the_claims_list_filters_claims_in_an_open_conflict(viewer_client, conflict):
    factories.ClaimFactory(text="Calm claim.")
    response = viewer_client.get(reverse("claims:claim-list"), {"has_open_conflict": "true"})
    assert set(response.context["claims"]) == {conflict.claim_a, conflict.claim_b}
    conflict.status = ConflictFlag.Status.DISMISSED
    conflict.save()
    response = viewer_client.get(reverse("claims:claim-list"), {"has_open_conflict": "true"})
    assert list(response.context["claims"]) == []


def test_the_claims_list_is_paginated(viewer_client):
    factories.ClaimFactory.create_batch(30)
    first = viewer_client.get(reverse("claims:claim-list"))
    assert len(first.context["claims"]) == 25
    second = viewer_client.get(reverse("claims:claim-list"), {"page": 2})
    assert len(second.context["claims"]) == 5


def test_a_claim_page_lists_its_relations_and_draws_them(viewer_client):
    claim, other, third = factories.ClaimFactory(), factories.ClaimFactory(), factories.ClaimFactory()
    factories.ClaimRelationFactory(from_claim=claim, to_claim=other, relation_type="contradicts")
    factories.ClaimRelationFactory(from_claim=third, to_claim=claim, relation_type="qualifies")
    html = viewer_client.get(claim.get_absolute_url()).content.decode()
    assert (
        f'This claim <strong>contradicts</strong>\n            <a href="{other.get_absolute_url()}">' in html
    )
    assert (
        f'This claim <strong>is qualified by</strong>\n            <a href="{third.get_absolute_url()}">'
        in html
    )
    assert '<svg class="relation-graph"' in html
    assert 'class="edge edge--contradicts"' in html and 'class="edge edge--qualifies"' in html


def test_an_events_timeline_is_in_date_order_and_marks_conflicts(viewer_client, conflict):
    import datetime as dt

    event = conflict.claim_a.event
    Claim.objects.filter(pk=conflict.claim_a_id).update(occurred_on=dt.date(2024, 11, 29))
    Claim.objects.filter(pk=conflict.claim_b_id).update(occurred_on=dt.date(2024, 11, 28))
    calm = factories.ClaimFactory(event=event, occurred_on=dt.date(2024, 11, 27))
    response = viewer_client.get(event.get_absolute_url())
    timeline = response.context["timeline"]
    assert [claim.pk for claim in timeline] == [calm.pk, conflict.claim_b_id, conflict.claim_a_id]
    assert [claim.has_open_conflict for claim in timeline] == [False, True, True]
    assert response.content.decode().count('class="is-conflicting"') == 2


def test_a_sources_page_shows_its_share_of_disputed_claims(viewer_client):
    source = factories.SourceFactory(name="Ministry", reliability="D")
    for status in ("disputed", "unverified", "unverified", "false"):
        factories.AttributionFactory(claim=factories.ClaimFactory(status=status), source=source)
    html = viewer_client.get(source.get_absolute_url()).content.decode()
    assert "<strong>50%</strong> of its 4 claims disputed or false (2)" in html
    assert "D: not usually reliable" in html


def test_stored_rich_text_is_cleaned_again_on_output(viewer_client):
    event = factories.EventFactory(description='<p>Strikes<img src=x onerror="alert(1)"></p>')
    html = viewer_client.get(event.get_absolute_url()).content.decode()
    assert "onerror" not in html
    assert "<p>Strikes</p>" in html


def test_logging_in_and_out(db):
    factories.viewer(username="vera")
    client = Client()
    response = client.post(reverse("login"), {"username": "vera", "password": "correct-horse-battery"})
    assert response.status_code == 302
    html = client.get(reverse("dashboard")).content.decode()
    assert "vera" in html and "Viewer" in html
    client.post(reverse("logout"))
    assert client.get(reverse("dashboard")).status_code == 302


def test_every_filter_has_a_readable_label(viewer_client, conflict):
    for name in ("dashboard", "claims:claim-list", "sources:source-list", "sources:document-list"):
        form = viewer_client.get(reverse(name)).context["filter"].form
        for field in form:
            assert field.label and "invalid" not in field.label, (name, field.name)
