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
