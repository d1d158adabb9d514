"""Wire copy and live blogs put words around a speaker that are not its
name: a live blog's timestamp ("14:05 -") opens the paragraph like a
dateline; "now" and "still" between the subject and the verb are adverbs; an
aside set off by dashes right before the verb describes the subject; a
person named after the description that follows the verb ('..., said a
farmer near the dam, Jonas Pell') is that person; and the outlet's
correction note gives the withdrawn figure, which nobody claims
(ingestion/extraction/speakers.py, cues.py, sentences.py).

Paragraphs written for these rules; each lists every proposal as
(speaker, figure value, unbound)."""

from ingestion.extraction import Lexicon, extract_claims

LEXICON = Lexicon.starting()


def proposals(text: str) -> list[tuple[str, int | None, bool]]:
    found = (
        (c.speaker_name, c.figure.value_low if c.figure else None, c.speaker_unbound)
        for c in extract_claims(text, lexicon=LEXICON, sources=[])
    )
    return sorted(found, key=lambda entry: (entry[0], -1 if entry[1] is None else entry[1], entry[2]))


def test_a_live_blog_timestamp_is_when_the_entry_was_posted_not_part_of_the_speaker():
    text = (
        "08:15 - The port authority says 7 cranes were damaged in the storm.\n"
        "9.40am: The coast guard said 3 trawlers were still missing."
    )
    assert proposals(text) == [("coast guard", 3, False), ("port authority", 7, False)]


def test_a_ministry_that_now_says_a_higher_toll_is_the_ministry():
    text = "The health ministry now says 52 people have died, up from 31 this morning."
    assert proposals(text) == [("health ministry", 52, False)]


def test_a_dash_aside_before_the_verb_describes_the_subject_and_names_nobody():
    text = (
        "The Valley Front \u2014 which the cabinet calls a militia, a label the Front rejects \u2014 "
        "said its fighters had fired only 4 mortar rounds."
    )
    # "a label the Front rejects" is the Front's word on the label, a
    # proposal without a figure; the rounds are the Valley Front's.
    assert proposals(text) == [("Front", None, False), ("Valley Front", 4, False)]


def test_a_name_after_the_description_that_follows_the_verb_is_the_speaker():
    text = '"The road went under in an hour. We lost 30 sheep," said a farmer near the dam, Jonas Pell.'
    assert proposals(text) == [("Jonas Pell", 30, False)]


def test_a_correction_note_proposes_nothing_because_its_figure_was_withdrawn():
    text = (
        "The fire service said 6 firefighters were hurt.\n"
        "This story corrects the number of firefighters hurt; an earlier version said 16.\n"
        "Correction: An earlier version of this article said 60 homes burned."
    )
    assert proposals(text) == [("fire service", 6, False)]
