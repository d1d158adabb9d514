"""A figure a sentence gives as someone's ("the ministry's figure of 45",
"Norland's own toll of 30") is that someone's, never the speaker's who
disputes or mentions it (cues.FIGURE_OF)."""

import pytest

from ingestion.extraction import Lexicon, extract_claims

LEXICON = Lexicon.starting()


def credited(text):
    return sorted(
        (c.speaker_name, c.figure.value_low)
        for c in extract_claims(text, lexicon=LEXICON, sources=[])
        if c.figure is not None
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The port authority's figure of 45 missing was disputed by fishermen, who counted 70.",
            [("fishermen", 70), ("port authority", 45)],
        ),
        (
            "Fishermen disputed the port authority's figure of 45 missing, saying they had counted 70.",
            [("Fishermen", 70), ("port authority", 45)],
        ),
        ("Nurses said the clinic's count of 20 patients was out of date.", [("clinic", 20)]),
        (
            "Norland's own toll of 30 sailors lost is far below the monitor's tally of 90.",
            [("Norland", 30), ("monitor", 90)],
        ),
    ],
)
def test_a_figure_given_as_someones_is_theirs(text, expected):
    assert credited(text) == expected


def test_a_figure_after_the_possessors_own_is_not_the_possessors():
    """ "questioned" reports nothing here: the 70 is nobody's known claim."""
    found = extract_claims(
        "Fishermen questioned the port authority's figure of 45 missing, saying they had counted 70.",
        lexicon=LEXICON,
        sources=[],
    )
    by_figure = {c.figure.value_low: c for c in found if c.figure is not None}
    assert by_figure[45].speaker_name == "port authority"
    assert by_figure[70].speaker_name != "port authority"


def test_a_possessive_without_a_figure_of_is_an_ordinary_speaker():
    assert credited("The mayor's office said 52 homes were lost.") == [("mayor's office", 52)]


def test_a_role_of_an_owner_is_not_a_back_reference_to_the_last_speaker():
    """ "The ministry's spokesman" is the ministry's, not "the spokesman" just
    named (a coordinator of a charity)."""
    found = extract_claims(
        "Its field coordinator, Lena Ruiz, said the clinics had treated 900 patients. "
        "The ministry's spokesman dismissed the estimate as exaggerated.",
        lexicon=LEXICON,
        sources=[],
    )
    assert [c.speaker_name for c in found] == ["Lena Ruiz", "ministry's spokesman"]


def test_a_possessive_noun_is_not_a_reporting_verb():
    """ "the charity's estimate": a noun, so the charity does not speak."""
    found = extract_claims("The governor praised the charity's estimate.", lexicon=LEXICON, sources=[])
    assert all(c.speaker_name != "charity's" for c in found)
