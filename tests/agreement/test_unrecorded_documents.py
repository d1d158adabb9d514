"""An excerpt recorded without its document: where it was printed is unknown,
not "another document". It never makes a figure "only from a party" (no
party-only flag, no credibility cap), and it never counts as an independent
origin (no corroboration, no suggestion) by itself (claims/echoes.py,
claims/origins.py)."""

import pytest

from claims.echoes import may_share_copy, shares_copy
from claims.models import Claim, ClaimRelation, ConflictFlag
from claims.origins import claim_origins
from claims.services import claim_create
from tests.detection.conftest import check
from tests.factories import DocumentFactory, SourceFactory

from .test_echo_origins import AGENCY_COPY, bodies

pytestmark = pytest.mark.django_db


@pytest.fixture
def wire(db):
    return SourceFactory(name="Wire agency", slug="wire", kind="news_outlet")


@pytest.fixture
def paper(db):
    return SourceFactory(name="Daily paper", slug="paper", kind="news_outlet")


def quoted(source, excerpt: str = AGENCY_COPY, *, document=None) -> dict:
    """An attribution quoting `excerpt`; without `document`, none is recorded."""
    return {"source": source, "excerpt": excerpt, "document": document}


def on_its_page(source, excerpt: str = AGENCY_COPY) -> dict:
    return quoted(source, excerpt, document=DocumentFactory(body=f"{source.name} reports. {excerpt}"))


def origins(claim):
    return claim_origins(claim_ids=[claim.pk])[claim.pk]


def test_a_passage_with_an_unrecorded_document_is_possible_copy_never_shown_copy():
    twelve = "one two three four five six seven eight nine ten eleven twelve"
    assert not shares_copy({(None, twelve)}, {(2, twelve)})
    assert not shares_copy({(None, twelve)}, {(None, twelve)})
    assert may_share_copy({(None, twelve)}, {(2, twelve)})
    assert may_share_copy({(None, twelve)}, {(None, twelve)})
    # Known to be one document: one sentence naming two speakers, not copy.
    assert not may_share_copy({(1, twelve)}, {(1, twelve)})


def test_an_outlet_quoting_a_partys_words_without_its_page_does_not_make_the_figure_party_only(
    event, ministry, paper
):
    claim = bodies(event, on_its_page(ministry), quoted(paper))
    check(claim)
    assert not ConflictFlag.objects.filter(rule=ConflictFlag.Rule.PARTY_ONLY_SOURCING, claim_a=claim).exists()
    assert not origins(claim).party_only


def test_an_outlet_quoting_a_partys_words_without_its_page_does_not_cap_the_credibility(
    event, ministry, paper
):
    claim = bodies(event, on_its_page(ministry), quoted(paper), credibility=Claim.Credibility.PROBABLY_TRUE)
    assert claim.credibility == Claim.Credibility.PROBABLY_TRUE


def test_an_outlet_quoting_a_partys_words_without_its_page_is_no_second_origin(event, ministry, paper):
    summary = origins(bodies(event, on_its_page(ministry), quoted(paper)))
    assert summary.count == 1
    assert not summary.supports_corroboration


def test_two_sources_quoting_one_passage_without_pages_are_not_suggested_corroborated(event, wire, paper):
    summary = origins(bodies(event, quoted(wire), quoted(paper)))
    assert summary.count == 1
    assert not summary.supports_corroboration


def test_two_claims_sharing_a_passage_without_their_pages_do_not_corroborate(event, wire, paper):
    first = bodies(event, quoted(wire))
    second = bodies(event, quoted(paper))
    check(first)
    check(second)
    assert not ClaimRelation.objects.filter(relation_type=ClaimRelation.Type.CORROBORATES).exists()


def test_a_shared_passage_with_one_page_unrecorded_does_not_corroborate(event, wire, paper):
    first = bodies(event, on_its_page(wire))
    second = bodies(event, quoted(paper))
    check(second)
    assert not ClaimRelation.objects.filter(
        relation_type=ClaimRelation.Type.CORROBORATES, from_claim__in=[first, second]
    ).exists()


def test_two_outlets_in_their_own_words_without_pages_still_corroborate(event, wire, paper):
    own = "Volunteers carried thirty one bodies out of the ruins of the apartment block before dawn."
    first = bodies(event, quoted(wire))
    second = bodies(event, quoted(paper, own))
    check(second)
    relation = ClaimRelation.objects.get(relation_type=ClaimRelation.Type.CORROBORATES)
    assert {relation.from_claim_id, relation.to_claim_id} == {first.pk, second.pk}


def test_a_partys_figure_without_a_page_is_still_party_only_when_nobody_else_backs_it(event, ministry):
    claim = claim_create(
        text="31 bodies recovered from the collapsed block.",
        kind=Claim.Kind.FIGURE,
        event=event,
        quantity_subject="bodies recovered",
        value_low=31,
        attributions=[quoted(ministry)],
    )
    check(claim)
    assert ConflictFlag.objects.filter(rule=ConflictFlag.Rule.PARTY_ONLY_SOURCING, claim_a=claim).exists()


