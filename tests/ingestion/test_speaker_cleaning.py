"""What is not part of a speaker's name: a dateline, a time phrase, and
"unconfirmed reports" (nobody in particular: the figure goes to the editor
unbound rather than to a source called "Unconfirmed")."""

import pytest

from ingestion.extraction import Lexicon, extract_claims

LEXICON = Lexicon.starting()


def only(text):
    [candidate] = [c for c in extract_claims(text, lexicon=LEXICON, sources=[]) if c.figure]
    return candidate


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("KABUL (AFP) - Tribal elders said 8 schools had reopened.", "Tribal elders"),
        ("Last week the health ministry said 90 clinics were closed.", "health ministry"),
        ("On Monday the city council said 12 bridges were unsafe.", "city council"),
    ],
)
def test_a_dateline_or_a_time_phrase_is_not_part_of_the_name(text, speaker):
    assert only(text).speaker_name == speaker


@pytest.mark.parametrize(
    "text",
    ["Unconfirmed reports said 30 guards had defected.", "Local media reports said 30 guards had defected."],
)
def test_unnamed_reports_leave_the_figure_for_the_editor_to_credit(text):
    candidate = only(text)
    assert (candidate.speaker_name, candidate.speaker_unbound) == ("", True)


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("An army spokesman, Brigadier Nabil Hamdan, said 12 troops were wounded.", "Nabil Hamdan"),
        ("Professor Anna Berg said 40 wells were dry.", "Anna Berg"),
        ("Deputy Mayor Ines Rota said 9 schools were shut.", "Ines Rota"),
        ("UN Secretary-General Ana Brandt said 9 schools were shut.", "Ana Brandt"),
        ("Private Security Group said 12 guards were hurt.", "Private Security Group"),
    ],
)
def test_ranks_and_honorifics_before_a_name_are_not_part_of_it(text, speaker):
    (candidate,) = extract_claims(text, lexicon=Lexicon.starting(), sources=[])
    assert candidate.speaker_name == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("The wire service wrongly reported that 40 miners died.", "wire service"),
        ("Officials privately said 300 conscripts had deserted.", "Officials"),
        ("Her family said 4 relatives were detained.", "family"),
        ("Eleven people were hurt, state TV said.", "state TV"),
        ('"We treated 60 patients," said Dr. Halima Osei, the director.', "Halima Osei"),
        ('"We lost 3 trucks," said Lt. Col. Peter Marsh.', "Peter Marsh"),
    ],
)
def test_adverbs_and_abbreviations_do_not_change_who_speaks(text, speaker):
    # "Dr. Osei" was cut at the full stop into a source called "Dr", which
    # every doctor quoted that way would have shared.
    assert only(text).speaker_name == speaker


def test_a_dotted_acronym_is_a_speaker_and_matches_its_source():
    from ingestion.extraction import KnownSource

    un = KnownSource(7, "UN", ("United Nations",))
    [candidate] = extract_claims("The U.N. said 3,000 families fled.", lexicon=LEXICON, sources=[un])
    assert (candidate.source_id, candidate.figure.value_low, candidate.speaker_unbound) == (7, 3000, False)


def test_there_after_a_speaker_is_where_not_who():
    text = "The clinic said 8 patients died. Doctors there said 2 nurses were hurt."
    assert only(text.split(". ")[1]).speaker_name == "Doctors"


def test_a_title_in_apposition_gives_way_to_the_persons_name():
    assert only("The Water Minister, Lina Haddad, said 25 wells were dug.").speaker_name == "Lina Haddad"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("GENEVA, March 3 (AP) -- The relief agency said 40 lorries crossed.", "relief agency"),
        ("PORTVILLE, Norland (AP) - The coast guard said 5 boats sank.", "coast guard"),
        ("OVD-Info, a rights group, said 1,700 people had been detained.", "OVD-Info"),
        ("The two sides gave different tolls: the army said 5 soldiers died.", "army"),
        ("Residents of Camp 4 said 30 tents burned.", "Residents of Camp 4"),
        ("The Harbour Watch (HW) said 9 sailors were held.", "Harbour Watch"),
    ],
)
def test_datelines_colons_labels_and_bracketed_acronyms_leave_the_name_whole(text, speaker):
    # Each was a broken name ("March 3 (AP) -- The relief agency", "Info",
    # "two sides gave different tolls: the army") or no speaker at all.
    assert only(text).speaker_name == speaker


def test_a_report_that_names_nobody_leaves_its_figure_to_the_editor():
    candidate = only("Reports said 40 people died in the blast.")
    assert (candidate.speaker_name, candidate.speaker_unbound) == ("", True)


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Mohammed bin Rashid said 3,000 jobs would be created.", "Mohammed bin Rashid"),
        ("Ursula von der Brink said 27 countries had signed.", "Ursula von der Brink"),
        ("Ana Maria da Costa said 700 hectares were protected.", "Ana Maria da Costa"),
    ],
)
def test_a_particle_inside_a_personal_name_keeps_the_whole_name(text, speaker):
    # Cut to the last word ("Rashid"), two people sharing it would share a source.
    assert only(text).speaker_name == speaker


def test_a_surname_that_is_a_reporting_verb_may_open_the_sentence():
    text = "Ahmed Said, a local official, said 14 homes burned. Said told AFP that 3 schools closed."
    found = [(c.speaker_name, c.figure.value_low) for c in extract_claims(text, lexicon=LEXICON, sources=[])]
    assert found == [("Ahmed Said", 14), ("Ahmed Said", 3)]


@pytest.mark.parametrize(
    ("text", "speaker", "relay"),
    [
        ("Omar Haddad was quoted as saying 40 drones were launched.", "Omar Haddad", ""),
        (
            "The minister was quoted by state media as saying 16 people were detained.",
            "minister",
            "state media",
        ),
    ],
)
def test_whoever_was_quoted_as_saying_it_said_it(text, speaker, relay):
    candidate = only(text)
    assert (candidate.speaker_name, candidate.relayed_by_text, candidate.speaker_unbound) == (
        speaker,
        relay,
        False,
    )


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("The charity Save the Children said 90 children were missing.", "Save the Children"),
        ("The campaign group Friends of the Earth said 40 rivers were polluted.", "Friends of the Earth"),
        ("The watchdog Ministry of Truth Monitor said 6 sites were shut.", "Ministry of Truth Monitor"),
        # Not a name after a role: the whole phrase stays.
        ("A spokesman for the Red Cross said 12 trucks arrived.", "spokesman for the Red Cross"),
        ("Residents of East Harbour said 30 boats sank.", "Residents of East Harbour"),
    ],
)
def test_an_organisation_named_after_its_description_keeps_the_small_words_of_its_name(text, speaker):
    assert only(text).speaker_name == speaker
