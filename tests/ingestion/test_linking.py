"""Proposals link to what the tracker holds: the claims they probably repeat
and the events they probably belong to; accepting can add an attribution to
an existing claim or file a new claim under a suggested event."""

import pytest
from django.urls import reverse
from rapidfuzz import fuzz

from claims.models import Attribution, Claim
from claims.services import claim_create
from ingestion.selectors import SIMILAR_TEXT, proposal_links, proposals_for_document
from ingestion.services import proposal_accept
from tests.factories import EventFactory, SourceFactory

pytestmark = pytest.mark.django_db

ARTICLE = "Quake toll rises\nThe Interior Ministry said at least 30 people were killed in Sava.\n"


@pytest.fixture
def ministry(db):
    return SourceFactory(name="Interior Ministry", slug="interior-ministry")


@pytest.fixture
def existing(ministry, editor_user):
    event = EventFactory(title="Sava earthquake")
    return claim_create(
        text="At least 30 people were killed in Sava",
        created_by=editor_user,
        kind=Claim.Kind.FIGURE,
        event=event,
        quantity_subject="people killed",
        value_low=30,
        value_high=30,
        qualifier="at_least",
        attributions=[{"source": ministry, "form": Attribution.Form.STATEMENT}],
    )


def test_a_proposal_repeating_an_existing_claim_is_linked_to_it_and_its_event(existing, editor_user, ingest):
    document = ingest(body=ARTICLE, user=editor_user)
    proposals = list(proposals_for_document(document_id=document.pk))
    links = proposal_links(document=document, proposals=proposals)[proposals[0].pk]
    assert [link.claim for link in links.claims] == [existing]
    assert "same speaker" in links.claims[0].reason
    assert links.events == [existing.event]


def test_accepting_as_an_attribution_adds_a_source_to_the_existing_claim_not_a_duplicate(
    existing, editor_user, ingest
):
    document = ingest(body=ARTICLE, user=editor_user)
    proposal = document.claim_proposals.get()
    claim = proposal_accept(proposal_id=proposal.pk, user=editor_user, existing_claim_id=existing.pk)
    assert claim == existing
    assert Claim.objects.count() == 1
    attribution = existing.attributions.get(document=document)
    assert document.body[attribution.excerpt_start : attribution.excerpt_end] == proposal.excerpt
    proposal.refresh_from_db()
    assert (proposal.status, proposal.claim) == ("accepted", existing)


def test_the_review_page_offers_both_ways_and_accepts_into_the_suggested_event(
    client, existing, editor_user, ingest
):
    document = ingest(body=ARTICLE, user=editor_user)
    client.force_login(editor_user)
    page = client.get(reverse("ingestion:proposal-review", kwargs={"pk": document.pk})).content.decode()
    assert 'data-testid="accept-as-attribution"' in page and "Sava earthquake" in page
    proposal = document.claim_proposals.get()
    response = client.post(
        reverse("ingestion:proposal-accept", kwargs={"pk": proposal.pk}), {"event": existing.event_id}
    )
    assert response.status_code == 302
    new_claim = Claim.objects.exclude(pk=existing.pk).get()
    assert new_claim.event == existing.event


def test_a_bad_claim_choice_is_refused_and_changes_nothing(client, existing, editor_user, ingest):
    document = ingest(body=ARTICLE, user=editor_user)
    proposal = document.claim_proposals.get()
    client.force_login(editor_user)
    client.post(reverse("ingestion:proposal-accept", kwargs={"pk": proposal.pk}), {"existing_claim": "x1"})
    client.post(reverse("ingestion:proposal-accept", kwargs={"pk": proposal.pk}), {"existing_claim": "99999"})
    proposal.refresh_from_db()
    assert proposal.status == "proposed"
    assert Claim.objects.count() == 1 and existing.attributions.count() == 1


def test_wording_alike_from_another_speaker_is_linked_by_similarity(editor_user, ingest):
    other = SourceFactory(name="Red Crescent", slug="red-crescent")
    claim = claim_create(
        text="At least 30 people were killed in Sava",
        created_by=editor_user,
        attributions=[{"source": other, "form": Attribution.Form.PARAPHRASE}],
    )
    document = ingest(body=ARTICLE, user=editor_user)
    proposals = list(proposals_for_document(document_id=document.pk))
    (link,) = proposal_links(document=document, proposals=proposals)[proposals[0].pk].claims
    assert link.claim == claim and "alike" in link.reason


@pytest.mark.parametrize(
    ("a", "b", "alike"),
    [
        (
            "At least 30 people were killed in Sava",
            "The ministry said at least 30 people were killed in Sava",
            True,
        ),
        ("Rebels seized the airport", "The rebels seized the city's airport on Friday", True),
        (
            "At least 30 people were killed in Sava",
            "Rescuers pulled 12 survivors from the rubble in Sava",
            False,
        ),
        ("The army withdrew from the town", "The army said it shelled rebel positions near the town", False),
    ],
)
def test_the_similarity_threshold_separates_restatements_from_other_claims(a, b, alike):
    assert (fuzz.token_set_ratio(a.lower(), b.lower()) >= SIMILAR_TEXT) is alike


JOINT_ARTICLE = (
    "Border talks\nThe Norland ministry and the Estavian ministry said 48 guards had been freed.\n"
)


@pytest.fixture
def joint_speakers(db):
    return (
        SourceFactory(name="Norland ministry", slug="norland-ministry"),
        SourceFactory(name="Estavian ministry", slug="estavian-ministry"),
    )


def test_a_joint_statement_becomes_one_claim_credited_to_both_speakers(joint_speakers, editor_user, ingest):
    """Given two speakers of one statement, when the first proposal is accepted,
    then the second offers that claim first and accepting it there adds the
    second speaker's attribution: one claim, two sources, same figure."""
    norland, estavia = joint_speakers
    document = ingest(body=JOINT_ARTICLE, user=editor_user)
    first, second = proposals_for_document(document_id=document.pk)
    assert {first.source, second.source} == {norland, estavia}
    assert (first.value_low, second.value_low) == (48, 48)
    assert first.joint_with == [second.source.name] and second.joint_with == [first.source.name]

    claim = proposal_accept(proposal_id=first.pk, user=editor_user)
    proposals = list(proposals_for_document(document_id=document.pk))
    links = proposal_links(document=document, proposals=proposals)
    offered = links[second.pk].claims[0]
    assert (offered.claim, offered.reason) == (claim, "the same joint statement")

    proposal_accept(proposal_id=second.pk, user=editor_user, existing_claim_id=claim.pk)
    assert Claim.objects.count() == 1
    assert set(claim.attributions.values_list("source", flat=True)) == {norland.pk, estavia.pk}


def test_the_review_page_says_who_spoke_together(joint_speakers, editor_user, ingest, client):
    document = ingest(body=JOINT_ARTICLE, user=editor_user)
    client.force_login(editor_user)
    page = client.get(reverse("ingestion:proposal-review", args=[document.pk])).content.decode()
    assert 'data-testid="joint-with">Estavian ministry' in page
    assert 'data-testid="joint-with">Norland ministry' in page
