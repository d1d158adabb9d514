"""The rules' building blocks on their own: ranges, word forms, subjects, control readings."""

import math

import pytest

from detection.rules import Lexicon
from detection.rules.figures import (
    figure_gap_ratio,
    figure_mismatch_severity,
    figure_range,
    figure_ranges_overlap,
)
from detection.rules.subjects import canonical_subject, subject_variants
from detection.rules.territory import control_reading
from detection.rules.wording import phrase_in_text, word_stem

SYNONYMS = {
    "insurgents": "militants",
    "rebels": "militants",
    "opposition fighters": "militants",
    "dead": "killed",
}


def test_at_least_20_is_compatible_with_200():
    assert figure_ranges_overlap(figure_range(20, 20, "at_least"), figure_range(200, 200, "exact"))


def test_20_and_200_conflict():
    assert not figure_ranges_overlap(figure_range(20, 20, "exact"), figure_range(200, 200, "exact"))


def test_up_to_20_conflicts_with_200():
    assert not figure_ranges_overlap(figure_range(20, 20, "up_to"), figure_range(200, 200, "exact"))


def test_up_to_300_is_compatible_with_200():
    assert figure_ranges_overlap(figure_range(300, 300, "up_to"), figure_range(200, 200, "exact"))


def test_about_200_allows_fifteen_percent_either_way():
    assert figure_range(200, 200, "about") == (170, 230)


def test_dozens_stored_as_24_to_99_is_compatible_with_50_but_not_with_200():
    dozens = figure_range(24, 99, "range")
    assert figure_ranges_overlap(dozens, figure_range(50, 50, "exact"))
    assert not figure_ranges_overlap(dozens, figure_range(200, 200, "exact"))


def test_the_gap_between_200_and_20_is_ten_times():
    assert figure_gap_ratio((200, 200), (20, 20)) == 10


def test_the_gap_from_a_figure_of_zero_is_infinite():
    assert math.isinf(figure_gap_ratio((5, 5), (0, 0)))


@pytest.mark.parametrize(
    ("ratio", "opposed", "expected"),
    [(1.2, False, 10), (2, False, 20), (4, False, 30), (10, False, 40), (4, True, 40), (1.2, True, 20)],
)
def test_severity_grows_with_the_ratio_and_with_opposed_sources(ratio, opposed, expected):
    assert figure_mismatch_severity(ratio, sources_opposed=opposed) == expected


@pytest.mark.parametrize(
    ("word", "stem"),
    [("retreated", "retreat"), ("redeployment", "redeploy"), ("seized", "seiz"), ("fled", "fled")],
)
def test_a_word_is_stemmed_by_one_common_ending(word, stem):
    assert word_stem(word) == stem


@pytest.mark.parametrize("text", ["forces retreated", "forces are retreating", "a hasty retreat", "Retreats"])
def test_retreat_matches_its_word_forms(text):
    assert phrase_in_text("retreat", text)


@pytest.mark.parametrize("text", ["the retreatist view", "treaty talks", ""])
def test_retreat_does_not_match_other_words(text):
    assert not phrase_in_text("retreat", text)


def test_a_two_word_phrase_matches_across_a_hyphen():
    assert phrase_in_text("opposition fighters", "opposition-fighter positions")


def test_militants_killed_and_insurgents_killed_are_the_same_subject():
    assert canonical_subject("militants killed", SYNONYMS) == canonical_subject(
        "Insurgents  killed", SYNONYMS
    )


def test_a_synonym_phrase_of_two_words_is_replaced_whole():
    assert canonical_subject("opposition fighters dead", SYNONYMS) == "militants killed"


def test_civilians_killed_is_not_militants_killed():
    assert canonical_subject("civilians killed", SYNONYMS) != canonical_subject("militants killed", SYNONYMS)


def test_subject_variants_list_every_wording_with_the_same_canonical_subject():
    variants = subject_variants("rebels killed", SYNONYMS)
    assert "militants killed" in variants
    assert "insurgents dead" in variants
    assert "opposition fighters killed" in variants
    assert "civilians killed" not in variants


LEXICON = Lexicon(
    control_extents=[("large parts", 25, 80), ("only", 0, 15), ("most of", 50, 95)],
    control_holders=[
        ("insurgents", "opposition"),
        ("government", "government"),
        ("government forces", "government"),
        ("military", "government"),
    ],
)


def test_large_parts_reads_as_the_opposition_holding_a_quarter_to_four_fifths():
    reading = control_reading("Insurgents have entered large parts of Aleppo.", LEXICON)
    assert (reading.side, reading.share_low, reading.share_high) == ("opposition", 25, 80)
    assert reading.for_side("government") == (20, 75)


def test_the_holder_is_the_nearest_holder_word_before_the_extent():
    reading = control_reading("Government forces hold only the airport and a military academy.", LEXICON)
    assert reading.side == "government"
    assert reading.holder_phrase == "government forces"
    assert reading.extent_phrase == "only the airport and a military academy"


def test_a_holder_after_the_extent_is_used_when_none_comes_before():
    reading = control_reading("Most of the city is held by insurgents.", LEXICON)
    assert reading.side == "opposition"


def test_a_claim_without_extent_wording_is_not_read():
    assert control_reading("Insurgents are in Aleppo.", LEXICON) is None


ARMIES = Lexicon(
    control_extents=[("large parts", 25, 80), ("most of", 50, 95)],
    control_holders=[("army", "government"), ("rebels", "opposition"), ("fighters", "opposition")],
)


def test_a_groups_name_ending_in_army_is_not_the_states_army():
    assert control_reading("The Free Syrian Army holds large parts of Idlib.", ARMIES) is None
    reading = control_reading("Rebels of the Free Syrian Army hold most of the city.", ARMIES)
    assert reading.side == "opposition"


def test_a_countrys_army_is_still_the_army():
    assert control_reading("The Syrian Army holds most of the city.", ARMIES).side == "government"
    assert control_reading("Army units hold most of the valley.", ARMIES).side == "government"


@pytest.mark.parametrize(
    "text",
    [
        "Yesterday Syrian Army units held most of the city.",
        "On Monday Syrian Army units held most of the city.",
        "Meanwhile Syrian Army units hold most of the city.",
        "In March Syrian Army units held most of the city.",
    ],
)
def test_a_capitalised_time_or_linking_word_before_the_army_is_no_part_of_a_name(text):
    assert control_reading(text, ARMIES).side == "government"


def test_a_name_the_lexicon_does_not_know_is_still_left_unread():
    assert control_reading("Mahdi Army holds most of the city.", ARMIES) is None
    assert control_reading("Kosovo Liberation Army holds most of the valley.", ARMIES) is None


def test_a_group_entered_in_the_lexicon_wins_over_the_word_inside_its_name():
    lexicon = Lexicon(
        control_extents=ARMIES.control_extents,
        control_holders=[*ARMIES.control_holders, ("free syrian army", "opposition")],
    )
    reading = control_reading("The Free Syrian Army holds large parts of Idlib.", lexicon)
    assert (reading.side, reading.holder_phrase) == ("opposition", "free syrian army")
