"""Figure-to-speaker binding: each figure goes to the speaker whose clause
states it; a figure nobody can be credited with is proposed without a
speaker and marked, never guessed (ingestion/extraction/binding.py)."""

import json
from pathlib import Path

import pytest

from ingestion.evaluation import CONDITIONS, evaluate_article
from ingestion.extraction import Lexicon, extract_claims

LEXICON = Lexicon.starting()
CORPORA = sorted(Path(__file__).parent.glob("corpus*/*.txt"))


def pairs(text):
    return [
        (c.speaker_name, c.figure.value_low if c.figure else None, c.speaker_unbound)
        for c in extract_claims(text, lexicon=LEXICON, sources=[])
    ]


def test_two_speakers_with_two_figures_each_keep_their_own_figure():
    text = "The ministry said 30 people were hurt, while the hospital said 52 people were treated."
    assert pairs(text) == [("ministry", 30, False), ("hospital", 52, False)]


def test_a_figure_after_a_new_subject_with_an_unknown_cue_is_proposed_without_a_speaker():
    text = "The ministry said 30 people were hurt, while the hospital reckoned that 52 people were treated."
    assert pairs(text) == [("ministry", 30, False), ("", 52, True)]


def test_one_speaker_with_two_figures_gives_two_proposals():
    text = "The coast guard said 96 survivors were pulled from the water and 23 bodies recovered."
    assert pairs(text) == [("coast guard", 96, False), ("coast guard", 23, False)]


def test_a_coordinated_second_cue_keeps_the_first_speaker():
    text = "The army said its troops killed 35 militants, and said four soldiers had been wounded."
    assert pairs(text) == [("army", 35, False), ("army", 4, False)]


def test_a_closing_according_to_covers_the_clauses_joined_by_and():
    text = "Rescuers found eight bodies, and at least 50 people are missing, according to the governor."
    assert pairs(text) == [("governor", 8, False), ("governor", 50, False)]


def test_a_speaker_without_a_figure_still_gets_a_proposal():
    text = "The army said it killed 35 militants, while the rebels said the army was lying."
    assert pairs(text) == [("rebels", None, False), ("army", 35, False)] or pairs(text) == [
        ("army", 35, False),
        ("rebels", None, False),
    ]


def test_each_claim_text_is_the_clause_of_its_speaker():
    text = "The ministry said 30 people were hurt, while the hospital said 52 people were treated."
    texts = [c.text for c in extract_claims(text, lexicon=LEXICON, sources=[])]
    assert texts == ["The ministry said 30 people were hurt", "The hospital said 52 people were treated"]


@pytest.mark.django_db
@pytest.mark.parametrize("condition", CONDITIONS)
@pytest.mark.parametrize("article", CORPORA, ids=[path.stem for path in CORPORA])
def test_no_figure_is_credited_to_a_speaker_who_did_not_state_it(article, condition):
    data = json.loads(article.with_suffix(".json").read_text(encoding="utf-8"))
    report = evaluate_article(
        article.read_text(encoding="utf-8"), data, lexicon=LEXICON, name=article.stem, condition=condition
    )
    assert report.misattributed == 0, [m for m in report.mistakes if "MISATTRIBUTED" in m]


def test_a_participle_after_a_quotation_keeps_the_speaker():
    text = '"We have lost 12 men," the commander said, adding that 30 were wounded.'
    assert pairs(text) == [("commander", 12, False), ("commander", 30, False)]


def test_a_figure_describing_the_scene_after_a_quotation_is_the_publications():
    text = '"We are winning," the leader told a rally attended by several thousand people.'
    assert pairs(text) == [("leader", None, False), ("", 2_000, False)]


def test_according_to_in_its_own_clause_is_a_speaker_not_a_relayer():
    text = "According to the health ministry, 45 people were killed, while medics said at least 60 died."
    assert pairs(text) == [("health ministry", 45, False), ("medics", 60, False)]


def test_a_semicolon_ends_a_clause_and_a_comma_inside_a_number_does_not():
    text = "Police put the crowd at 5,000; organisers said 20,000 people attended."
    assert pairs(text) == [("Police", 5_000, False), ("organisers", 20_000, False)]


def test_a_figure_disputed_by_another_party_stays_with_who_gave_it():
    text = "Rebels claimed to have killed 40 soldiers, a figure the army disputed."
    assert sorted(pairs(text), key=str) == sorted([("Rebels", 40, False), ("army", None, False)], key=str)


def test_a_figure_after_a_pronoun_with_nobody_to_refer_to_is_unbound_not_the_publications():
    assert pairs("They said the death toll had risen to 83.") == [("", 83, True)]


def test_a_number_in_an_apposition_describing_the_speakers_is_not_their_claim():
    text = "Two officials, speaking on condition of anonymity, said more than 100 soldiers had deserted."
    assert pairs(text) == [("Two officials", 100, False)]


def test_a_figure_reported_by_someone_else_in_the_same_sentence_is_theirs():
    text = "The ministry said 20 people had died, up from 14 deaths reported by the Red Cross on Monday."
    assert pairs(text) == [("ministry", 20, False), ("Red Cross", 14, False)]


def test_a_numeric_phrase_is_never_a_speaker():
    text = "The ministry said 20 people had died, up from 14 reported by the Red Cross on Monday."
    assert "up from 14" not in {name for name, _, _ in pairs(text)}
