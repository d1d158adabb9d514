"""Pronouns: "he said", "it said", "they said" credit a figure only to a speaker
of the sentence just before that the pronoun can stand for; otherwise the
figure goes to the editor unbound (ingestion/extraction/speakers.py)."""

import pytest

from ingestion.extraction import Lexicon, extract_claims

LEXICON = Lexicon.starting()


def credited(text: str, value: int) -> tuple[str, bool]:
    """(speaker name, unbound) of the proposal carrying `value`."""
    [candidate] = [
        c
        for c in extract_claims(text, lexicon=LEXICON, sources=[])
        if c.figure and c.figure.value_low == value
    ]
    return candidate.speaker_name, candidate.speaker_unbound


@pytest.mark.parametrize(
    ("text", "value", "speaker"),
    [
        (
            "Colonel Marek Dorn said 23 soldiers were wounded. He said 7 soldiers were in a critical state.",
            7,
            "Marek Dorn",
        ),
        (
            "The interior ministry said 40 depots were destroyed. It said 3 aircraft were lost.",
            3,
            "interior ministry",
        ),
        (
            "Spokesman Tarek Aziz said 15 guards died, but opposition deputies said the toll was 40. "
            "He said 6 guards were still missing.",
            6,
            "Spokesman Tarek Aziz",
        ),
        (
            "Villagers said 14 houses burned. They said 9 families were sleeping outside.",
            9,
            "Villagers",
        ),
    ],
    ids=["he-person", "it-organisation", "he-skips-the-plural-group", "they-group"],
)
def test_a_pronoun_goes_to_the_one_fitting_speaker_of_the_sentence_before(text, value, speaker):
    assert credited(text, value) == (speaker, False)


@pytest.mark.parametrize(
    "text",
    [
        # A person comes into the story between the speaker and the pronoun.
        "The wire agency said 70 civilians died. Governor Ana Ruiz toured the camp on Monday. "
        "She said 31 teachers were missing.",
        # "He" cannot be an agency, however recently it spoke.
        "The wire agency said 70 civilians died. He said 31 teachers were missing.",
        # "It" cannot be a colonel.
        "Colonel Marek Dorn said 23 soldiers were wounded. It said 31 teachers were missing.",
        # Two sentences back is too far.
        "The interior ministry said 40 depots were destroyed. Shelling went on through the night. "
        "It said 31 teachers were missing.",
        # "It" resolved to the agency; the next "he" cannot be that agency.
        "The wire agency said 70 civilians died. It said 12 schools closed. He said 31 teachers were missing.",
        # "They" fits both the ministry and the residents: ambiguous.
        "The interior ministry said 40 depots were destroyed, and residents said 12 shops burned. "
        "They said 31 teachers were missing.",
    ],
    ids=[
        "new-person-between",
        "he-not-an-agency",
        "it-not-a-person",
        "too-far-back",
        "he-after-it-is-not-the-agency",
        "they-ambiguous",
    ],
)
def test_a_pronoun_with_no_single_fitting_speaker_leaves_the_figure_unbound(text):
    assert credited(text, 31) == ("", True)


def test_the_ministry_means_the_one_ministry_that_spoke():
    text = (
        "The health ministry said 80 nurses were hurt. Roads were closed. The ministry said 9 clinics shut."
    )
    assert credited(text, 9) == ("health ministry", False)


def test_the_ministry_with_two_ministries_about_is_left_for_the_editor():
    text = (
        "The defence ministry said 200 fighters were killed. The health ministry said 80 nurses were hurt. "
        "Roads were closed. The ministry said 9 clinics shut."
    )
    assert credited(text, 9) == ("", True)
    # Named in the sentence just before, it is the one meant.
    text = "The defence ministry said 200 fighters were killed. The health ministry said 80 nurses were hurt. The ministry said 9 clinics shut."
    assert credited(text, 9) == ("health ministry", False)
