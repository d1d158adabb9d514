"""Figures: qualifiers (upper and lower bounds, about), ranges, number words,
vague amounts and what a percentage is a share of."""

import pytest

from ingestion.extraction import Lexicon, find_figures

LEXICON = Lexicon.starting()


def figure(text):
    found = find_figures(text, LEXICON)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("under 40 percent of clinics were open.", "up_to"),
        ("below 60 percent of children were vaccinated.", "up_to"),
        ("fewer than 200 residents left.", "up_to"),
        ("less than 30 percent of the vote went to him.", "up_to"),
        ("no more than 900 workers will go.", "up_to"),
        ("up to 40 homes burned.", "up_to"),
        ("as many as 40 homes burned.", "up_to"),
        ("more than 200 polling stations reported problems.", "at_least"),
        ("over 2,000 homes flooded.", "at_least"),
        ("above 300 people were hurt.", "at_least"),
        ("at least 64 people died.", "at_least"),
        ("nearly 9,000 families got food.", "about"),
        ("almost 90 schools closed.", "about"),
        ("around 500 people refused to leave.", "about"),
        ("about 500 people refused to leave.", "about"),
        ("some 3,000 people slept outdoors.", "about"),
        ("roughly 3,000 people slept outdoors.", "about"),
        ("an estimated 3,000 people slept outdoors.", "about"),
        ("closer to 1,500 jobs will go.", "about"),
        ("312 people died.", "exact"),
    ],
)
def test_each_qualifier_is_read(text, qualifier):
    assert figure(text).qualifier == qualifier


def test_under_forty_percent_is_at_most_forty_not_exactly_forty():
    found = figure("Under 40 percent of the valley's clinics were working.")
    assert (found.value_low, found.value_high, found.qualifier) == (40, 40, "up_to")
    assert found.text == "Under 40"


@pytest.mark.parametrize(
    "text", ["20 to 30 houses burned.", "20-30 houses burned.", "between 20 and 30 houses burned."]
)
def test_ranges_keep_both_ends(text):
    found = figure(text)
    assert (found.value_low, found.value_high, found.qualifier) == (20, 30, "range")


@pytest.mark.parametrize(
    ("text", "value"),
    [("two soldiers died.", 2), ("a dozen teams were sent.", 12), ("three hundred people fled.", 300)],
)
def test_number_words_are_read(text, value):
    assert figure(text).value_low == value


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("dozens of fighters were held.", 24, 99),
        ("scores of homes burned.", 40, 99),
        ("hundreds of families fled.", 200, 999),
        ("thousands of voters were turned away.", 2_000, 9_999),
        ("tens of thousands of people marched.", 20_000, 99_999),
        ("several hundred protesters gathered.", 200, 999),
        ("tens of people were hurt.", 20, 99),
    ],
)
def test_vague_amounts_are_stored_as_ranges_whose_low_end_is_the_conservative_reading(text, low, high):
    found = figure(text)
    assert (found.value_low, found.value_high, found.qualifier) == (low, high, "range")


def test_a_hedge_before_a_dozen_is_kept():
    found = figure("under a dozen bodies were found.")
    assert (found.value_low, found.qualifier) == (12, "up_to")


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("Turnout in the first round was 62 percent.", "turnout percent"),
        ("The commission put turnout at 47 percent.", "turnout percent"),
        ("Consumer prices rose 6 percent in the year.", "consumer prices percent"),
        ("He won 61 percent of the vote.", "percent of the vote"),
        ("Observers reported problems at 35 to 40 polling stations.", "polling stations"),
    ],
)
def test_percentages_and_units_keep_their_subject(text, subject):
    assert figure(text).subject == subject


def test_the_number_of_something_put_at_a_figure_counts_that_thing():
    assert figure("Officials put the number of destroyed homes at 450.").subject == "destroyed homes"


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("Turnout was 40% in the north.", "turnout percent"),
        ("Unemployment rose to 12 per cent in March.", "unemployment percent"),
        ("The company said profits fell 20 percent.", "profits percent"),
        ("The minister predicted growth of 1 percent.", "growth percent"),
    ],
)
def test_percent_signs_and_per_cent_are_percentages_of_their_subject(text, subject):
    assert figure(text).subject == subject


def test_a_toll_that_had_risen_to_a_number_counts_the_toll():
    assert figure("The death toll had risen to 83.").subject == "death toll"


def test_a_small_number_after_the_refers_back_and_is_not_a_figure():
    assert find_figures("The two countries have fought for decades.", LEXICON) == []


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("35 fishermen drowned off the cape.", "fishermen"),
        ("7 gunmen stormed the bank.", "gunmen"),
        ("300 townspeople gathered in the square.", "townspeople"),
    ],
)
def test_plurals_in_men_and_people_are_counted_nouns(text, subject):
    assert figure(text).subject == subject


def test_a_singular_noun_ending_in_men_counts_nothing_on_its_own():
    assert find_figures("Each lab keeps 1 specimen on file.", LEXICON) == []


@pytest.mark.parametrize(
    ("text", "value", "subject"),
    [
        ("3 of the 12 hostages were freed.", 3, "hostages freed"),
        ("4 of 10 suspects were released.", 4, "suspects released"),
        # The whole named with its owner, or in words.
        ("2 of the dam's 6 turbines were damaged.", 2, "turbines damaged"),
        ("Two of the dam's six turbines were damaged.", 2, "turbines damaged"),
        ("2 of Dravik's 6 turbines were damaged.", 2, "turbines damaged"),
        ("Three of the 12 hostages were freed.", 3, "hostages freed"),
    ],
)
def test_a_part_of_a_whole_counts_the_part_not_the_whole(text, value, subject):
    found = figure(text)
    assert (found.value_low, found.subject) == (value, subject)


@pytest.mark.parametrize(
    ("text", "value"),
    [("Route 7 was closed after 3 trucks were hit.", 3), ("Some 30 people were hurt.", 30)],
)
def test_a_label_opening_the_sentence_is_no_count_but_a_qualifier_is_no_label(text, value):
    assert figure(text).value_low == value


def test_a_whole_with_its_owner_is_not_a_count_but_a_figure_after_it_is():
    found = find_figures("3 of the plant's 12 turbines and 40 pylons were damaged.", LEXICON)
    assert [f.value_low for f in found] == [3, 40]
