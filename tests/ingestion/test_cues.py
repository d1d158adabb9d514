"""Reporting cues: a surname that is also a verb, coordination, multi-word
cues from the lexicon (with "*"), and anonymity over "according to"."""

import pytest

from ingestion.extraction import Lexicon, extract_claims
from tests.ingestion.paragraphs import proposals as paragraph_proposals

LEXICON = Lexicon.starting()


def extract(text):
    return extract_claims(text, lexicon=LEXICON, sources=[])


@pytest.mark.parametrize(
    "text",
    [
        "Governor Tomas Said told reporters that fewer than 200 residents had left.",
        "Health Minister Tomas Said said fewer than 200 residents had left.",
        "The governor, Tomas Said, said fewer than 200 residents had left.",
    ],
)
def test_a_surname_that_is_a_reporting_verb_is_read_as_a_name(text):
    (candidate,) = extract(text)
    assert candidate.speaker_name == "Tomas Said"
    assert (candidate.figure.value_low, candidate.figure.qualifier) == (200, "up_to")


def test_told_reporters_is_one_cue_and_reporters_do_not_relay():
    (candidate,) = extract("The mayor told reporters that 30 homes were lost.")
    assert candidate.speaker_name == "mayor"
    assert candidate.relayed_by_text == ""


@pytest.mark.parametrize("counted", ["number", "figure", "death toll", "number of destroyed homes"])
def test_put_the_something_at_is_a_cue_from_the_lexicon(counted):
    (candidate,) = extract(f"The city hospital put the {counted} at 52.")
    assert candidate.speaker_name == "city hospital"
    assert candidate.figure.value_low == 52


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The governor puts the death toll at 41.", [("governor", 41, False)]),
        ("Governor Ana Ruiz puts the death toll at 41.", [("Ana Ruiz", 41, False)]),
        ("The Red Cross puts the number of dead at more than 2,000.", [("Red Cross", 2000, False)]),
        ("The health ministry put the number at more than 2,000.", [("health ministry", 2000, False)]),
        # More words than the lexicon's "*" takes.
        (
            "13:20 - The Red Cross put the number of people in its shelters at more than 2,000.",
            [("Red Cross", 2000, False)],
        ),
        ("The UN estimated the toll at 300 on Tuesday.", [("UN", 300, False)]),
        ("The UN has estimated the number of displaced at 40,000.", [("UN", 40000, False)]),
        (
            "The army put the number of its dead at 12, while the rebels estimated their losses at 30.",
            [("army", 12, False), ("rebels", 30, False)],
        ),
    ],
)
def test_whoever_puts_or_estimates_a_count_at_a_number_states_that_number(text, expected):
    assert paragraph_proposals(text) == expected


def test_puts_the_blame_on_is_no_count():
    assert paragraph_proposals("Police puts the blame on 3 men.") == [("", 3, False)]


def test_the_wildcard_cue_comes_from_the_editable_lexicon():
    without = Lexicon.from_terms([("reporting_verb", "said", "")])
    assert (
        extract_claims("The city hospital put the number at 52.", lexicon=without, sources=[])[0].speaker_name
        == ""
    )
    with_it = Lexicon.from_terms([("reporting_verb", "said", ""), ("reporting_verb", "reckoned * was", "")])
    (candidate,) = extract_claims("The hospital reckoned the toll was 52.", lexicon=with_it, sources=[])
    assert candidate.speaker_name == "hospital"


def test_two_speakers_with_multi_word_cues_keep_their_own_figures():
    text = (
        "The regional health ministry said 30 people were hurt, while the city hospital put the number at 52."
    )
    found = [(c.speaker_name, c.figure.value_low) for c in extract(text)]
    assert found == [("regional health ministry", 30), ("city hospital", 52)]


def test_a_coordinated_second_verb_keeps_the_speaker():
    text = "The mayor of Kesh, Ilan Brod, said some 3,000 people slept outdoors and said tents were short."
    (candidate,) = extract(text)
    assert (candidate.speaker_name, candidate.figure.value_low) == ("Ilan Brod", 3000)


def test_an_anonymous_source_introduced_by_according_to_is_anonymous():
    text = "According to an official who spoke on condition of anonymity, 300 troops were moved."
    (candidate,) = extract(text)
    assert candidate.form == "anonymous"
    assert candidate.proposed_source_kind == "anonymous"
    assert candidate.speaker_name == "official"


@pytest.mark.parametrize(
    "text",
    [
        "Neither the port authority nor the navy confirmed reports that 27 sailors were missing.",
        "No official confirmed that 27 sailors were missing.",
        "None of the agencies confirmed that 27 sailors were missing.",
        "Nobody has confirmed that 27 sailors were missing.",
    ],
)
def test_a_speaker_phrase_that_names_nobody_credits_nobody(text):
    (candidate,) = extract(text)
    assert candidate.speaker_name == ""
    assert candidate.figure.value_low == 27


