"""Who relays a claim, and whose words a nested statement is: "told parliament"
relays nothing, "told Reuters" does; "a statement by the mayor that 10 ..."
is the mayor's figure, not the sentence's main speaker's."""

import pytest

from ingestion.extraction import Lexicon, extract_claims

LEXICON = Lexicon.starting()


def extract(text):
    return extract_claims(text, lexicon=LEXICON, sources=[])


@pytest.mark.parametrize(
    ("listener", "relay"),
    [
        ("Reuters", "Reuters"),
        ("state television", "state television"),
        ("a local journalist", "local journalist"),
        ("parliament", ""),
        ("the conference", ""),
        ("a rally of supporters", ""),
        ("the Security Council", ""),
    ],
)
def test_only_a_listener_that_publishes_relays_the_claim(listener, relay):
    [candidate] = extract(f"The prime minister told {listener} that 5 bridges had been rebuilt.")
    assert candidate.speaker_name == "prime minister"
    assert candidate.relayed_by_text == relay


def test_a_figure_in_a_statement_by_someone_else_is_theirs():
    text = (
        "Border guards said 3 smugglers had been caught, contradicting an earlier "
        "statement by the harbour master that 10 boats were seized."
    )
    credited = {c.figure.value_low: c.speaker_name for c in extract(text) if c.figure}
    assert credited == {3: "Border guards", 10: "harbour master"}


def test_a_claim_someone_dismissed_names_who_dismissed_it():
    text = "The governor said 4 villages were retaken, a claim insurgents dismissed as lies."
    speakers = {c.speaker_name for c in extract(text)}
    assert speakers == {"governor", "insurgents"}


@pytest.mark.parametrize(
    "text",
    [
        "Farmers said the militia holds 2 wells, not the 10 villages the militia claimed.",
        "Farmers said the militia holds 2 wells, but not the 10 villages its commanders reported.",
    ],
)
def test_a_figure_someone_else_claimed_in_an_object_clause_is_theirs(text):
    credited = {c.figure.value_low: c.speaker_name for c in extract(text) if c.figure}
    assert credited[2] == "Farmers"
    assert credited[10] in {"militia", "commanders"}


def credits(text):
    return [
        (c.speaker_name, c.figure.value_low if c.figure else None, c.speaker_unbound) for c in extract(text)
    ]


@pytest.mark.parametrize(
    ("closing", "relay"),
    [
        ("in a statement carried by the state news agency", "state news agency"),
        ("in comments published by the Harbour Gazette", "Harbour Gazette"),
        ("in remarks carried by state media", "state media"),
        ("in a statement read out at a news conference", ""),
    ],
)
def test_a_relay_named_in_an_apposition_passes_the_statement_on(closing, relay):
    [candidate] = extract(f"The transport ministry said 27 ferries were suspended, {closing}.")
    assert (candidate.speaker_name, candidate.figure.value_low) == ("transport ministry", 27)
    assert candidate.relayed_by_text == relay


def test_an_official_before_the_verb_is_the_speaker_not_an_adjective():
    # "official" was read as an adjective ("its official estimate"), which
    # dropped the cue and left the figure in the publication's voice.
    text = '"At least 50 of our fighters were killed," a militia official told AFP.'
    [candidate] = extract(text)
    assert (candidate.speaker_name, candidate.figure.value_low) == ("militia official", 50)
    assert candidate.relayed_by_text == "AFP"
    assert credits("The port authority earlier said 12 cranes fell.") == [("port authority", 12, False)]


def test_a_speaker_who_spoke_in_a_relative_clause_keeps_that_figure():
    text = "The mayor, who said last week that 300 homes were destroyed, told residents the number was 450."
    assert credits(text) == [("mayor", 300, False), ("mayor", 450, False)]
    # A description with nobody speaking in it stays the publication's.
    text = "The coalition, which has flown 300 sorties, said 12 civilians died."
    assert credits(text) == [("", 300, False), ("coalition", 12, False)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "According to a statement from the presidency, 8 ministers were dismissed.",
            ("presidency", 8, False),
        ),
        ("According to a statement, 8 ministers were dismissed.", ("", 8, True)),
        (
            "According to a statement carried by the state news agency, 8 ministers were dismissed.",
            ("", 8, True),
        ),
    ],
)
def test_a_statement_names_its_issuer_or_leaves_the_figure_to_the_editor(text, expected):
    assert credits(text) == [expected]


def test_whoever_reported_an_earlier_figure_is_not_credited_with_the_current_one():
    text = "The death toll rose to 14, up from 9 deaths reported by the Red Cross."
    assert credits(text) == [("", 14, True), ("Red Cross", 9, False)]


def test_a_listener_relays_only_the_speaker_who_told_it():
    text = (
        "Fire chief Omar Basri told AFP that 27 bodies were found, while the army said 9 gunmen were killed."
    )
    relays = {c.speaker_name: c.relayed_by_text for c in extract(text)}
    assert relays == {"Omar Basri": "AFP", "army": ""}
    # An outlet closing the sentence passes on everything in it.
    text = (
        "The army said 13 rockets were fired, while medics said 4 people were hurt, Harbour Radio reported."
    )
    assert {c.relayed_by_text for c in extract(text)} == {"Harbour Radio"}


def test_a_figure_in_a_quotation_nobody_can_be_credited_with_is_never_the_publications():
    text = '"The roads are gone," the spokesman said. "We have 3,000 people without shelter."'
    assert [c for c in credits(text) if c[1] == 3000] == [("", 3000, True)]


@pytest.mark.parametrize(
    ("intro", "expected"),
    [
        ("The water board said on Tuesday:", "water board"),
        ("Figures for the week, according to the Red Cross:", "Red Cross"),
        ("The latest figures:", ""),
    ],
)
def test_a_list_after_a_line_ending_in_a_colon_is_that_lines_speakers(intro, expected):
    text = f"{intro}\n- 44 wells ran dry\n- 310 families were moved.\nPumps were repaired."
    found = [c for c in credits(text) if c[1] in (44, 310)]
    assert found == [(expected, 44, not expected), (expected, 310, not expected)]


def test_scare_quotes_before_a_second_speaker_do_not_make_its_figure_a_description():
    text = 'The army said "dozens" of gunmen had been killed; the gunmen said they lost 3 men.'
    assert ("gunmen", 3, False) in credits(text)


def test_a_count_right_after_the_outlet_told_is_the_speakers_figure():
    # "AFP 18" was read as a label like "Camp 4", and the 18 was lost.
    assert credits("The governor told AFP 18 people died.") == [("governor", 18, False)]
    [candidate] = extract("The governor told state radio 18 people died.")
    assert candidate.relayed_by_text == "state radio"


@pytest.mark.parametrize(
    ("text", "speaker", "stated"),
    [
        ("The army said it had retaken Upton, a town of 30,000 people before the war.", "army", None),
        (
            "The shelling hit Portville, a city with 1.4 million residents, the mayor said, adding that 6 people were hurt.",
            "mayor",
            6,
        ),
        (
            "The ministry said 9 people died in Lowmarsh, where 300,000 people live by the river.",
            "ministry",
            9,
        ),
        ("The camp, home to 45,000 refugees, was shelled, the relief agency said.", "relief agency", None),
    ],
)
def test_how_big_a_place_is_is_the_publications_background_not_the_speakers_claim(text, speaker, stated):
    found = credits(text)
    assert [c for c in found if c[0] == speaker] == [(speaker, stated, False)]
    assert [c for c in found if c[0] == ""] and all(not unbound for _, _, unbound in found)
