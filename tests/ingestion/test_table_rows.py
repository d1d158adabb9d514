"""Table rows: cells split by tabs or bars ("Deaths: 12 | Injured: 40") or a
short label and a number ("Aleppo — 20 dead"). A row without an
attribution of its own says nothing in anyone's voice: its figures are
proposed unbound, for the editor to credit, never to the publication and
never to the speaker of the line before (ingestion/extraction/sentences.py,
quantities.py, cues.py)."""

import pytest

from ingestion.extraction import Lexicon, find_figures
from tests.ingestion.paragraphs import proposals


@pytest.mark.parametrize(
    ("row", "figures"),
    [
        ("Deaths: 12 | Injured: 40.", [12, 40]),
        ("Deaths: 12; injured: 40.", [12, 40]),
        ("Aleppo — 20 dead.", [20]),
        ("Aleppo old town — 20 dead.", [20]),
        ("Aleppo\t20 dead\t35 wounded.", [20, 35]),
        ("Health ministry\t40 dead\t120 wounded.", [40, 120]),
        ("Killed: 12.", [12]),
    ],
)
def test_a_row_without_an_attribution_is_nobodys_after_a_speakers_line(row, figures):
    found = proposals(f"The ministry said 40 people died.\n{row}")
    assert ("ministry", 40, False) in found
    found.remove(("ministry", 40, False))
    assert found == [("", value, True) for value in sorted(figures)]


def test_a_row_after_a_quote_does_not_go_on_with_the_quote():
    found = proposals('"We counted 40 bodies," said Dr Lena Amar.\nIdlib | 20 dead | 35 wounded.')
    assert found == [("", 20, True), ("", 35, True), ("Lena Amar", 40, False)]


def test_a_row_after_a_line_introducing_it_without_a_list_is_nobodys():
    found = proposals("Police said on Monday:\nAleppo — 20 dead.\nIdlib — 15 dead.")
    assert found == [("", 15, True), ("", 20, True)]


def test_a_list_item_after_a_speakers_line_is_still_the_speakers():
    found = proposals("The ministry said:\n- Aleppo | 20 dead\n- Idlib | 15 dead")
    assert found == [("ministry", 15, False), ("ministry", 20, False)]


def test_a_name_in_brackets_after_a_number_in_a_row_is_whose_number_it_is():
    found = proposals("Deaths: 40 (UN); 55 (ministry); more than 70 (activists).")
    assert found == [("UN", 40, False), ("activists", 70, False), ("ministry", 55, False)]
    found = proposals("Idlib | 20 dead (police) | 35 wounded.")
    assert found == [("", 35, True), ("police", 20, False)]


@pytest.mark.parametrize(
    ("row", "value"),
    [
        ("Deaths: 12 (children).", 12),  # a word that names nobody
        ("Aleppo — 20 dead (estimated).", 20),  # a verb with no subject in the bracket
    ],
)
def test_a_bracket_naming_nobody_leaves_the_row_unbound(row, value):
    assert [entry for entry in proposals(row) if entry[1] is not None] == [("", value, True)]


def test_a_row_label_says_what_each_cell_counts():
    found = find_figures("Deaths: 12 | Injured: 40.", Lexicon.starting())
    assert [(f.value_low, f.subject) for f in found] == [(12, "deaths"), (40, "injured")]
    assert find_figures("Aleppo: 20 | Idlib: 15.", Lexicon.starting()) == []


def test_a_dateline_before_a_sentence_is_no_table_row():
    assert proposals("KYIV — 12 people were killed in a strike on Monday.") == [("", 12, False)]
