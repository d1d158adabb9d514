import pytest
from django.contrib.auth.models import Group

from accounts.roles import Role, user_role
from tests.factories import UserFactory, editor, fact_checker, viewer

pytestmark = pytest.mark.django_db


def test_the_three_role_groups_exist_after_migrating():
    assert set(Group.objects.values_list("name", flat=True)) >= {"editor", "fact-checker", "viewer"}


def test_a_viewer_reads_everything_and_writes_nothing():
    user = viewer()
    assert user.has_perm("claims.view_claim")
    assert user.has_perm("claims.view_auditentry")
    assert not user.has_perm("claims.add_claim")
    assert not user.has_perm("claims.triage_conflictflag")
    assert not user.has_perm("sources.add_source")


def test_a_fact_checker_adds_claims_and_acts_on_flags_but_not_sources():
    user = fact_checker()
    assert user.has_perm("claims.add_claim")
    assert user.has_perm("claims.add_attribution")
    assert user.has_perm("claims.add_claimrelation")
    assert user.has_perm("claims.triage_conflictflag")
    assert not user.has_perm("claims.verify_claim")
    assert not user.has_perm("sources.add_source")
    assert not user.has_perm("claims.delete_claim")


def test_an_editor_may_do_everything():
    user = editor()
    for permission in (
        "sources.add_source",
        "sources.change_document",
        "claims.add_event",
        "claims.verify_claim",
        "claims.delete_claim",
        "claims.triage_conflictflag",
    ):
        assert user.has_perm(permission), permission


def test_the_strongest_role_wins():
    user = viewer()
    user.groups.add(Group.objects.get(name=Role.EDITOR))
    assert user_role(user) == Role.EDITOR


def test_a_user_without_a_group_has_no_role():
    assert user_role(UserFactory()) is None
