"""Figures that compare (an earlier figure, a change) and amounts of money:
the stated figure is proposed with the comparison kept as context, a
reference or a change is never proposed as the claim's figure, and money is
counted in its currency, never as people (comparisons.py, money.py)."""

import pytest

from ingestion.extraction import Lexicon, extract_claims, find_figures

LEXICON = Lexicon.starting()


def figures(text):
    return [(f.value_low, f.value_high, f.qualifier, f.subject) for f in find_figures(text, LEXICON)]


def proposed(text):
    return [
        (c.speaker_name, c.figure.value_low if c.figure else None)
        for c in extract_claims(text, lexicon=LEXICON, sources=[])
    ]


@pytest.mark.parametrize(
    ("text", "stated", "reference"),
    [
        ("The depot logged 75 cases this month, up from 31 cases in June.", 75, 31),
        ("The depot logged 75 cases this month, down from 310 cases in June.", 75, 310),
        ("Some 640 tents stood in the field, compared with 200 tents a fortnight ago.", 640, 200),
        ("The shelter counted 58 guests, compared to 44 guests at the weekend.", 58, 44),
        ("The ward holds 19 patients, as against 33 patients before the move.", 19, 33),
        ("Inspectors found 27 breaches, fewer than the 35 breaches found in spring.", 27, 35),
        ("The school enrolled 90 pupils, twice as many as the 45 pupils of last year.", 90, 45),
        ("Arrests climbed to 66 from 18 in the space of a week.", 66, 18),
        ("The queue of lorries grew from 140 lorries to 410 lorries overnight.", 410, 140),
        ("The number of stranded drivers rose from 60 to 95 by dawn.", 95, 60),
        ("Cases among the pupils climbed from 8 to 21 in a week.", 21, 8),
    ],
)
def test_the_earlier_figure_of_a_comparison_is_context_not_a_figure(text, stated, reference):
    found = find_figures(text, LEXICON)
    assert [f.value_low for f in found] == [stated]
    assert str(reference) in found[0].compared_with


@pytest.mark.parametrize(
    ("text", "stated"),
    [
        ("Evictions fell by 12 to 48 after the ruling.", 48),
        ("Evictions fell 12 to 48 after the ruling.", 48),
        ("The camp shelters 3,100 people, up 900 people since the floods.", 3100),
        ("The camp shelters 3,100 people, 900 more than in the spring.", 3100),
        ("Clinics saw 210 patients, an increase of 35 patients on the day before.", 210),
        ("Clinics saw 210 patients, a drop of 35 patients on the day before.", 210),
        ("Refugee numbers more than doubled to 12,000 refugees in a month.", 12000),
    ],
)
def test_a_change_is_never_proposed_as_the_total(text, stated):
    assert [f.value_low for f in find_figures(text, LEXICON)] == [stated]


@pytest.mark.parametrize(
    "text",
    [
        "Membership was down by 300 members, the guild said.",
        "Arrests increased by 75 over the holiday, the police said.",
        "The guild said 300 more members had walked out.",
        "Break-ins rose by 40 in the old town, the council said.",
        # A rise of a level: "2 metres" is how much it rose, never the level.
        "Farmers downstream said the river had risen by 2 metres overnight.",
        "Farmers said the river rose 2 metres overnight.",
    ],
)
def test_a_sentence_giving_only_a_change_proposes_no_figure(text):
    assert [figure for _, figure in proposed(text)] == [None]


def test_the_stated_figure_is_credited_to_its_speaker_and_carries_the_comparison():
    text = "The water board said 18 wells were dry, up from 7 wells in March."
    (candidate,) = extract_claims(text, lexicon=LEXICON, sources=[])
    assert (candidate.speaker_name, candidate.figure.value_low) == ("water board", 18)
    assert candidate.figure.as_written == "18, up from 7 wells in March"


def test_a_figure_after_rose_by_and_to_counts_the_noun_before_the_change():
    assert figures("Deaths rose by 14 to 36 overnight.") == [(36, 36, "exact", "deaths")]


def test_a_percentage_change_is_the_claim_itself():
    assert figures("Bread prices rose 9 percent in a year.") == [(9, 9, "exact", "bread prices percent")]


def test_a_reference_reported_by_another_speaker_stays_their_figure():
    text = "The ministry said 26 people had died, up from 19 deaths reported by the Red Crescent."
    assert proposed(text) == [("ministry", 26), ("Red Crescent", 19)]


def test_a_plain_range_is_still_a_range():
    assert figures("Between 15 and 25 boats sank in the storm.") == [(15, 25, "range", "boats")]


@pytest.mark.parametrize(
    ("text", "value", "subject"),
    [
        ("The fund wired $3 million in aid to the valley.", 3_000_000, "dollars in aid"),
        ("Donors promised 2.5bn euros for the rebuilding.", 2_500_000_000, "euros"),
        ("The repairs will cost £450,000, the engineer said.", 450_000, "pounds"),
        ("The bridge cost €12m to build.", 12_000_000, "euros"),
        ("The insurer paid 800,000 dollars to the owners.", 800_000, "dollars"),
        ("Relief worth Rs 20 crore was sent.", 200_000_000, "rupees"),
        ("The board set aside US$ 6 million in compensation.", 6_000_000, "dollars in compensation"),
    ],
)
def test_money_is_counted_in_its_currency(text, value, subject):
    assert figures(text) == [(value, value, "exact", subject)]


def test_a_hedged_amount_of_money_keeps_its_bound():
    assert figures("The damage came to more than $7 million.") == [
        (7_000_000, 7_000_000, "at_least", "dollars")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The agency said $4 million was paid to the families of 37 people killed.",
        "The governor said the blast killed 37 people and caused £4m in damage.",
        "The ministry said compensation of 4 million dinars would go to each of 37 bereaved families.",
    ],
)
def test_money_never_becomes_a_count_of_people(text):
    found = find_figures(text, LEXICON)
    money = [f for f in found if f.value_low >= 4_000_000]
    people = [f for f in found if f.value_low == 37]
    assert money and all(f.subject.split()[0] in {"dollars", "pounds", "dinars"} for f in money)
    assert people and all(f.subject.split()[0] not in {"dollars", "pounds", "dinars"} for f in people)


@pytest.mark.parametrize(
    ("text", "bounds"),
    [
        ("The medics said at least 41 people were hurt.", (41, 41, "at_least")),
        ("The medics said up to 41 people were hurt.", (41, 41, "up_to")),
        ("The medics said dozens of people were hurt.", (24, 99, "range")),
        ("The medics said between 41 and 60 people were hurt.", (41, 60, "range")),
        ("The medics said fewer than 41 people were hurt, up from 12 people last week.", (41, 41, "up_to")),
    ],
)
def test_hedged_figures_keep_their_bounds_with_a_speaker(text, bounds):
    (candidate,) = extract_claims(text, lexicon=LEXICON, sources=[])
    figure = candidate.figure
    assert candidate.speaker_name == "medics"
    assert (figure.value_low, figure.value_high, figure.qualifier) == bounds