def test_a_name_that_merely_starts_with_no_is_still_a_speaker():
    (candidate,) = extract("Noble Energy said 27 rigs were shut.")
    assert candidate.speaker_name == "Noble Energy"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("The wire service, citing a hospital porter, said 16 patients were moved.", "wire service"),
        ("Public radio reported that 16 patients were moved, citing the clinic.", "Public radio"),
        ("The governor said 16 patients were moved, citing ambulance logs.", "governor"),
    ],
)
def test_what_a_speaker_cites_is_no_relay(text, speaker):
    """The cited party is where the words come from, not who passed them on."""
    (candidate,) = extract(text)
    assert (candidate.speaker_name, candidate.relayed_by_text) == (speaker, "")
    assert candidate.figure.value_low == 16


def test_according_to_an_outlet_after_a_speaker_is_still_its_relay():
    (candidate,) = extract("Estavia said 16 patients were moved, according to the Harbour Gazette.")
    assert (candidate.speaker_name, candidate.relayed_by_text) == ("Estavia", "Harbour Gazette")


def test_according_to_someone_who_then_speaks_is_one_speaker_not_a_name_or_a_relay():
    text = (
        "The port authority said the ferry sank at dawn. Divers found 9 survivors overnight, "
        "according to the authority, which said 140 divers were at the site."
    )
    found = [c for c in extract(text) if c.figure is not None]
    assert [(c.speaker_name, c.figure.value_low, c.relayed_by_text) for c in found] == [
        ("port authority", 9, ""),
        ("port authority", 140, ""),
    ]


def test_a_reporting_word_after_an_adjective_is_a_noun():
    """ "its initial estimate of 25": nobody named "above its initial" speaks."""
    found = extract("The agency put the toll at 30, above its initial estimate of 25.")
    assert [(c.speaker_name, c.figure.value_low if c.figure else None) for c in found] == [("agency", 30)]


def test_a_passive_inside_a_statement_is_the_statements():
    """The laboratories do not speak: the ministry says what they did."""
    found = extract("The ministry said 30 deaths had been confirmed by hospital laboratories.")
    assert [(c.speaker_name, c.figure.value_low if c.figure else None) for c in found] == [("ministry", 30)]


def test_which_said_after_a_passive_stands_for_its_agent():
    found = extract("The figure was confirmed by the UN, which said 300 trucks had crossed.")
    assert ("UN", 300) in [(c.speaker_name, c.figure.value_low if c.figure else None) for c in found]
    assert all("confirmed" not in c.speaker_name for c in found)


def test_according_to_a_source_that_is_no_outlet_after_a_speaker_is_no_relay():
    """The air force did not pass Kyiv's words on; an outlet would have."""
    (candidate,) = extract("Estavia said 16 drones were shot down, according to its air force.")
    assert (candidate.speaker_name, candidate.relayed_by_text) == ("Estavia", "")


@pytest.mark.parametrize(
    ("text", "speaker", "value"),
    [
        ("The water authority raised its toll to 31 from 26 on Friday.", "water authority", 31),
        ("The coroner lowered the death toll from 44 to 38 after a recount.", "coroner", 38),
        ("Provincial officials revised the death toll down to 17.", "Provincial officials", 17),
        ("The relief agency updated its tally to 9,000 displaced families.", "relief agency", 9000),
    ],
)
def test_whoever_revises_a_toll_states_the_new_figure(text, speaker, value):
    # These were proposed in the publication's voice (credited to the outlet
    # on accept), or not at all.
    [candidate] = extract(text)
    assert (candidate.speaker_name, candidate.figure.value_low, candidate.speaker_unbound) == (
        speaker,
        value,
        False,
    )


def test_a_toll_revised_in_the_passive_belongs_to_whoever_said_so():
    [candidate] = extract("The toll was later revised to 19, the coroner said.")
    assert (candidate.speaker_name, candidate.figure.value_low) == ("coroner", 19)


def test_raising_something_that_is_not_a_count_reports_nothing():
    assert extract("Divers raised the wreck to the surface after a week.") == []


@pytest.mark.parametrize(
    ("text", "speaker", "value"),
    [
        ("Data from the water board showed 412 dry wells in the past week.", "water board", 412),
        ("Statistics released by the central bank show inflation at 14 percent.", "central bank", 14),
        ("A report by Harbour Watch found that 36 detainees had been beaten.", "Harbour Watch", 36),
        ("A survey by the Delmar Institute found 40 percent of voters undecided.", "Delmar Institute", 40),
    ],
)
def test_whoever_made_the_data_states_what_it_shows(text, speaker, value):
    # These were in the publication's voice, or credited to a source named
    # "Harbour Watch found".
    [candidate] = extract(text)
    assert (candidate.speaker_name, candidate.figure.value_low, candidate.speaker_unbound) == (
        speaker,
        value,
        False,
    )


def test_a_speaker_who_denies_and_then_says_something_keeps_what_it_says():
    text = (
        "Villagers said the shelling killed 5 people. The army denied this, saying only 2 soldiers were hurt."
    )
    found = [(c.speaker_name, c.figure.value_low if c.figure else None, c.is_denial) for c in extract(text)]
    assert ("army", 2, False) in found and ("army", None, True) in found


