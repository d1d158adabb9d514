"""Contested responsibility: different perpetrators named for one event."""

import pytest

from claims.models import Claim, ConflictFlag
from claims.services import claim_update
from detection.models import Dispute
from detection.rules.responsibility import party_words, same_party
from tests.factories import SourceFactory

from .conftest import check, make_claim

pytestmark = pytest.mark.django_db


def blame(event, party, source=None, text="The market was hit."):
    return make_claim(
        event=event,
        text=text,
        kind="occurrence",
        sources=[source or SourceFactory()],
        responsible_party=party,
    )


def responsibility_flags():
    return ConflictFlag.objects.filter(rule="contested_responsibility")


def test_russian_against_government_airstrikes_is_flagged(event, monitor):
    check(blame(event, "Russian airstrikes", monitor))
    check(blame(event, "government airstrikes"))
    (flag,) = responsibility_flags()
    assert '"Russian airstrikes"' in flag.explanation and '"government airstrikes"' in flag.explanation
    assert flag.severity == ConflictFlag.Severity.HIGH
    assert flag.dispute_membership.dispute.topic == Dispute.Topic.RESPONSIBILITY


def test_three_perpetrators_are_one_dispute_with_three_pairs(event):
    for party in ("Russian airstrikes", "government airstrikes", "coalition strikes"):
        check(blame(event, party))
    assert responsibility_flags().count() == 3
    assert Dispute.objects.filter(topic=Dispute.Topic.RESPONSIBILITY).count() == 1


def test_opposite_sides_blaming_each_other_is_critical(event, ministry, rebel_command):
    check(blame(event, "rebel shelling", ministry))
    check(blame(event, "government artillery", rebel_command))
    (flag,) = responsibility_flags()
    assert flag.severity == ConflictFlag.Severity.CRITICAL


def test_two_names_for_the_same_party_are_not_flagged(event):
    check(blame(event, "Syrian government"))
    check(blame(event, "government forces"))
    check(blame(event, "the Syrian government's air force"))
    assert not responsibility_flags().exists()


def test_a_claim_naming_nobody_is_not_compared(event):
    check(blame(event, "Russian airstrikes"))
    check(blame(event, ""))
    assert not responsibility_flags().exists()


def test_editing_the_party_raises_the_flag(event):
    check(blame(event, "Russian airstrikes"))
    second = blame(event, "Russian jets")
    check(second)
    assert not responsibility_flags().exists()
    claim_update(claim_id=second.pk, responsible_party="US-led coalition")
    check(Claim.objects.get(pk=second.pk))
    assert responsibility_flags().count() == 1


def test_party_words_fold_nationalities_and_drop_the_means():
    assert party_words("Russian airstrikes") == {"russia"}
    assert party_words("Russia") == {"russia"}
    assert same_party("US-led coalition", "the coalition")
    assert not same_party("Russian air force", "Syrian air force")


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Syrian army", "Free Syrian Army"),
        ("Syrian army", "Syrian Observatory"),
        ("Syrian army", "Syrian Democratic Forces"),
        ("the transport union", "the independent transport union"),
    ],
)
def test_actors_whose_names_share_words_are_never_one_party(first, second):
    assert not same_party(first, second)
    assert not same_party(second, first)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Syrian army", "Syrian government"),
        ("Russia", "Russian government"),
        ("Syria's government", "government forces"),
        ("Russian airstrikes", "Russian Ministry of Defence"),
        ("National Party agents", "the National Party"),
    ],
)
def test_a_countrys_army_and_its_state_or_a_partys_people_are_one_party(first, second):
    assert same_party(first, second)


def test_the_syrian_army_blamed_against_the_free_syrian_army_is_flagged(event, ministry, rebel_command):
    check(blame(event, "Free Syrian Army", ministry))
    check(blame(event, "Syrian army", rebel_command))
    assert responsibility_flags().count() == 1
