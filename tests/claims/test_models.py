import pytest
from django.db import IntegrityError, transaction

from claims.models import Claim, ClaimRelation
from tests.factories import ClaimFactory, ClaimRelationFactory, ConflictFlagFactory, FigureClaimFactory

pytestmark = pytest.mark.django_db


def test_the_database_refuses_a_relation_of_a_claim_to_itself():
    claim = ClaimFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimRelation.objects.create(
            from_claim=claim, to_claim=claim, relation_type=ClaimRelation.Type.QUALIFIES
        )


def test_the_database_refuses_the_same_relation_twice():
    first, second = sorted([ClaimFactory(), ClaimFactory()], key=lambda c: c.pk)
    ClaimRelationFactory(from_claim=first, to_claim=second)
    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimRelationFactory(from_claim=first, to_claim=second)


def test_the_database_refuses_a_symmetric_relation_stored_backwards():
    first, second = sorted([ClaimFactory(), ClaimFactory()], key=lambda c: c.pk)
    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimRelationFactory(from_claim=second, to_claim=first, relation_type=ClaimRelation.Type.CONTRADICTS)


def test_the_database_refuses_a_second_flag_from_the_same_rule_on_the_same_claims():
    flag = ConflictFlagFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ConflictFlagFactory(rule=flag.rule, claim_a=flag.claim_a, claim_b=flag.claim_b)


def test_the_database_refuses_a_second_single_claim_flag_from_the_same_rule():
    claim = ClaimFactory()
    ConflictFlagFactory(rule="party_only_sourcing", claim_a=claim, claim_b=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        ConflictFlagFactory(rule="party_only_sourcing", claim_a=claim, claim_b=None)


def test_the_database_refuses_a_low_value_above_the_high_value():
    with pytest.raises(IntegrityError), transaction.atomic():
        FigureClaimFactory(value_low=30, value_high=20)


def test_the_database_refuses_a_negative_figure():
    with pytest.raises(IntegrityError), transaction.atomic():
        FigureClaimFactory(value_low=-5, value_high=10)


def test_the_database_refuses_a_figure_claim_without_a_value():
    with pytest.raises(IntegrityError), transaction.atomic():
        Claim.objects.create(text="Many died.", kind=Claim.Kind.FIGURE, quantity_subject="people killed")