def test_whoever_counted_states_the_count_unless_someone_else_reports_it():
    [candidate] = extract("The Levant Observatory counted 54 dead, most of them fighters.")
    assert (candidate.speaker_name, candidate.figure.value_low) == ("Levant Observatory", 54)
    # Reported by someone else, the count is that speaker's claim about it.
    [candidate] = extract("Vell said the board had counted fewer than 80 percent of ballots.")
    assert (candidate.speaker_name, candidate.figure.value_low) == ("Vell", 80)


def test_put_it_at_credits_the_figure_to_whoever_put_it_there():
    # "it" is the figure just named; the 60 was left unbound.
    found = extract("The ministry said 40 people died, while the Red Cross put it at 60.")
    assert [(c.speaker_name, c.figure.value_low) for c in found if c.figure] == [
        ("ministry", 40),
        ("Red Cross", 60),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Twelve people died in the blast on Monday (police said).", [("police", 12, False)]),
        ("At least 12 people died in the blast (according to the ministry).", [("ministry", 12, False)]),
        ("About 12 people (the ministry's figure) were hurt in the blast.", [("ministry", 12, False)]),
        ("Some 300 homes (figures from the Red Cross) were destroyed.", [("Red Cross", 300, False)]),
        ("Some 300 homes were destroyed (source: health ministry).", [("health ministry", 300, False)]),
        ("Some 300 homes (the rebels' estimate) were destroyed.", [("rebels", 300, False)]),
        # The bracket covers the figure before it, not the clause after it.
        (
            "At least 12 people died in the blast (police said) and 40 were hurt, the hospital said.",
            [("hospital", 40, False), ("police", 12, False)],
        ),
        (
            "12 people died (police said) and 40 were hurt (the hospital said).",
            [("hospital", 40, False), ("police", 12, False)],
        ),
        ("At least 12 people died in the blast (police said), and 40 were hurt.", [("", 40, True), ("police", 12, False)]),
        # A figure whose clause has its own speaker keeps it; a bracket with
        # a figure of its own is its own claim.
        (
            "The army said 12 fighters were killed (the rebels put the number at 40).",
            [("army", 12, False), ("rebels", 40, False)],
        ),
        # A closed bracket inside a name is no attribution.
        ("Islamic State (IS) said 12 fighters were killed.", [("Islamic State", 12, False)]),
        # A bracket giving its own number is a claim beside the figure
        # before it, never that figure's source.
        ("At least 12 people (police said 15) died on Monday.", [("", 12, True), ("police", None, False)]),
        # A verb alone in the bracket names nobody.
        ("Aleppo old town — 20 dead (estimated).", [("", 20, True)]),
    ],
    ids=["police-said", "according-to", "the-ministrys-figure", "figures-from", "source-colon",
         "plural-possessive", "clause-after-has-its-speaker", "two-brackets", "clause-after-unbound",
         "own-figure-in-bracket", "acronym", "own-number-in-bracket", "verb-alone"],
)  # fmt: skip
def test_an_attribution_in_brackets_credits_the_figure_before_it_and_only_that(text, expected):
    assert paragraph_proposals(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The health ministry raised its toll again, to 41.", [("health ministry", 41, False)]),
        ("The health ministry revised its count up to 41 on Tuesday.", [("health ministry", 41, False)]),
        ("The health ministry lowered its estimate to 30.", [("health ministry", 30, False)]),
    ],
)
def test_a_revised_count_is_the_new_figure_of_whoever_revised_it(text, expected):
    assert paragraph_proposals(text) == expected


def test_up_to_after_a_revision_is_a_direction_not_a_ceiling():
    (candidate,) = extract("The health ministry revised its count up to 41 on Tuesday.")
    assert candidate.figure.qualifier == "exact"
    (candidate,) = extract("The health ministry said up to 41 people died.")
    assert candidate.figure.qualifier == "up_to"


def test_a_revised_toll_counts_what_the_speaker_counted_before():
    found = extract(
        "The health ministry said 30 people died. On Tuesday the ministry raised its toll again, to 41."
    )
    assert [(c.figure.value_low, c.figure.subject) for c in found] == [
        (30, "people died"),
        (41, "people died"),
    ]


def test_a_revised_toll_after_two_counts_keeps_its_own_word():
    # "its toll" after the dead and the hurt: which one, the words cannot tell.
    found = extract(
        "The health ministry said 30 people died and 80 were hurt. On Tuesday it raised its toll again, to 41."
    )
    assert [(c.figure.value_low, c.figure.subject) for c in found][-1] == (41, "toll")


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("The ministry put the death toll at 30. It raised its toll again, to 41.", "death toll"),
        ("The water board said 40 wells ran dry. It revised its count up to 52.", "wells"),
        # A toll is of the dead or the hurt, never of homes.
        ("The ministry said 300 homes were destroyed. It later raised its toll to 41.", "toll"),
    ],
)
def test_what_a_revised_count_counts(text, subject):
    assert extract(text)[-1].figure.subject == subject
