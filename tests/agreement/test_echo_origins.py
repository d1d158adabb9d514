"""Republished copy counts as one origin everywhere: the claim page, the API,
the corroboration suggestions, the party-only credibility cap and the figure
summary (claims/echoes.py, claims/origins.py)."""

import datetime as dt
import itertools

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from claims.echoes import passage_shared, shares_copy
from claims.models import Claim, ClaimRelation
from claims.origins import Credit, claim_origins, claims_suggested_corroborated, origins_of
from claims.services import claim_create, relation_create
from detection.figure_summary import event_figure_summaries
from tests.factories import DocumentFactory, EventFactory, SourceFactory, viewer

pytestmark = pytest.mark.django_db

# Fifteen words an agency put out, printed as they came by the outlets below.
AGENCY_COPY = (
    "Rescue teams recovered thirty one bodies from the collapsed apartment block in the district overnight."
)
EARLY = dt.datetime(2026, 11, 29, 8, tzinfo=dt.UTC)
LATE = dt.datetime(2026, 11, 29, 15, tzinfo=dt.UTC)
PAGES = itertools.count()


@pytest.fixture
def wire(db):
    return SourceFactory(name="Wire agency", slug="wire", kind="news_outlet")


@pytest.fixture
def paper(db):
    return SourceFactory(name="Daily paper", slug="paper", kind="news_outlet")


def credit(source, excerpt: str, *, published=None, document=None) -> dict:
    """An attribution quoting `excerpt` from a document of its own (or `document`)."""
    if document is None:
        # Each outlet's own page around the text (documents are unique by content).
        document = DocumentFactory(
            body=f"{source.name} reports. {excerpt} Page {next(PAGES)}.", published_at=published
        )
    return {"source": source, "document": document, "excerpt": excerpt}


def bodies(event, *credits, credibility=Claim.Credibility.CANNOT_JUDGE) -> Claim:
    return claim_create(
        text="31 bodies recovered from the collapsed block.",
        kind=Claim.Kind.FIGURE,
        event=event,
        quantity_subject="bodies recovered",
        value_low=31,
        qualifier=Claim.Qualifier.EXACT,
        attributions=list(credits),
        credibility=credibility,
    )


def origins(claim):
    return claim_origins(claim_ids=[claim.pk])[claim.pk]


def test_two_outlets_printing_the_same_copy_are_one_origin_named_after_the_first(event, wire, paper):
    claim = bodies(
        event, credit(paper, AGENCY_COPY, published=LATE), credit(wire, AGENCY_COPY, published=EARLY)
    )
    summary = origins(claim)
    assert summary.count == 1
    assert summary.names == ["Wire agency, republished by Daily paper"]
    assert not summary.supports_corroboration


def test_which_outlet_came_first_is_not_guessed_without_dates(event, wire, paper):
    claim = bodies(event, credit(wire, AGENCY_COPY), credit(paper, AGENCY_COPY))
    assert origins(claim).names == ["Wire agency and Daily paper, the same text"]


def test_copy_with_a_clause_added_or_cut_is_still_one_origin(event, wire, paper):
    claim = bodies(
        event,
        credit(wire, AGENCY_COPY + " Civil defence said the search would go on."),
        credit(paper, "Volunteer " + AGENCY_COPY.removeprefix("Rescue ")[:-1] + ", according to the agency."),
    )
    assert origins(claim).count == 1


def test_an_echo_linked_as_corroboration_is_not_suggested_corroborated(client, event, wire, paper):
    original = bodies(event, credit(wire, AGENCY_COPY, published=EARLY))
    echo = bodies(event, credit(paper, AGENCY_COPY, published=LATE))
    relation_create(from_claim=echo, to_claim=original, relation_type=ClaimRelation.Type.CORROBORATES)
    assert origins(echo).count == 1
    assert echo.pk not in {claim.pk for claim in claims_suggested_corroborated()}
    client.force_login(viewer())
    page = client.get(echo.get_absolute_url()).content.decode()
    assert "1 independent origin (Wire agency, republished by Daily paper)" in page
    assert "Suggested status" not in page


