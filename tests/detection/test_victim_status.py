"""Victim status: who the dead were, combatants or non-combatants."""

import pytest

from claims.models import ConflictFlag
from detection.models import Dispute, VictimCategoryTerm
from tests.factories import SourceFactory

from .conftest import check, make_claim, make_figure

pytestmark = pytest.mark.django_db


def victim_flags():
    return ConflictFlag.objects.filter(rule="victim_status")


def test_the_same_toll_as_militants_and_as_civilians_is_flagged(event, ministry, monitor):
    check(make_figure(event=event, value=200, subject="militants killed", sources=[ministry]))
    check(make_figure(event=event, value=200, subject="civilians killed", sources=[monitor]))
    (flag,) = victim_flags()
    assert "combatants" in flag.explanation and "non-combatants" in flag.explanation
    assert '"militants"' in flag.explanation and '"civilians"' in flag.explanation
    assert flag.severity == ConflictFlag.Severity.MEDIUM


def test_an_unspecified_figure_is_enough(event, ministry, rebel_command):
    check(make_figure(event=event, value=200, subject="militants killed", sources=[ministry]))
    check(
        make_claim(
            event=event, text="Residents said the dead were civilians.", kind="other", sources=[rebel_command]
        )
    )
    (flag,) = victim_flags()
    # Opposite sides: one level more severe.
    assert flag.severity == ConflictFlag.Severity.HIGH
    assert "opposite sides" in flag.explanation
    dispute = flag.dispute_membership.dispute
    assert dispute.topic == Dispute.Topic.VICTIMS


def test_separate_counts_of_fighters_and_civilians_are_not_flagged(event, monitor):
    check(make_figure(event=event, value=20, subject="militants killed", sources=[monitor]))
    check(make_figure(event=event, value=5, subject="civilians killed", sources=[SourceFactory()]))
    assert not victim_flags().exists()


def test_militants_killed_against_civilians_wounded_is_not_flagged(event, monitor):
    check(make_figure(event=event, value=20, subject="militants killed", sources=[monitor]))
    check(make_figure(event=event, value=20, subject="civilians wounded", sources=[SourceFactory()]))
    assert not victim_flags().exists()


def test_synonyms_of_one_category_agree(event, monitor):
    check(make_figure(event=event, value=20, subject="insurgents killed", sources=[monitor]))
    check(make_figure(event=event, value=20, subject="fighters killed", sources=[SourceFactory()]))
    assert not victim_flags().exists()


def test_a_claim_naming_both_categories_takes_no_side(event, monitor):
    check(make_figure(event=event, value=20, subject="militants killed", sources=[monitor]))
    check(
        make_claim(
            event=event, text="The dead included fighters and civilians.", kind="other", sources=[monitor]
        )
    )
    assert not victim_flags().exists()


def test_claims_under_different_events_are_not_compared(event, monitor):
    from tests.factories import EventFactory

    check(make_figure(event=event, value=20, subject="militants killed", sources=[monitor]))
    check(make_figure(event=EventFactory(), value=20, subject="civilians killed", sources=[monitor]))
    assert not victim_flags().exists()


def test_a_word_added_in_the_admin_is_used_by_the_next_check(event, monitor):
    paramedics = make_figure(event=event, value=12, subject="paramedics killed", sources=[monitor])
    check(paramedics)
    check(make_figure(event=event, value=12, subject="militants killed", sources=[SourceFactory()]))
    assert not victim_flags().exists()
    VictimCategoryTerm.objects.create(phrase="paramedics", category="non_combatant")
    check(paramedics)
    assert victim_flags().count() == 1


def test_a_framing_claim_mentioning_civilians_is_not_read(event, monitor):
    check(make_figure(event=event, value=20, subject="militants killed", sources=[monitor]))
    check(
        make_claim(
            event=event, text="The pull-back protects civilians.", kind="framing", sources=[SourceFactory()]
        )
    )
    check(
        make_claim(event=event, text="Civilians fled the district.", kind="other", sources=[SourceFactory()])
    )
    assert not victim_flags().exists()
