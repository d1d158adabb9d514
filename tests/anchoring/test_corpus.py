"""Re-anchoring measured on the revised-article pairs written for the
project (docs/versions.md reports the same numbers)."""

from anchoring.corpus.revised_pairs import PAIRS
from anchoring.evaluation import evaluate


def test_the_corpus_has_at_least_20_revised_pairs_of_every_kind():
    assert len(PAIRS) >= 20
    for pair in PAIRS:
        for excerpt in pair["excerpts"]:
            assert pair["old"].count(excerpt["old"]) == 1, excerpt["old"]
            if excerpt["new"] is not None:
                assert pair["new"].count(excerpt["new"]) == 1, excerpt["new"]


def test_no_excerpt_is_anchored_on_the_wrong_text():
    report = evaluate(PAIRS)
    wrong = [detail for detail in report.details if detail[3] == "wrong"]
    assert wrong == []
    assert report.exact + report.fuzzy + report.orphaned == report.excerpts
    # Every removed excerpt is orphaned, none is silently dropped or re-pinned.
    removed = sum(1 for pair in PAIRS for excerpt in pair["excerpts"] if excerpt["new"] is None)
    assert report.orphaned - report.missed == removed