def test_an_outlet_printing_a_partys_words_leaves_the_claim_party_only(event, ministry, paper):
    statement = credit(ministry, AGENCY_COPY, published=EARLY)
    printed = credit(paper, AGENCY_COPY, published=LATE)
    with pytest.raises(ValidationError) as error:
        bodies(event, statement, printed, credibility=Claim.Credibility.PROBABLY_TRUE)
    assert "every origin of this claim is a party" in str(error.value.message_dict["credibility"]).lower()
    claim = bodies(event, credit(ministry, AGENCY_COPY), credit(paper, AGENCY_COPY))
    summary = origins(claim)
    assert summary.party_only
    assert summary.names == [
        "Syrian government and allies (party: Russian Ministry of Defence), republished by Daily paper"
    ]


def test_two_outlets_in_their_own_words_are_two_origins(event, wire, paper):
    claim = bodies(
        event,
        credit(wire, AGENCY_COPY),
        credit(
            paper,
            "Our correspondent watched volunteers carry 31 bodies out of the ruins before dawn on Sunday.",
        ),
    )
    summary = origins(claim)
    assert summary.count == 2
    assert summary.supports_corroboration


def test_one_article_naming_two_speakers_in_one_sentence_is_two_origins(event, monitor, wire):
    sentence = "Both the monitor and the agency put the number of bodies recovered from the collapsed block at 31 on Sunday."
    document = DocumentFactory(body=f"Report. {sentence} More later.")
    claim = bodies(
        event, credit(monitor, sentence, document=document), credit(wire, sentence, document=document)
    )
    assert origins(claim).count == 2


def test_a_sentence_naming_two_speakers_reprinted_elsewhere_still_has_two_origins(
    event, monitor, wire, paper
):
    sentence = "Both the monitor and the agency put the number of bodies recovered from the collapsed block at 31 on Sunday."
    document = DocumentFactory(body=f"Report. {sentence} More later.")
    claim = bodies(
        event,
        credit(monitor, sentence, document=document),
        credit(wire, sentence, document=document),
        credit(wire, sentence),
        credit(paper, sentence),
    )
    summary = origins(claim)
    assert summary.count == 2
    assert "Daily paper" in " ".join(summary.names)


def test_a_short_phrase_in_common_is_not_copy(event, wire, paper):
    claim = bodies(event, credit(wire, "31 bodies were recovered"), credit(paper, "31 bodies were recovered"))
    assert origins(claim).count == 2


def test_eleven_words_in_a_row_are_not_copy_twelve_are():
    eleven = "one two three four five six seven eight nine ten eleven"
    assert not passage_shared(f"{eleven} alpha beta", f"gamma delta {eleven}")
    assert passage_shared(f"{eleven} twelve alpha", f"gamma {eleven} twelve")
    assert not shares_copy({(1, f"{eleven} twelve")}, {(1, f"{eleven} twelve")})
    assert shares_copy({(1, f"{eleven} twelve")}, {(2, f"{eleven} twelve")})


def test_a_copy_chain_is_one_origin():
    """The agency's copy printed by a paper, the paper's longer story lifted by a site."""
    agency, paper, site = (SourceFactory.build(id=n, name=name) for n, name in ((1, "A"), (2, "B"), (3, "C")))
    first = "one two three four five six seven eight nine ten eleven twelve"
    second = "thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty twentyone twentytwo twentythree x"
    found = origins_of(
        [
            Credit(source=site, document_id=3, copy=second),
            Credit(source=agency, document_id=1, copy=first),
            Credit(source=paper, document_id=2, copy=f"{first} {second}"),
        ]
    )
    assert len(found) == 1
    assert {*found[0].source_names, *found[0].republished_by} == {"A", "B", "C"}
    assert not found[0].first_known


def test_the_api_says_which_sources_republish_which(event, wire, paper, monitor):
    claim = bodies(
        event,
        credit(wire, AGENCY_COPY, published=EARLY),
        credit(paper, AGENCY_COPY, published=LATE),
        credit(
            monitor, "The monitor counted 31 dead at the block, most of them women and children, it said."
        ),
    )
    api = APIClient()
    api.force_authenticate(viewer())
    body = api.get(f"/api/v1/claims/{claim.pk}/").json()["origins"]
    assert body["count"] == 2
    assert body["origins"] == [
        {
            "name": "Wire agency, republished by Daily paper",
            "is_party": False,
            "sources": ["Wire agency"],
            "republished_by": ["Daily paper"],
            "may_repeat": [],
        },
        {
            "name": "Syrian Observatory for Human Rights",
            "is_party": False,
            "sources": ["Syrian Observatory for Human Rights"],
            "republished_by": [],
            "may_repeat": [],
        },
    ]


