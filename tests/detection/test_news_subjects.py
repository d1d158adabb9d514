"""Common newsroom wordings for one count, compared as one subject with the
seeded lexicon (migrations 0002 and 0015), and wordings that count different
things kept apart. Described in docs/detection.md, "Subjects"."""

from datetime import date

import pytest

from claims.models import ClaimRelation, ConflictFlag
from detection.rules.subjects import canonical_subject, subject_variants
from detection.selectors import event_link_suggestions_pending, lexicon_load
from tests.factories import EventFactory, SourceFactory

from .conftest import check, make_figure
from .test_judgement import EVENING, MORNING, check_all, figure

pytestmark = pytest.mark.django_db

SAME = [
    # Subjects as entered by hand and as the extractor writes them
    # (ingestion/extraction/figure_subjects.py).
    ("homes destroyed", "houses destroyed"),
    ("homes damaged", "houses damaged"),
    ("homes destroyed", "destroyed houses"),
    ("people killed", "deaths"),
    ("people killed", "death toll"),
    ("people killed", "people dead"),
    ("people killed", "dead"),
    ("people killed", "people died"),
    ("people killed", "fatalities"),
    ("people killed", "killed"),
    ("civilians killed", "civilian deaths"),
    ("civilians killed", "civilian death toll"),
    ("militants killed", "militant deaths"),
    ("children killed", "child deaths"),
    ("children killed", "children died"),
    ("people injured", "people wounded"),
    ("people wounded", "people hurt"),
    ("people wounded", "injured"),
    ("people missing", "missing"),
    ("cases", "infections"),
    ("new cases", "new infections"),
    ("jobs cut", "job cuts"),
    ("job cuts", "jobs lost"),
    ("job cuts", "layoffs"),
]

APART = [
    ("people killed", "civilians killed"),  # a part of the dead, not all of them
    ("people killed", "people wounded"),
    ("people killed", "people injured"),
    ("civilians killed", "militants killed"),
    ("people", "residents"),  # "2,500 people" and "2,500 residents" in shelters
    ("people killed", "casualties"),  # killed and wounded together
    ("people missing", "people killed"),
    ("votes", "ballots"),  # spoilt and blank ballots are no one's votes
    ("people arrested", "people detained"),  # many held are released unarrested
    ("people arrested", "people charged"),
    ("homes destroyed", "homes damaged"),
    ("jobs cut", "jobs"),  # jobs alone may be jobs created
    ("cases", "suspected cases"),
]


@pytest.mark.parametrize(("first", "second"), SAME)
def test_wordings_of_one_count_have_one_canonical_subject(first, second):
    synonyms = lexicon_load().subject_synonyms
    assert canonical_subject(first, synonyms) == canonical_subject(second, synonyms)


@pytest.mark.parametrize(("first", "second"), APART)
def test_wordings_of_different_counts_stay_apart(first, second):
    synonyms = lexicon_load().subject_synonyms
    assert canonical_subject(first, synonyms) != canonical_subject(second, synonyms)


def test_a_toll_is_compared_as_people_killed():
    synonyms = lexicon_load().subject_synonyms
    assert canonical_subject("death toll", synonyms) == "people killed"
    assert canonical_subject("Deaths", synonyms) == "people killed"


def test_only_a_bare_outcome_counts_people():
    synonyms = lexicon_load().subject_synonyms
    assert canonical_subject("miners trapped", synonyms) == "miners trapped"
    assert canonical_subject("trapped", synonyms) == "people trapped"


def test_the_variants_of_people_killed_include_the_bare_wordings():
    variants = subject_variants("people killed", lexicon_load().subject_synonyms)
    assert {"deaths", "death toll", "dead", "people died", "people killed", "persons killed"} <= set(variants)
    assert "civilians killed" not in variants
    assert set(subject_variants("death toll", lexicon_load().subject_synonyms)) == set(variants)


# Through claim_create and the detection service, one event at a time.


@pytest.fixture
def flood(db):
    return EventFactory(title="Floods in the river valley", place="Riverton")


@pytest.fixture
def police(db):
    return SourceFactory(name="Riverton police", slug="riverton-police")


@pytest.fixture
def hospital(db):
    return SourceFactory(name="Riverton General Hospital", slug="riverton-hospital")


def _rules() -> list[str]:
    return sorted(ConflictFlag.objects.values_list("rule", flat=True))


def _relations(relation_type) -> list[ClaimRelation]:
    return list(ClaimRelation.objects.filter(relation_type=relation_type))


@pytest.mark.parametrize(("first", "second"), [pair for pair in SAME if "killed" in pair[0]])
def test_two_sources_give_different_tolls_in_two_wordings(flood, police, hospital, first, second):
    one = figure(event=flood, source=police, value=14, subject=first)
    other = figure(event=flood, source=hospital, value=21, subject=second)
    check_all(one, other)
    assert _rules() == ["figure_mismatch"]


@pytest.mark.parametrize(("first", "second"), SAME)
def test_equal_figures_in_two_wordings_corroborate(flood, police, hospital, first, second):
    one = figure(event=flood, source=police, value=14, subject=first)
    other = figure(event=flood, source=hospital, value=14, subject=second)
    check_all(one, other)
    assert _rules() == []
    [agreement] = _relations(ClaimRelation.Type.CORROBORATES)
    assert {agreement.from_claim_id, agreement.to_claim_id} == {one.pk, other.pk}


def test_one_sources_later_toll_in_other_words_is_a_revision(flood, police):
    morning = figure(event=flood, source=police, value=14, subject="deaths", published=MORNING)
    evening = figure(event=flood, source=police, value=17, subject="death toll", published=EVENING)
    check_all(morning, evening)
    assert _rules() == []
    [revision] = _relations(ClaimRelation.Type.REVISES)
    assert (revision.from_claim_id, revision.to_claim_id) == (evening.pk, morning.pk)


@pytest.mark.parametrize(("first", "second"), APART)
def test_different_counts_are_never_compared(flood, police, hospital, first, second):
    one = figure(event=flood, source=police, value=14, subject=first)
    other = figure(event=flood, source=hospital, value=210, subject=second)
    check_all(one, other)
    assert "figure_mismatch" not in _rules()
    assert _relations(ClaimRelation.Type.CORROBORATES) == []


@pytest.mark.parametrize(("filed", "loose"), [("people killed", "death toll"), ("deaths", "people dead")])
def test_a_claim_without_an_event_is_offered_the_event_of_a_toll_in_other_words(flood, filed, loose):
    # The look-up goes through subject_variants: the bare wordings of "people
    # killed" must be among them.
    day = date(2026, 9, 12)
    grouped = make_figure(event=flood, value=14, subject=filed, place="Riverton", occurred_on=day)
    claim = make_figure(event=None, value=21, subject=loose, place="Riverton", occurred_on=day)
    check(claim)
    [suggestion] = event_link_suggestions_pending(claim_id=claim.pk)
    assert (suggestion.event, suggestion.matched_claim) == (flood, grouped)
