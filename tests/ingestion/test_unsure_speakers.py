"""Who speaks when the words between a speaker and its verb, an owner, a
title or a pronoun could mislead: the figure goes to the actor the sentence
names, and when the words cannot tell which actor is meant, to nobody
(ingestion/extraction/speakers.py, time_phrases.py, antecedents.py,
names.py, proposals.py):

- a time phrase between the subject and its verb ("The ministry on Monday
  said") says when, not who; a place phrase ("Police in the capital") says
  which police, and stays;
- "it" is an organisation named before it only when one is: "X blamed Y
  for the raid, and it said ..." could be either, so it is neither;
- "the army's statement" is the army's, and remembered as its statement;
  "the ministry's spokesman" is the ministry's, not the last spokesman;
- a title that is an everyday word ("General", "Captain") stays before one
  word and a ruler's title ("King", "Queen", "Crown Prince", "Pope") always
  stays; a bare word that may or may not be such a person ("Patton said",
  "Abdullah said") credits nobody;
- a family name that may be written first ("Orban Viktor") and a person
  known only by a possessive ("Kim's office") are resolved only when the
  article has named exactly one such person; otherwise nobody is credited.

Paragraphs written for these rules. Each case lists every proposal of the
paragraph as (speaker, figure value, unbound): ("", 30, True) is a figure
nobody can be credited with."""

import pytest