def test_the_figure_summary_counts_republished_copy_once(event, wire, paper, monitor):
    bodies(event, credit(wire, AGENCY_COPY, published=EARLY))
    bodies(event, credit(paper, AGENCY_COPY, published=LATE))
    [summary] = event_figure_summaries(event=event)
    assert len(summary.rows) == 2
    assert summary.agreeing_origins == ["Wire agency, republished by Daily paper"]
    assert {row.source.name: row.republishes for row in summary.rows} == {
        "Wire agency": "",
        "Daily paper": "Wire agency",
    }
    bodies(
        event,
        credit(
            monitor, "The monitor counted 31 dead at the block, most of them women and children, it said."
        ),
    )
    [summary] = event_figure_summaries(event=event)
    assert len(summary.agreeing_origins) == 2


def test_a_figure_printed_from_a_partys_statement_is_no_conservative_figure(event, ministry, paper):
    bodies(event, credit(ministry, AGENCY_COPY, published=EARLY))
    bodies(event, credit(paper, AGENCY_COPY, published=LATE))
    [summary] = event_figure_summaries(event=event)
    assert summary.conservative is None
    assert summary.party_only


def test_the_event_page_shows_who_republishes_whom(client, event, wire, paper):
    bodies(event, credit(wire, AGENCY_COPY, published=EARLY))
    bodies(event, credit(paper, AGENCY_COPY, published=LATE))
    client.force_login(viewer())
    page = client.get(event.get_absolute_url()).content.decode()
    assert "republishes Wire agency" in page


@pytest.mark.parametrize("count", [2, 12])
def test_a_page_of_claims_with_republished_copy_costs_a_fixed_number_of_queries(
    count, django_assert_max_num_queries
):
    for _ in range(count):
        event = EventFactory()
        wire = SourceFactory()
        original = bodies(event, credit(wire, AGENCY_COPY, published=EARLY))
        echo = bodies(event, credit(SourceFactory(), AGENCY_COPY, published=LATE))
        relation_create(from_claim=echo, to_claim=original, relation_type=ClaimRelation.Type.CORROBORATES)
    api = APIClient()
    api.force_authenticate(viewer())
    # Permission look-ups, count, page, the attributions and relations, and
    # one query for the corroborating claims' credits.
    with django_assert_max_num_queries(8):
        results = api.get("/api/v1/claims/?page_size=30").json()["results"]
    assert len(results) == 2 * count
    assert {row["origins"]["count"] for row in results} == {1}


@pytest.mark.parametrize("count", [2, 12])
def test_an_event_page_with_republished_copy_costs_a_fixed_number_of_queries(
    count, client, django_assert_max_num_queries
):
    event = EventFactory()
    for _ in range(count):
        bodies(event, credit(SourceFactory(), AGENCY_COPY, published=EARLY))
    client.force_login(viewer())
    client.get(reverse("claims:claim-list"))  # warm the permission cache
    with django_assert_max_num_queries(10):
        response = client.get(event.get_absolute_url())
    assert len(response.context["timeline"]) == count


def test_party_only_sourcing_still_flags_a_partys_figure_an_outlet_printed_word_for_word(
    event, ministry, paper
):
    from claims.models import ConflictFlag
    from tests.detection.conftest import check

    claim = bodies(
        event, credit(ministry, AGENCY_COPY, published=EARLY), credit(paper, AGENCY_COPY, published=LATE)
    )
    check(claim)
    [flag] = ConflictFlag.objects.filter(rule=ConflictFlag.Rule.PARTY_ONLY_SOURCING, claim_a=claim)
    assert "printed word for word by" in flag.explanation
    assert "Daily paper" in flag.explanation


def test_party_only_sourcing_is_cleared_by_an_outlet_in_its_own_words(event, ministry, paper):
    from claims.models import ConflictFlag
    from tests.detection.conftest import check

    own_words = "Our correspondent watched volunteers carry 31 bodies out of the ruins before dawn on Sunday."
    claim = bodies(event, credit(ministry, AGENCY_COPY), credit(paper, own_words))
    check(claim)
    assert not ConflictFlag.objects.filter(rule=ConflictFlag.Rule.PARTY_ONLY_SOURCING, claim_a=claim).exists()
