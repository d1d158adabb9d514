"""Vague quantities compare by the ranges the extractor stores for them
(docs/extraction.md): "dozens" is 24–99, "scores" 40–99, "hundreds"
200–999, stored as a range with qualifier "range"."""

import pytest

from claims.models import ConflictFlag
from tests.factories import SourceFactory

from .conftest import check, make_figure

pytestmark = pytest.mark.django_db

# As the extractor stores them (ingestion/extraction.py, docs/extraction.md).
DOZENS, SCORES, HUNDREDS = (24, 99), (40, 99), (200, 999)


def vague(event, word_range, **extra):
    low, high = word_range
    return make_figure(
        event=event, value=low, high=high, qualifier="range", sources=[SourceFactory()], **extra
    )


def mismatches():
    return ConflictFlag.objects.filter(rule="figure_mismatch")


def test_dozens_against_200_is_flagged(event):
    check(vague(event, DOZENS))
    check(make_figure(event=event, value=200, sources=[SourceFactory()]))
    (flag,) = mismatches()
    assert "24–99" in flag.explanation


def test_dozens_against_40_is_not_flagged(event):
    check(vague(event, DOZENS))
    check(make_figure(event=event, value=40, sources=[SourceFactory()]))
    assert not mismatches().exists()


def test_dozens_against_hundreds_is_flagged(event):
    check(vague(event, DOZENS))
    check(vague(event, HUNDREDS))
    assert mismatches().count() == 1


def test_scores_against_about_50_is_not_flagged(event):
    check(vague(event, SCORES))
    check(make_figure(event=event, value=50, qualifier="about", sources=[SourceFactory()]))
    assert not mismatches().exists()


def test_hundreds_against_at_least_20_is_not_flagged(event):
    check(vague(event, HUNDREDS))
    check(make_figure(event=event, value=20, qualifier="at_least", sources=[SourceFactory()]))
    assert not mismatches().exists()
