"""Create and edit forms: saved through the services, errors next to their fields."""

import pytest
from django.urls import reverse

from claims.models import Attribution, AuditEntry, Claim, ClaimRelation, Event
from sources.models import Document, Source
from tests import factories


def claim_post(**overrides):
    data = {
        "text": "Airstrikes killed 200 militants.",
        "kind": "figure",
        "quantity_subject": "Militants killed",
        "value_low": "200",
        "value_high": "",
        "qualifier": "",
        "credibility": "6",
        "attributions-TOTAL_FORMS": "1",
        "attributions-INITIAL_FORMS": "0",
        "attributions-MIN_NUM_FORMS": "1",
        "attributions-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


def test_it_saves_a_claim_with_its_attribution(editor_client, editor_user):
    source = factories.PartySourceFactory(name="Defence ministry")
    document = factories.DocumentFactory(body="The ministry claimed the strikes killed 200 militants.")
    response = editor_client.post(
        reverse("claims:claim-create"),
        claim_post(
            **{
                "attributions-0-source": source.pk,
                "attributions-0-form": "statement",
                "attributions-0-reporting_verb": "Claimed",
                "attributions-0-document": document.pk,
                "attributions-0-excerpt": "killed 200 militants",
            }
        ),
    )
    claim = Claim.objects.get()
    assert response.status_code == 302
    assert response["Location"] == claim.get_absolute_url()
    assert (claim.value_low, claim.value_high, claim.qualifier) == (200, 200, "exact")
    assert claim.quantity_subject == "militants killed"
    assert claim.created_by == editor_user
    attribution = claim.attributions.get()
    assert attribution.source == source
    assert attribution.reporting_verb == "claimed"
    assert document.body[attribution.excerpt_start : attribution.excerpt_end] == "killed 200 militants"


def test_a_figure_with_low_above_high_shows_the_error_and_saves_nothing(editor_client):
    source = factories.SourceFactory()
    response = editor_client.post(
        reverse("claims:claim-create"),
        claim_post(
            value_low="300",
            value_high="200",
            **{"attributions-0-source": source.pk, "attributions-0-form": "statement"},
        ),
    )
    assert response.status_code == 400
    assert response.context["form"].errors["value_high"] == ["The high value cannot be below the low value."]
    assert "The high value cannot be below the low value." in response.content.decode()
    assert Claim.objects.count() == 0
    assert Attribution.objects.count() == 0


def test_a_bad_attribution_saves_nothing_and_says_which_one(editor_client):
    source = factories.SourceFactory()
    document = factories.DocumentFactory(body="Nothing about numbers here.")
    response = editor_client.post(
        reverse("claims:claim-create"),
        claim_post(
            **{
                "attributions-TOTAL_FORMS": "2",
                "attributions-0-source": source.pk,
                "attributions-0-form": "statement",
                "attributions-1-source": source.pk,
                "attributions-1-form": "paraphrase",
                "attributions-1-document": document.pk,
                "attributions-1-excerpt": "200 militants",
            }
        ),
    )
    assert response.status_code == 400
    forms = response.context["formset"].forms
    assert forms[0].errors == {}
    assert forms[1].non_field_errors() == ["This excerpt does not appear in the document."]
    assert Claim.objects.count() == 0
    assert AuditEntry.objects.count() == 0


def test_a_claim_needs_at_least_one_source(editor_client):
    response = editor_client.post(reverse("claims:claim-create"), claim_post())
    assert response.status_code == 400
    assert Claim.objects.count() == 0


def test_editing_a_claim_keeps_its_attributions_and_adds_new_ones(fact_checker_client):
    claim = factories.FigureClaimFactory(value_low=20)
    first = factories.AttributionFactory(claim=claim)
    second_source = factories.SourceFactory(name="Residents")
    response = fact_checker_client.post(
        reverse("claims:claim-edit", args=[claim.pk]),
        {
            "text": claim.text,
            "kind": "figure",
            "event": claim.event_id,
            "quantity_subject": "militants killed",
            "value_low": "20",
            "value_high": "25",
            "qualifier": "range",
            "credibility": "3",
            "attributions-TOTAL_FORMS": "1",
            "attributions-INITIAL_FORMS": "0",
            "attributions-0-source": second_source.pk,
            "attributions-0-form": "paraphrase",
        },
    )
    assert response.status_code == 302
    claim.refresh_from_db()
    assert (claim.value_low, claim.value_high, claim.credibility) == (20, 25, 3)
    assert set(claim.attributions.values_list("source__name", flat=True)) == {first.source.name, "Residents"}


def test_editing_a_claim_into_a_bad_figure_changes_nothing(editor_client):
    claim = factories.FigureClaimFactory(value_low=20)
    response = editor_client.post(
        reverse("claims:claim-edit", args=[claim.pk]),
        {
            "text": "Changed text",
            "kind": "figure",
            "quantity_subject": "militants killed",
            "value_low": "50",
            "value_high": "10",
            "credibility": "6",
            "attributions-TOTAL_FORMS": "0",
            "attributions-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 400
    assert "value_high" in response.context["form"].errors
    claim.refresh_from_db()
    assert (claim.text, claim.value_low) != ("Changed text", 50)


def test_an_editor_changes_a_claims_status_with_a_reason(editor_client, editor_user):
    claim = factories.ClaimFactory()
    editor_client.post(
        reverse("claims:claim-status", args=[claim.pk]), {"status": "verified", "reason": "Two sources."}
    )
    claim.refresh_from_db()
    assert claim.status == Claim.Status.VERIFIED
    entry = AuditEntry.objects.get(claim=claim, action="status")
    assert (entry.actor, entry.to_value, entry.reason) == (editor_user, "verified", "Two sources.")


def test_relating_two_claims_stores_the_relation_and_refuses_a_duplicate(fact_checker_client):
    first, second = factories.ClaimFactory(), factories.ClaimFactory()
    data = {
        "from_claim": second.pk,
        "to_claim": first.pk,
        "relation_type": "contradicts",
        "rationale": "200 vs 20",
    }
    response = fact_checker_client.post(reverse("claims:relation-create"), data)
    assert response.status_code == 302
    relation = ClaimRelation.objects.get()
    assert (relation.from_claim, relation.to_claim) == (first, second)
    response = fact_checker_client.post(reverse("claims:relation-create"), data)
    assert response.status_code == 400
    assert "already related" in response.content.decode()
    assert ClaimRelation.objects.count() == 1


def test_a_claim_cannot_be_related_to_itself(fact_checker_client):
    claim = factories.ClaimFactory()
    response = fact_checker_client.post(
        reverse("claims:relation-create"),
        {"from_claim": claim.pk, "to_claim": claim.pk, "relation_type": "corroborates"},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["to_claim"] == ["A claim cannot be related to itself."]


def test_a_party_source_without_a_side_shows_the_error_on_the_form(editor_client):
    response = editor_client.post(
        reverse("sources:source-create"),
        {"name": "Army command", "kind": "military", "affiliation": "party", "side": "", "reliability": "F"},
    )
    assert response.status_code == 400
    assert "A party to the conflict must name its side." in response.content.decode()
    assert Source.objects.count() == 0


def test_a_new_source_has_its_notes_sanitised(editor_client):
    response = editor_client.post(
        reverse("sources:source-create"),
        {
            "name": "Observatory",
            "kind": "ngo_monitor",
            "affiliation": "independent",
            "reliability": "C",
            "reliability_reason": "Network of informants.",
            "aliases": "SOHR, the Observatory",
            "notes": '<p onclick="x()">Based abroad<script>alert(1)</script></p>',
        },
    )
    source = Source.objects.get()
    assert response["Location"] == source.get_absolute_url()
    assert source.aliases == ["SOHR", "the Observatory"]
    assert "onclick" not in source.notes and "<script>" not in source.notes
    html = editor_client.get(source.get_absolute_url()).content.decode()
    assert "<script>alert" not in html


def test_regrading_a_source_records_who_and_why(editor_client, editor_user):
    source = factories.SourceFactory(name="Observatory")
    editor_client.post(
        reverse("sources:source-edit", args=[source.slug]),
        {
            "name": "Observatory",
            "kind": source.kind,
            "affiliation": source.affiliation,
            "reliability": "B",
            "reliability_reason": "Good record this year.",
            "aliases": "",
        },
    )
    source.refresh_from_db()
    assert (source.reliability, source.reliability_set_by) == ("B", editor_user)


def test_a_duplicate_document_is_refused_with_a_clear_message(editor_client):
    existing = factories.DocumentFactory(body="Same words.")
    response = editor_client.post(
        reverse("sources:document-create"), {"title": "Copy", "body": "Same   words."}
    )
    assert response.status_code == 400
    assert f"already stored as document #{existing.pk}" in response.content.decode()
    assert Document.objects.count() == 1


def test_an_event_ending_before_it_starts_is_refused(editor_client):
    response = editor_client.post(
        reverse("claims:event-create"),
        {"title": "Offensive", "start_date": "2024-11-29", "end_date": "2024-11-27"},
    )
    assert response.status_code == 400
    assert "The end date cannot be before the start date." in response.content.decode()
    assert Event.objects.count() == 0


def test_an_editor_removes_an_attribution_but_a_fact_checker_may_not(editor_client, fact_checker_client):
    attribution = factories.AttributionFactory()
    url = reverse("claims:attribution-delete", args=[attribution.claim_id, attribution.pk])
    assert fact_checker_client.post(url).status_code == 403
    assert Attribution.objects.filter(pk=attribution.pk).exists()
    response = editor_client.post(url)
    assert response.status_code == 302
    assert not Attribution.objects.filter(pk=attribution.pk).exists()


def test_an_editor_removes_a_relation_from_the_claim_page(editor_client, fact_checker_client):
    relation = factories.ClaimRelationFactory()
    url = reverse("claims:relation-delete", args=[relation.pk])
    assert fact_checker_client.post(url, {"claim": relation.from_claim_id}).status_code == 403
    response = editor_client.post(url, {"claim": relation.from_claim_id})
    assert response["Location"] == relation.from_claim.get_absolute_url()
    assert not ClaimRelation.objects.exists()


@pytest.mark.django_db
def test_a_long_newsroom_history_does_not_bloat_the_claim_form():
    from claims.forms import ClaimForm
    from core.forms import DEFAULT_OFFERED

    factories.EventFactory.create_batch(DEFAULT_OFFERED + 20, start_date="2024-11-01")
    old = factories.EventFactory(title="An old event", start_date="2001-01-01")
    field = ClaimForm().fields["event"]
    offered = [value for value, _ in field.choices if value != ""]
    assert len(offered) == DEFAULT_OFFERED
    assert str(old.pk) not in [str(value) for value in offered]

    # Reached from the old event's page, it is offered and accepted.
    form = ClaimForm(initial={"event": old.pk})
    assert str(old.pk) in [str(value) for value, _ in form.fields["event"].choices]
    assert ClaimForm(data={"text": "x", "kind": "other", "event": old.pk, "credibility": 6}).is_valid()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    ["/claims/new/?event=%C2%B2", "/claims/new/?document=%C2%B2", "/relations/new/?from=%C2%B2"],
)
def test_a_unicode_digit_in_a_form_link_is_ignored_not_a_crash(client, url):
    client.force_login(factories.editor())
    assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_a_forged_attribution_count_is_refused_without_building_thousands_of_forms(client):
    client.force_login(factories.editor())
    response = client.post(
        reverse("claims:claim-create"),
        {
            "text": "",
            "kind": "other",
            "credibility": "6",
            "attributions-TOTAL_FORMS": "2000",
            "attributions-INITIAL_FORMS": "0",
            "attributions-MIN_NUM_FORMS": "1",
            "attributions-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 400
    assert response.content.count(b'name="attributions-') < 20 * 10
    assert not Claim.objects.exists()
