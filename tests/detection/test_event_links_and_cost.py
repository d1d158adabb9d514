"""Suggested event links, and the cost of one check."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.models import Claim, ConflictFlag
from core.exceptions import ConflictError
from detection.models import EventLinkSuggestion
from detection.selectors import event_link_suggestions_pending
from detection.services import event_link_accept, event_link_reject
from tests.factories import EventFactory

from .conftest import check, make_figure

pytestmark = pytest.mark.django_db

FRIDAY = date(2024, 11, 29)


@pytest.fixture
def grouped(event):
    return make_figure(event=event, value=200, place="Aleppo", occurred_on=FRIDAY)


def loose(value=20, **extra):
    fields = {"subject": "insurgents killed", "place": "aleppo", "occurred_on": FRIDAY}
    fields.update(extra)
    return make_figure(event=None, value=value, **fields)


def test_a_claim_without_an_event_is_offered_the_event_of_a_look_alike(grouped, event):
    claim = loose()
    check(claim)
    [suggestion] = event_link_suggestions_pending(claim_id=claim.pk)
    assert suggestion.event == event
    assert suggestion.matched_claim == grouped
    assert "Airstrikes around Aleppo" in suggestion.reason


def test_a_suggestion_is_never_applied_without_an_editor(grouped):
    claim = loose()
    check(claim)
    claim.refresh_from_db()
    assert claim.event is None
    assert ConflictFlag.objects.filter(rule="figure_mismatch").count() == 0


def test_a_look_alike_a_week_away_is_not_suggested(grouped):
    claim = loose(occurred_on=date(2024, 12, 7))
    check(claim)
    assert not EventLinkSuggestion.objects.exists()


def test_a_look_alike_in_another_place_is_not_suggested(grouped):
    claim = loose(place="Hama")
    check(claim)
    assert not EventLinkSuggestion.objects.exists()


def test_a_claim_counting_something_else_is_not_suggested(grouped):
    claim = loose(subject="civilians killed")
    check(claim)
    assert not EventLinkSuggestion.objects.exists()


def test_accepting_a_suggestion_puts_the_claim_under_the_event_and_finds_the_conflict(
    grouped, event, editor_user, django_capture_on_commit_callbacks
):
    claim = loose()
    check(claim)
    suggestion = EventLinkSuggestion.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        event_link_accept(suggestion_id=suggestion.pk, user=editor_user)
    claim.refresh_from_db()
    assert claim.event == event
    assert ConflictFlag.objects.filter(rule="figure_mismatch").count() == 1
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.decided_by) == ("accepted", editor_user)


def test_a_rejected_suggestion_is_not_offered_again(grouped, editor_user):
    claim = loose()
    check(claim)
    suggestion = EventLinkSuggestion.objects.get()
    event_link_reject(suggestion_id=suggestion.pk, user=editor_user)
    check(claim)
    assert EventLinkSuggestion.objects.count() == 1
    assert not event_link_suggestions_pending(claim_id=claim.pk).exists()


def test_a_decided_suggestion_cannot_be_decided_again(grouped, editor_user):
    claim = loose()
    check(claim)
    suggestion = EventLinkSuggestion.objects.get()
    event_link_reject(suggestion_id=suggestion.pk, user=editor_user)
    with pytest.raises(ConflictError):
        event_link_accept(suggestion_id=suggestion.pk, user=editor_user)


def queries_to_check(claim: Claim) -> int:
    with CaptureQueriesContext(connection) as queries:
        check(claim)
    return len(queries)


def test_checking_a_claim_costs_the_same_queries_however_many_other_claims_exist(event):
    make_figure(event=event, value=20)
    claim = make_figure(event=event, value=20)
    check(claim)
    before = queries_to_check(claim)
    for index in range(40):
        make_figure(event=EventFactory(), value=index + 1)
        make_figure(event=event, value=20 + index % 3, qualifier=Claim.Qualifier.ABOUT)
    assert queries_to_check(claim) == before
