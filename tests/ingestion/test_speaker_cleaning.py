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
        ("Private Security Group said 12 guards were hurt.", "Private Security Group"),
    ],
)
def test_ranks_and_honorifics_before_a_name_are_not_part_of_it(text, speaker):
    (candidate,) = extract_claims(text, lexicon=Lexicon.starting(), sources=[])
    assert candidate.speaker_name == speaker
