"""The extractor's measured quality: these floors are what it achieves today
(docs/extraction.md has the numbers); a rule change that lowers them fails here."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from ingestion.evaluation import evaluate_article, evaluate_corpus
from ingestion.extraction import Lexicon

CORPUS = Path(__file__).parent / "corpus"
HELD_OUT = Path(__file__).parent / "corpus_heldout"
UNSEEN = Path(__file__).parent / "corpus_unseen"
FRESH = Path(__file__).parent / "corpus_fresh"


@pytest.fixture(scope="module")
def tuning_report():
    return evaluate_corpus(CORPUS, lexicon=Lexicon.starting())


@pytest.fixture(scope="module", params=[HELD_OUT, UNSEEN], ids=["held-out", "unseen"])
def held_out_report(request):
    return evaluate_corpus(request.param, lexicon=Lexicon.starting())


def test_the_corpus_has_at_least_eight_labelled_articles(tuning_report):
    assert tuning_report.articles >= 8
    assert tuning_report.speaker.expected >= 40 and tuning_report.figure.expected >= 25


@pytest.mark.parametrize("measure", ["speaker", "figure"])
def test_speakers_and_figures_reach_the_floors_on_the_labelled_corpus(tuning_report, measure):
    score = getattr(tuning_report, measure)
    assert score.recall >= 0.95, tuning_report.mistakes
    assert score.precision >= 0.95, tuning_report.mistakes


def test_excerpts_reach_the_floor_on_the_labelled_corpus(tuning_report):
    assert tuning_report.excerpt.recall >= 0.95
    assert tuning_report.excerpt.precision >= 0.95


def test_the_later_article_sets_stay_above_the_floors(held_out_report):
    """These sets were written after the rules and first scored untouched
    (docs/extraction.md gives those first numbers); fixes they prompted were
    general rules, and the floors keep them from regressing."""
    for measure in ("speaker", "figure", "excerpt"):
        score = getattr(held_out_report, measure)
        assert score.recall >= 0.95, held_out_report.mistakes
        assert score.precision >= 0.95, held_out_report.mistakes


FINAL = Path(__file__).parent / "corpus_final"
BLIND = Path(__file__).parent / "corpus_blind"


@pytest.fixture(
    scope="module",
    params=[
        (FRESH, "empty"),
        (FRESH, "demo"),
        (FINAL, "empty"),
        (FINAL, "demo"),
        (BLIND, "empty"),
        (BLIND, "demo"),
    ],
    ids=["fresh-empty", "fresh-demo", "final-empty", "final-demo", "blind-empty", "blind-demo"],
)
def issue_17_report(request):
    folder, condition = request.param
    return evaluate_corpus(folder, lexicon=Lexicon.starting(), condition=condition)


def test_the_issue_17_sets_meet_the_targets_with_an_empty_database_and_with_the_demo_sources(
    issue_17_report,
):
    """Targets from issue 17 (docs/extraction.md has the first-run scores of
    these sets, taken before they were used to fix anything)."""
    report = issue_17_report
    assert report.speaker.precision >= 0.90 and report.speaker.recall >= 0.90, report.mistakes
    assert report.figure.recall >= 0.90 and report.figure.precision >= 0.97, report.mistakes
    assert report.misattributed == 0, report.mistakes


def test_there_are_at_least_thirty_labelled_articles_and_ten_written_for_issue_17():
    assert len(list(FRESH.glob("*.txt"))) >= 10
    total = sum(len(list(folder.glob("*.txt"))) for folder in (CORPUS, HELD_OUT, UNSEEN, FRESH))
    assert total >= 30


def test_a_right_figure_credited_to_the_wrong_speaker_is_wrong_and_misattributed():
    text = "The ministry said 30 people were hurt, while the hospital put the number at 52."
    labels = {
        "claims": [
            {"excerpt": text, "speaker": "ministry", "figure": 30},
            {"excerpt": text, "speaker": "hospital", "figure": 52},
        ]
    }
    report = evaluate_article(text, labels, lexicon=Lexicon.starting())
    wrong = [c for c in report.mistakes if "wrong figure" in c]
    assert report.misattributed == len([m for m in report.mistakes if "MISATTRIBUTED" in m])
    assert report.figure.expected == 2
    assert report.figure.true_positives_predicted + len(wrong) == report.figure.predicted


def test_the_demo_condition_gives_the_extractor_only_the_demo_sources():
    from ingestion.evaluation import DEMO, EMPTY, known_sources

    data = {"sources": [{"name": "Coast Guard", "aliases": []}]}
    assert known_sources(data, EMPTY) == []
    assert "Coast Guard" not in {s.name for s in known_sources(data, DEMO)}
    assert "Wire agency desk" in {s.name for s in known_sources(data, DEMO)}


def test_a_wrong_speaker_counts_against_precision_and_recall():
    text = "The army said 12 rebels were killed."
    labels = {"claims": [{"excerpt": text, "speaker": "Police", "figure": 12}]}
    report = evaluate_article(text, labels, lexicon=Lexicon.starting())
    assert (report.speaker.precision, report.speaker.recall) == (0.0, 0.0)
    # The right number on the wrong speaker is a figure the editor must not accept.
    assert (report.figure.precision, report.figure.recall) == (0.0, 0.0)
    assert report.misattributed == 1


def test_the_command_prints_precision_and_recall_for_each_corpus():
    out = StringIO()
    call_command("evaluate_extraction", "--corpus", str(CORPUS), stdout=out)
    assert "speaker" in out.getvalue() and "precision" in out.getvalue()


COMPARISONS = Path(__file__).parent / "corpus_comparisons"


@pytest.mark.parametrize("condition", ["labelled", "empty", "demo"])
def test_the_comparison_money_and_joint_speaker_set_keeps_every_figure_on_its_speakers(condition):
    """Written for the comparison, money and joint-speaker rules (earlier
    figures and changes as context, money in its currency, one proposal per
    speaker of a joint statement); docs/extraction.md has its scores."""
    report = evaluate_corpus(COMPARISONS, lexicon=Lexicon.starting(), condition=condition)
    assert report.misattributed == 0, report.mistakes
    assert report.figure.precision == 1.0 and report.figure.recall >= 0.94, report.mistakes
    assert report.speaker.precision == 1.0 and report.speaker.recall == 1.0, report.mistakes


ADVERSARIAL = Path(__file__).parent / "corpus_adversarial"


@pytest.mark.parametrize("condition", ["labelled", "empty", "demo"])
def test_the_adversarial_set_credits_no_figure_to_a_wrong_speaker(condition):
    """Written to trip the extractor (two actors sharing a word, "it" after
    both, time phrases after the subject, owners, rulers' titles, names that
    may be written family name first, a figure disputed after it is given;
    wire copy with a list, a dash aside and a correction line; a live blog
    with timestamps; an analysis piece setting several sources' counts side
    by side; figures someone else gave inside another speaker's sentence;
    pronouns after a named person, brackets, revised counts and table rows);
    docs/extraction.md has their first scores. What the rules
    cannot read is proposed unbound or not at all, so precision of speakers
    stays whole while some labelled figures are missed (the analysis piece
    lowered the recall floors: most of its comparisons are not read yet)."""
    report = evaluate_corpus(ADVERSARIAL, lexicon=Lexicon.starting(), condition=condition)
    assert report.articles >= 8
    assert report.misattributed == 0, report.mistakes
    assert report.speaker.precision == 1.0 and report.speaker.recall >= 0.80, report.mistakes
    assert report.figure.recall >= 0.75, report.mistakes
