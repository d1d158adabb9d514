"""Acts someone else reports (reported_acts.py): "pledged", "hailed",
"blamed" and the like credit their subject only when nobody else closes the
sentence with an attribution; otherwise the act, and its figures, are what
that attribution reports."""

import pytest

from ingestion.extraction import Lexicon, extract_claims

LEXICON = Lexicon.starting()


def credited(text):
    return [
        (c.speaker_name, c.figure.value_low if c.figure else None, c.speaker_unbound)
        for c in extract_claims(text, lexicon=LEXICON, sources=[])
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Norland pledged 900 million crowns to the rebuilding fund, the Estavian treasury said.",
            [("Estavian treasury", 900_000_000, False)],
        ),
        (
            "The prime minister hailed the release of 35 hostages, public radio reported.",
            [("public radio", 35, False)],
        ),
        (
            "Council members blamed the militia for the ambush, which left 18 dead, the governor said on Sunday.",
            [("governor", 18, False)],
        ),
        (
            "Villagers accused the border guards of burning 9 homes, the rights group said.",
            [("rights group", 9, False)],
        ),
    ],
)
def test_an_act_closed_by_someone_elses_attribution_is_theirs(text, expected):
    assert credited(text) == expected


def test_an_act_reported_according_to_someone_is_not_credited_to_the_actor():
    speakers = {
        name
        for name, _figure, _unbound in credited(
            "The alliance vowed to rebuild 12 bridges by spring, according to a regional envoy."
        )
    }
    assert "alliance" not in speakers
    assert "regional envoy" in speakers


def test_an_act_with_no_other_attribution_still_credits_its_subject():
    assert credited("Donor states pledged 80 million crowns at the summit on Friday.") == [
        ("Donor states", 80_000_000, False)
    ]


def test_a_speech_verb_closed_by_another_attribution_keeps_its_speaker():
    """Passed on, not taken over: the figure stays with whoever stated it."""
    found = credited("Estavia said 26 sailors drowned, a port official said.")
    assert ("Estavia", 26, False) in found
    assert all(figure is None for name, figure, _ in found if name != "Estavia")


def test_an_act_told_inside_a_statement_is_the_statements():
    assert credited("The treasury said on Monday that Norland pledged 40 million crowns.") == [
        ("treasury", 40_000_000, False)
    ]
    assert credited("The ministry said the rebels blamed the army for 12 deaths.") == [
        ("ministry", 12, False)
    ]


def test_a_statement_in_another_clause_does_not_take_the_act_over():
    found = credited("The treasury said 3 banks had closed, while Norland pledged 40 million crowns.")
    assert ("treasury", 3, False) in found
    assert ("treasury", 40_000_000, False) not in found


@pytest.mark.parametrize(
    ("text", "relay"),
    [
        ("Estavia said 26 sailors drowned, the wire agency reported.", "wire agency"),
        ("Estavia said 26 sailors drowned, the Harbour Gazette reported on Monday.", "Harbour Gazette"),
    ],
)
def test_an_outlet_closing_a_statement_is_its_relay_not_a_second_speaker(text, relay):
    (candidate,) = extract_claims(text, lexicon=LEXICON, sources=[])
    assert (candidate.speaker_name, candidate.figure.value_low, candidate.relayed_by_text) == (
        "Estavia",
        26,
        relay,
    )


def test_a_person_closing_a_statement_is_no_relay():
    found = extract_claims(
        "Estavia said 26 sailors drowned, a port official said.", lexicon=LEXICON, sources=[]
    )
    assert all(candidate.relayed_by_text == "" for candidate in found)
