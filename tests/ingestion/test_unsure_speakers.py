"""Who speaks when the words between a speaker and its verb, an owner, a
title or a pronoun could mislead: the figure goes to the actor the sentence
names, and when the words cannot tell which actor is meant, to nobody
(ingestion/extraction/speakers.py, time_phrases.py, antecedents.py,
names.py, proposals.py):

- a time phrase between the subject and its verb ("The ministry on Monday
  said") says when, not who; a place phrase ("Police in the capital") says
  which police, and stays;
- "it" is an organisation named before it only when one is: "X blamed Y
  for the raid, and it said ..." could be either, so it is neither.

Paragraphs written for these rules. Each case lists every proposal of the
paragraph as (speaker, figure value, unbound): ("", 30, True) is a figure
nobody can be credited with."""

import pytest

from ingestion.extraction import Lexicon, extract_claims

LEXICON = Lexicon.starting()


def proposals(text: str) -> list[tuple[str, int | None, bool]]:
    found = (
        (c.speaker_name, c.figure.value_low if c.figure else None, c.speaker_unbound)
        for c in extract_claims(text, lexicon=LEXICON, sources=[])
    )
    return sorted(found, key=lambda entry: (entry[0], -1 if entry[1] is None else entry[1], entry[2]))


# A time phrase between the subject and the verb is no part of the speaker.
TIME_AFTER_THE_SUBJECT = [
    pytest.param(
        "The ministry on Monday said 40 people had been detained after the curfew.",
        [("ministry", 40, False)],
        id="on-a-weekday",
    ),
    pytest.param(
        "The army late on Tuesday said 12 soldiers were wounded near the ferry crossing.",
        [("army", 12, False)],
        id="late-on-a-weekday",
    ),
    pytest.param(
        "The water board early on Friday said 3 reservoirs had dropped below the safe level.",
        [("water board", 3, False)],
        id="early-on-a-weekday",
    ),
    pytest.param(
        "The coast guard overnight said 9 migrants had been pulled from the sea.",
        [("coast guard", 9, False)],
        id="an-adverb-of-time",
    ),
    pytest.param(
        "The health ministry earlier this week said 60 clinics were short of insulin.",
        [("health ministry", 60, False)],
        id="earlier-this-week",
    ),
    pytest.param(
        "Governor Ines Falk on Thursday said 400 families had been moved to schools.",
        [("Ines Falk", 400, False)],
        id="after-a-titled-name",
    ),
    pytest.param(
        "Police on Sunday said 11 cars were torched in the night.",
        [("Police", 11, False)],
        id="on-sunday-after-an-everyday-word",
    ),
    pytest.param(
        "The ministry said 40 people had been detained, and the army on Monday said 12 soldiers were hurt.",
        [("army", 12, False), ("ministry", 40, False)],
        id="the-second-speaker-of-a-sentence",
    ),
    pytest.param(
        "At dawn the health ministry said 85 people had been treated. "
        "The ministry on Tuesday said 97 patients had gone home.",
        [("health ministry", 85, False), ("health ministry", 97, False)],
        id="the-ministry-named-before",
    ),
    pytest.param(
        "The ministry in a statement on Monday said 40 people had been detained. "
        "The statement said 6 officers were hurt.",
        [("ministry", 6, False), ("ministry", 40, False)],
        id="in-a-statement-between-subject-and-verb-issues-it",
    ),
    pytest.param(
        "The Mail on Sunday said 15 backbenchers had signed the letter.",
        [("Mail on Sunday", 15, False)],
        id="a-newspaper-called-on-sunday-stays-whole",
    ),
    pytest.param(
        "Scotland on Sunday said 7 councils had frozen hiring.",
        [("Scotland on Sunday", 7, False)],
        id="another-newspaper-called-on-sunday",
    ),
]

# A place phrase says which of an actor's kind speaks: it stays, so police in
# one city are never merged with police in another.
PLACE_AFTER_THE_SUBJECT = [
    pytest.param(
        "Police in the capital said 35 protesters were arrested outside parliament.",
        [("Police in the capital", 35, False)],
        id="a-place-phrase",
    ),
    pytest.param(
        "Police in the capital on Monday said 35 protesters were arrested outside parliament.",
        [("Police in the capital", 35, False)],
        id="a-place-then-a-time",
    ),
    pytest.param(
        "Officials in Dorra said 20 people died, while officials in Vessk said 3 soldiers died.",
        [("Officials in Dorra", 20, False), ("officials in Vessk", 3, False)],
        id="officials-of-two-places-stay-apart",
    ),
]

# "It" in the same sentence as the organisations named before it.
IT_AFTER_SEVERAL_ORGANISATIONS = [
    pytest.param(
        "The Northern Army said 30 rebels were killed near the dam, and it added that 4 of its soldiers died.",
        [("Northern Army", 4, False), ("Northern Army", 30, False)],
        id="one-organisation-before-it",
    ),
    pytest.param(
        "The port authority said it had counted 18 damaged cranes.",
        [("port authority", 18, False)],
        id="it-right-after-its-speaker",
    ),
    pytest.param(
        "In Kessa, the Red Cross said it had treated 70 people.",
        [("Red Cross", 70, False)],
        id="a-place-is-no-second-organisation",
    ),
    pytest.param(
        "The Northern Army blamed the Northern Alliance for the ambush, and it said 4 soldiers died.",
        [("", 4, True), ("Northern Army", None, False)],
        id="two-actors-sharing-a-word",
    ),
    pytest.param(
        "The health ministry accused the Red Cross of inflating the toll, and it said 40 people had died.",
        [("", 40, True), ("health ministry", None, False)],
        id="the-accused-organisation-could-be-meant",
    ),
    pytest.param(
        "The relief agency said the government had closed the border, and it said 300 lorries were stuck.",
        [("", 300, True), ("relief agency", None, False)],
        id="a-body-named-by-everyday-words",
    ),
    pytest.param(
        "NATO said the Northern Alliance had pulled back, and it said 6 villages were retaken.",
        [("", 6, True), ("NATO", None, False)],
        id="an-acronym-then-a-name",
    ),
    pytest.param(
        "The Northern Army blamed the Northern Alliance for the ambush. It said 4 soldiers died.",
        [("", 4, True), ("Northern Army", None, False)],
        id="it-in-the-next-sentence-after-two-organisations",
    ),
    pytest.param(
        "The Northern Army said 30 rebels were killed. It said 4 soldiers died.",
        [("Northern Army", 4, False), ("Northern Army", 30, False)],
        id="it-in-the-next-sentence-after-one-organisation",
    ),
]


@pytest.mark.parametrize(("text", "expected"), TIME_AFTER_THE_SUBJECT)
def test_a_time_phrase_after_the_subject_is_no_part_of_the_speaker(text, expected):
    assert proposals(text) == expected


@pytest.mark.parametrize(("text", "expected"), PLACE_AFTER_THE_SUBJECT)
def test_a_place_phrase_after_the_subject_says_which_actor_speaks(text, expected):
    assert proposals(text) == expected


@pytest.mark.parametrize(("text", "expected"), IT_AFTER_SEVERAL_ORGANISATIONS)
def test_it_is_an_organisation_named_before_only_when_one_is(text, expected):
    assert proposals(text) == expected