from tests.ingestion.paragraphs import proposals

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
        "The coast guard said 14 boats were missing, while the fishermen's union the same day said 20 boats had sunk.",
        [("coast guard", 14, False), ("fishermen's union", 20, False)],
        id="the-same-day",
    ),
    pytest.param(
        "The interior ministry's statement on Monday said 30 people were arrested. "
        "The statement said 4 cars burned.",
        [("interior ministry", 4, False), ("interior ministry", 30, False)],
        id="a-statement-named-with-its-owner-and-a-time",
    ),
    pytest.param(
        "Reuters on Sunday reported 40 deaths in the valley.",
        [("Reuters", 40, False)],
        id="an-agency-on-sunday-is-a-time",
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
    pytest.param(
        "However, the army said 30 rebels died, and it added that 4 soldiers were hurt.",
        [("army", 4, False), ("army", 30, False)],
        id="a-linking-word-is-no-organisation",
    ),
    pytest.param(
        "Separately, the army said 30 rebels died. It said 4 soldiers were hurt.",
        [("army", 4, False), ("army", 30, False)],
        id="a-linking-word-in-the-sentence-before",
    ),
    pytest.param(
        "Overnight, the coast guard said 12 boats sank, and it added that 40 fishermen were rescued.",
        [("coast guard", 12, False), ("coast guard", 40, False)],
        id="a-time-word-is-no-organisation",
    ),
    pytest.param(
        "The army said Russian jets struck the town, and it said 4 soldiers died.",
        [("army", 4, False)],
        id="a-name-before-a-plural-is-a-group-not-it",
    ),
    pytest.param(
        "The army blamed Hamas for the raid, and it said 4 soldiers died.",
        [("", 4, True), ("army", None, False)],
        id="a-one-word-organisation",
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


# A lower-case owner before a document or a role.
OWNERS = [
    pytest.param(
        "The army's statement said 12 soldiers died in the crossfire. The statement said 3 tanks were lost.",
        [("army", 3, False), ("army", 12, False)],
        id="the-armys-statement-named-again",
    ),
    pytest.param(
        "According to the army's statement, 12 soldiers died. The statement said 3 tanks were lost.",
        [("army", 3, False), ("army", 12, False)],
        id="according-to-the-armys-statement",
    ),
    pytest.param(
        "The army's statement said 12 soldiers died. Witnesses said 40 people fled the town. "
        "The statement said 3 tanks were lost.",
        [("Witnesses", 40, False), ("army", 3, False), ("army", 12, False)],
        id="a-witness-in-between-issued-nothing",
    ),
    pytest.param(
        "The army's statement said 12 soldiers died, and the rebels' statement said 30 fighters died. "
        "The statement said 3 tanks were lost.",
        [("", 3, True), ("army", 12, False), ("rebels", 30, False)],
        id="two-owners-two-statements",
    ),
    pytest.param(
        "The ministry's spokesman said 20 villages had lost power.",
        [("ministry's spokesman", 20, False)],
        id="the-ministrys-spokesman",
    ),
    pytest.param(
        "The army spokesman, Colonel Ali Noor, said 8 mortars hit the base. "
        "The ministry's spokesman said 20 villages had lost power.",
        [("Ali Noor", 8, False), ("ministry's spokesman", 20, False)],
        id="not-the-spokesman-named-before",
    ),
]

# Titles: everyday-word titles and rulers' titles stay; a bare word that may
# or may not be that person credits nobody.
TITLES = [
    pytest.param(
        "General Patton said 300 tanks crossed the river. Patton said 40 trucks were lost.",
        [("", 40, True), ("General Patton", 300, False)],
        id="general-before-one-word-then-the-word-alone",
    ),
    pytest.param(
        "Gen. Patton said 300 tanks crossed the river. General Patton said 40 trucks were lost.",
        [("Patton", 40, False), ("Patton", 300, False)],
        id="an-abbreviated-title-makes-the-word-a-family-name",
    ),
    pytest.param(
        "President Vladimir Putin said 40 drones were downed. Putin said 4 pilots were missing. "
        "Vladimir said 2 bases were hit.",
        [("", 2, True), ("Vladimir Putin", 4, False), ("Vladimir Putin", 40, False)],
        id="a-given-name-alone-is-unsure",
    ),
    pytest.param(
        "Colonel Reiss said 9 trucks were destroyed. Anna Reiss, a medic, said 5 drivers were hurt. "
        "Reiss said 3 tanks burned.",
        [("", 3, True), ("Anna Reiss", 5, False), ("Reiss", 9, False)],
        id="a-colonel-and-a-medic-sharing-a-family-name",
    ),
    pytest.param(
        "Jordan's King Abdullah said 2,000 refugees would be admitted. The king said 300 tents had arrived.",
        [("King Abdullah", 300, False), ("King Abdullah", 2000, False)],
        id="a-king-keeps-his-title-and-the-king-is-him",
    ),
    pytest.param(
        "King Abdullah II said 2,000 refugees would be admitted. Abdullah said 300 tents had arrived.",
        [("", 300, True), ("King Abdullah II", 2000, False)],
        id="a-kings-given-name-alone-is-unsure",
    ),
    pytest.param(
        "Queen Rania said 500 children were enrolled. Rania said 20 schools were built.",
        [("", 20, True), ("Queen Rania", 500, False)],
        id="a-queen",
    ),
    pytest.param(
        "Saudi Crown Prince Mohammed bin Salman said 12 projects were approved. "
        "Salman said 40 firms had signed up.",
        [("", 40, True), ("Crown Prince Mohammed bin Salman", 12, False)],
        id="the-last-word-of-a-rulers-name-is-no-family-name",
    ),
    pytest.param(
        "Britain's King Charles said 40 guests attended the banquet.",
        [("King Charles", 40, False)],
        id="a-country-before-a-kings-title-goes",
    ),
    pytest.param(
        "Burger King Holdings said 300 restaurants would close.",
        [("Burger King Holdings", 300, False)],
        id="a-company-with-king-inside-its-name",
    ),
    pytest.param(
        "Pope Leo said 500 pilgrims had arrived.",
        [("Pope Leo", 500, False)],
        id="a-pope",
    ),
    pytest.param(
        "General Mills said 700 jobs would go. Mills said 30 stores would close.",
        [("", 30, True), ("General Mills", 700, False)],
        id="a-company-named-like-a-general",
    ),
]

# Family names that may come first, and people named only in a possessive.
UNSURE_NAMES = [
    pytest.param(
        "Prime Minister Orban Viktor said 30 migrants were detained. Orban said 5 guards were hurt.",
        [("", 5, True), ("Orban Viktor", 30, False)],
        id="a-family-name-first-outside-the-list",
    ),
    pytest.param(
        "Prime Minister Orban Viktor spoke on Monday. Orban's spokesman said 12 guards were hurt.",
        [("", 12, True)],
        id="its-possessive",
    ),
    pytest.param(
        "Lucia Amar met Amar Singh in the capital. Amar said 30 schools had reopened.",
        [("", 30, True)],
        id="a-family-name-that-is-another-persons-first-word",
    ),
    pytest.param(
        "Jordan Bardella visited the camp on Monday. Jordan said 40 refugees would be admitted.",
        [("Jordan", 40, False)],
        id="a-country-sharing-a-first-name",
    ),
    pytest.param(
        "Ford Motor said 3,000 jobs would go. Ford said 2 plants would close.",
        [("Ford", 2, False), ("Ford Motor", 3000, False)],
        id="a-company-is-no-person-written-family-name-first",
    ),
    pytest.param(
        "Prime Minister Kim Min-seok said 3 ships were seized. Kim said 40 sailors were held.",
        [("Kim Min-seok", 3, False), ("Kim Min-seok", 40, False)],
        id="a-family-name-first-on-the-list",
    ),
    pytest.param(
        "Wang Yi's visit to the capital was cut short. Wang said 3 agreements were signed.",
        [("Wang Yi", 3, False)],
        id="a-name-seen-only-in-a-possessive",
    ),
    pytest.param(
        "Kim Jong-un inspected the launch site. Kim's office said 14 missiles were launched.",
        [("Kim Jong-un's office", 14, False)],
        id="the-office-of-the-one-kim-named",
    ),
    pytest.param(
        "Kim Jong-un and Kim Yo-jong inspected the launch site. Kim's office said 14 missiles were launched.",
        [("", 14, True)],
        id="the-office-of-one-of-two-kims",
    ),
    pytest.param(
        "Kim's office said 14 missiles were launched.",
        [("", 14, True)],
        id="the-office-of-a-kim-never-named",
    ),
    pytest.param(
        "Russia's spokesman said 14 prisoners would be swapped.",
        [("Russia's spokesman", 14, False)],
        id="a-countrys-spokesman",
    ),
    pytest.param(
        "The Kremlin's spokesman said 14 prisoners would be swapped.",
        [("Kremlin's spokesman", 14, False)],
        id="a-bodys-spokesman",
    ),
    pytest.param(
        "President Putin toured the plant. Putin's spokesman said 14 prisoners would be swapped.",
        [("Putin's spokesman", 14, False)],
        id="the-spokesman-of-a-person-named-by-title",
    ),
]


@pytest.mark.parametrize(("text", "expected"), OWNERS)
def test_an_owner_in_lower_case_keeps_its_document_and_its_people(text, expected):
    assert proposals(text) == expected


@pytest.mark.parametrize(("text", "expected"), TITLES)
def test_titles_stay_where_they_are_the_name_and_a_bare_word_is_never_guessed(text, expected):
    assert proposals(text) == expected


@pytest.mark.parametrize(("text", "expected"), UNSURE_NAMES)
def test_a_name_that_could_be_two_people_credits_nobody(text, expected):
    assert proposals(text) == expected
