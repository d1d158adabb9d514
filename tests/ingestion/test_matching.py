"""Source matching never merges different actors: full name or alias only,
generic aliases only inside the document that named the source, partial
matches proposed as "new source, similar to X"."""

import pytest

from ingestion.extraction import KnownSource, Lexicon, extract_claims
from ingestion.extraction.matching import SourceMatcher, is_generic
from ingestion.models import ClaimProposal
from ingestion.services import proposal_accept
from sources.models import Source
from tests.factories import SourceFactory

LEXICON = Lexicon.starting()
WIRE = KnownSource(1, "Wire agency desk", ("the wire", "the agency"))
RUSSIA = KnownSource(2, "Russian Ministry of Defence", ("Russia", "Russian defence ministry"))
RESIDENTS = KnownSource(3, "Aleppo residents and fighters", ("residents", "residents and fighters"))
DEMO = [WIRE, RUSSIA, RESIDENTS]


def speakers(text, sources=DEMO):
    return [
        (c.speaker_name, c.source_id, c.similar_source_id)
        for c in extract_claims(text, lexicon=LEXICON, sources=sources)
    ]


@pytest.mark.parametrize(
    ("name", "generic"),
    [
        ("the agency", True),
        ("residents", True),
        ("residents and fighters", True),
        ("the Observatory", True),
        ("Russia", False),
        ("SOHR", False),
        ("Syrian army", False),
    ],
)
def test_generic_names_are_recognised(name, generic):
    assert is_generic(name) is generic


def test_a_un_agency_is_not_the_demo_wire_desk():
    assert speakers("The UN refugee agency said three drivers were killed.") == [
        ("UN refugee agency", None, None)
    ]


def test_the_agency_of_another_story_resolves_to_the_agency_named_in_this_document():
    found = speakers(
        "The UN refugee agency said a convoy was hit. The agency said three drivers were killed."
    )
    assert found == [("UN refugee agency", None, None), ("UN refugee agency", None, None)]


def test_a_generic_alias_resolves_once_the_source_is_named_in_the_same_document():
    found = speakers(
        "The Wire agency desk said it had a reporter there. The agency said 12 people were hurt."
    )
    assert [source for _, source, _ in found] == [1, 1]


def test_a_generic_alias_alone_is_a_new_source_similar_to_the_known_one():
    assert speakers("The agency said 12 people were hurt.") == [("agency", None, 1)]


def test_another_countrys_defence_ministry_is_not_the_russian_one():
    assert speakers("The defence ministry said dozens of fighters had been detained.") == [
        ("defence ministry", None, 2)
    ]


def test_residents_of_another_town_are_not_aleppo_residents():
    assert speakers("Residents of Marla said the water rose fast.")[0][1] is None


def test_a_full_specific_alias_still_matches():
    assert speakers("Russia said 200 militants were killed.") == [("Russian Ministry of Defence", 2, None)]


def test_a_partial_name_is_similar_never_matched():
    matcher = SourceMatcher(DEMO)
    found = matcher.lookup("residents and fighters")
    assert (found.source, found.similar) == (None, RESIDENTS)


@pytest.mark.django_db
def test_a_generic_alias_named_in_one_document_does_not_resolve_in_another(editor_user, ingest):
    wire = SourceFactory(name="Wire agency desk", slug="wire", aliases=["the agency"])
    first = ingest(
        body="A\nThe Wire agency desk said it had a reporter there.\n", user=editor_user, title="A"
    )
    second = ingest(body="B\nThe agency said 12 people were hurt.\n", user=editor_user, title="B")
    assert first.claim_proposals.get().source == wire
    other = second.claim_proposals.get()
    assert other.source is None
    assert (other.proposed_source_name, other.similar_source) == ("agency", wire)


@pytest.mark.django_db
def test_a_relayer_that_is_not_a_source_yet_becomes_one_on_accept(editor_user, ingest):
    document = ingest(
        body="Story\nThe Red Cross said 60 people were hurt, according to a statement carried by Hill Radio.\n",
        user=editor_user,
    )
    proposal = document.claim_proposals.get()
    assert proposal.relayed_by is None and proposal.relayed_by_text == "Hill Radio"
    claim = proposal_accept(proposal_id=proposal.pk, user=editor_user)
    relayer = Source.objects.get(name="Hill Radio")
    assert claim.attributions.get().relayed_by == relayer
    assert ClaimProposal.objects.get(pk=proposal.pk).relayed_by == relayer


def test_a_surname_alone_is_the_person_named_in_full_earlier_in_the_document():
    text = "Lucia Amar and Dario Fenn are close. Amar said more than 5,000 postal votes were unopened."
    assert speakers(text, sources=[]) == [("Lucia Amar", None, None)]


@pytest.mark.parametrize(
    ("phrase", "similar"),
    [
        ("Levant army", None),  # shares "levant" with both, is neither
        ("Red Crescent", None),
        ("Civil Rights Watch", None),
        ("the Levant defence ministry", "Levant Ministry of Defence"),
        ("monitors and observers", None),
    ],
)
def test_names_sharing_a_word_are_not_offered_as_the_same_actor(phrase, similar):
    sources = [
        KnownSource(1, "Levant Monitor for Civil Rights", ("LMCR",)),
        KnownSource(2, "Free Levant Army", ()),
        KnownSource(3, "Red Cross", ()),
        KnownSource(4, "Levant Ministry of Defence", ()),
    ]
    found = SourceMatcher(sources).lookup(phrase)
    assert found.source is None
    assert (found.similar.name if found.similar else None) == similar


def test_its_ministry_is_a_part_of_the_actor_just_named_not_a_known_ministry_of_that_name():
    interior = KnownSource(9, "Interior Ministry", ("Norland interior ministry",))
    text = "The Upland regional government said 4 people died. Its interior ministry said 30 roads were cut."
    found = speakers(text, [interior])
    assert found[-1] == ("interior ministry", None, 9)  # a new source, only similar


def test_which_said_after_an_object_is_that_object_not_the_whole_clause():
    text = "The militia blamed the border police, which said it had searched 12 lorries."
    assert ("border police", None, None) in speakers(text, [])
    assert not any("blamed" in name for name, _, _ in speakers(text, []))


def test_which_said_after_a_participle_and_its_object_is_that_object():
    text = "The ministry said 60 people died, contradicting the army, which said 20 people died."
    found = extract_claims(text, lexicon=LEXICON, sources=[])
    assert {(c.speaker_name, c.figure.value_low) for c in found} == {("ministry", 60), ("army", 20)}
