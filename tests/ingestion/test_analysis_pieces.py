"""Rules found by the analysis piece of the adversarial set (a6-karsa-depot):
an explainer that sets several sources' figures side by side."""

from .paragraphs import proposals


def test_a_second_according_to_in_the_sentence_takes_its_figure_away_from_the_first_speaker():
    text = (
        "According to the UN, 90 people were wounded, but according to the health ministry "
        "the number is closer to 120."
    )
    # The sentence reads one according-to speaker; the ministry's 120 is
    # never the UN's, so it waits for the editor.
    assert proposals(text) == [("", 120, True), ("UN", 90, False)]


def test_a_clause_opening_with_according_to_after_and_is_not_the_speaker_before_it():
    text = "Rescuers recovered 8 bodies, and according to the governor, 50 people are missing."
    # Whether the governor also vouches for the 8 bodies cannot be told.
    assert proposals(text) == [("", 8, True), ("governor", 50, False)]


def test_the_un_counts_40_dead_is_the_uns_count_and_the_gapped_figures_after_it_are_nobodys():
    text = "The UN counts 40 dead, the health ministry 55 and local activists more than 70."
    # The 55 and the 70 share the UN's verb but are not the UN's: no proposal
    # gives them to it (they are not read as figures at all yet).
    assert proposals(text) == [("UN", 40, False)]


def test_the_army_said_12_soldiers_died_the_police_said_20_between_dashes_gives_the_police_their_20():
    text = "The army said 12 soldiers died at the depot gate — the police said 20 — and neither has published names."
    assert proposals(text) == [("army", 12, False), ("police", 20, False)]


def test_a_speaker_after_a_dash_states_the_figure_after_it_never_the_speaker_before_the_dash():
    # This credited the monitors' 200 to the army: the dash did not end the
    # army's clause, so "12 soldiers died — the monitors" was no speaker.
    text = "The army said 12 soldiers died — the monitors said 200."
    assert proposals(text) == [("army", 12, False), ("monitors", 200, False)]


def test_a_typed_double_hyphen_ends_the_clause_like_a_dash():
    text = "The army said 12 soldiers died -- the monitors said 200."
    assert proposals(text) == [("army", 12, False), ("monitors", 200, False)]


def test_a_figure_the_police_disputed_between_dashes_leaves_the_figure_after_it_with_the_army():
    text = "The army said 12 soldiers died — a figure the police disputed — and 4 were hurt."
    assert proposals(text) == [("army", 4, False), ("army", 12, False), ("police", None, False)]