def test_a_figure_that_may_print_a_partys_words_is_the_conservative_figure_but_no_second_origin(
    client, event, ministry, paper
):
    """Not known to be the party's words, so not kept out as a party's figure
    (as the claim is not "only from a party"); one origin with the party all
    the same, so it corroborates nothing."""
    from rest_framework.test import APIClient

    from detection.figure_summary import event_figure_summaries
    from tests.factories import viewer

    bodies(event, on_its_page(ministry))
    bodies(event, quoted(paper))
    [summary] = event_figure_summaries(event=event)
    assert len({row.counted_origin for row in summary.rows}) == 1
    assert summary.conservative.source == paper
    assert not summary.party_only
    assert summary.agreeing_origins == [
        "Syrian government and allies; Daily paper may repeat it (a passage in common, a document not recorded)"
    ]

    api = APIClient()
    api.force_authenticate(viewer())
    [body] = api.get(f"/api/v1/events/{event.pk}/figures/").json()
    assert body["conservative"]["source"] == "Daily paper"
    assert body["conservative"]["may_repeat"] == "Syrian government and allies"
    assert body["agreeing_independent_origins"] == 1

    client.force_login(viewer())
    page = client.get(event.get_absolute_url()).content.decode()
    assert "(Daily paper, which may repeat Syrian government and allies: a passage in common" in page
    assert "corroborates nothing" in page


def test_a_figure_shown_to_print_a_partys_words_stays_out_of_the_conservative_figure(event, ministry, paper):
    from detection.figure_summary import event_figure_summaries

    bodies(event, on_its_page(ministry))
    bodies(event, on_its_page(paper))
    [summary] = event_figure_summaries(event=event)
    assert summary.conservative is None
    assert summary.party_only


def test_the_figure_summary_says_a_figure_may_repeat_a_partys_words_rather_than_that_it_does(
    client, event, ministry, paper
):
    from rest_framework.test import APIClient

    from detection.figure_summary import event_figure_summaries
    from tests.factories import viewer

    bodies(event, on_its_page(ministry))
    bodies(event, quoted(paper))
    [summary] = event_figure_summaries(event=event)
    paper_row = next(row for row in summary.rows if row.source == paper)
    # Counted as the party's origin, but not shown to print its words.
    assert (paper_row.republishes, paper_row.may_republish) == ("", "Syrian government and allies")

    api = APIClient()
    api.force_authenticate(viewer())
    [body] = api.get(f"/api/v1/events/{event.pk}/figures/").json()
    rows = {row["source"]["name"]: row for row in body["rows"]}
    assert (rows["Daily paper"]["republishes"], rows["Daily paper"]["may_republish"]) == (
        "",
        "Syrian government and allies",
    )
    assert rows["Russian Ministry of Defence"]["may_republish"] == ""

    client.force_login(viewer())
    page = client.get(event.get_absolute_url()).content.decode()
    assert "may repeat Syrian government and allies (a passage in common, a document not recorded)" in page
    assert "republishes Syrian government and allies" not in page


def test_with_both_pages_recorded_the_figure_summary_says_the_outlet_republishes_the_partys_words(
    event, ministry, paper
):
    from detection.figure_summary import event_figure_summaries

    bodies(event, on_its_page(ministry))
    bodies(event, on_its_page(paper))
    [summary] = event_figure_summaries(event=event)
    paper_row = next(row for row in summary.rows if row.source == paper)
    assert (paper_row.republishes, paper_row.may_republish) == ("Syrian government and allies", "")


def test_the_claim_page_says_an_outlet_may_repeat_a_partys_words_rather_than_that_it_republishes_them(
    client, event, ministry, paper
):
    from tests.factories import viewer

    claim = bodies(event, on_its_page(ministry), quoted(paper))
    assert origins(claim).names == [
        "Syrian government and allies (party: Russian Ministry of Defence); Daily paper may repeat it "
        "(a passage in common, a document not recorded)"
    ]
    client.force_login(viewer())
    page = client.get(claim.get_absolute_url()).content.decode()
    assert "Daily paper may repeat it (a passage in common, a document not recorded)" in page
    assert "republished by Daily paper" not in page


def test_two_outlets_quoting_one_passage_without_pages_are_not_called_the_same_text(event, wire, paper):
    # Neither page recorded: they may be one article naming both, or one copying the other.
    assert origins(bodies(event, quoted(wire), quoted(paper))).names == [
        "Wire agency; Daily paper may repeat it (a passage in common, a document not recorded)"
    ]


def test_the_api_lists_a_possible_copy_apart_from_a_shown_one(event, ministry, wire, paper):
    from rest_framework.test import APIClient

    from tests.factories import viewer

    claim = bodies(event, on_its_page(ministry), on_its_page(wire), quoted(paper))
    api = APIClient()
    api.force_authenticate(viewer())
    [origin] = api.get(f"/api/v1/claims/{claim.pk}/").json()["origins"]["origins"]
    assert origin["republished_by"] == ["Wire agency"]
    assert origin["may_repeat"] == ["Daily paper"]
    assert origin["name"] == (
        "Syrian government and allies (party: Russian Ministry of Defence), republished by Wire agency; "
        "Daily paper may repeat it (a passage in common, a document not recorded)"
    )
