"""Denials: a claim recorded as denying another opens a flag linking both."""

import pytest

from claims.models import ClaimRelation, ConflictFlag
from claims.page_selectors import claim_detail_for_page
from claims.selectors import claim_relations
from claims.services import relation_create, relation_delete
from detection.models import Dispute

from .conftest import check, make_claim

pytestmark = pytest.mark.django_db


@pytest.fixture
def retreat(event, monitor, ministry):
    reported = make_claim(
        event=event, text="Government forces retreated from Aleppo.", kind="occurrence", sources=[monitor]
    )
    denial = make_claim(
        event=event,
        text="The army denied that its forces had retreated.",
        kind="occurrence",
        sources=[ministry],
    )
    return reported, denial


def deny(denial, reported):
    # The reported claim has the lower id: a directed relation keeps its direction.
    return relation_create(from_claim=denial, to_claim=reported, relation_type=ClaimRelation.Type.DENIES)


def test_a_denial_opens_a_flag_linking_both_claims(retreat):
    reported, denial = retreat
    relation = deny(denial, reported)
    assert (relation.from_claim_id, relation.to_claim_id) == (denial.pk, reported.pk)
    check(denial)
    (flag,) = ConflictFlag.objects.filter(rule="denial")
    assert set(flag.claim_ids) == {reported.pk, denial.pk}
    assert flag.explanation.startswith(f"Russian Ministry of Defence denies claim #{reported.pk}")
    assert "Government forces retreated from Aleppo." in flag.explanation
    assert flag.dispute_membership.dispute.topic == Dispute.Topic.DENIAL


def test_the_claim_page_reads_the_relation_both_ways(retreat):
    reported, denial = retreat
    deny(denial, reported)
    labels = {row["label"] for row in claim_relations(claim_detail_for_page(claim_id=reported.pk)[0])}
    assert labels == {"is denied by"}
    labels = {row["label"] for row in claim_relations(claim_detail_for_page(claim_id=denial.pk)[0])}
    assert labels == {"denies"}


def test_a_claim_that_denies_nothing_raises_no_denial_flag(retreat):
    reported, denial = retreat
    relation_create(from_claim=denial, to_claim=reported, relation_type=ClaimRelation.Type.QUALIFIES)
    check(denial)
    assert not ConflictFlag.objects.filter(rule="denial").exists()


def test_removing_the_denial_leaves_the_flag_open_with_a_note(retreat):
    reported, denial = retreat
    relation = deny(denial, reported)
    check(denial)
    relation_delete(relation_id=relation.pk)
    check(denial)
    flag = ConflictFlag.objects.get(rule="denial")
    assert flag.status == ConflictFlag.Status.OPEN
    assert "no longer finds this conflict" in flag.history.last().reason
