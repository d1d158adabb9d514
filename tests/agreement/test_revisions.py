"""Rule 8, revisions: the same originator's later figure supersedes its earlier one."""

import datetime as dt

import pytest

from claims.models import AuditEntry, Claim, ClaimRelation, ConflictFlag
from claims.services import claim_create, flag_dismiss, flag_reopen
from tests.detection.conftest import check, make_figure
from tests.factories import DocumentFactory

pytestmark = pytest.mark.django_db


def reported(*, event, source, value, published, qualifier=Claim.Qualifier.EXACT):
    document = DocumentFactory(published_at=published)
    return claim_create(
        text=f"{value} killed, the ministry said.",
        kind=Claim.Kind.FIGURE,
        event=event,
        quantity_subject="killed",
        value_low=value,
        qualifier=qualifier,
        attributions=[{"source": source, "document": document}],
    )


MORNING = dt.datetime(2026, 11, 29, 8, 0, tzinfo=dt.UTC)
EVENING = dt.datetime(2026, 11, 29, 19, 0, tzinfo=dt.UTC)


def test_a_later_figure_from_the_same_speaker_revises_the_earlier(event, ministry):
    # Entered in the opposite order to when they were reported.
    evening = reported(event=event, source=ministry, value=112, published=EVENING)
    morning = reported(
        event=event, source=ministry, value=45, published=MORNING, qualifier=Claim.Qualifier.AT_LEAST
    )
    check(morning)
    relation = ClaimRelation.objects.get(relation_type=ClaimRelation.Type.REVISES)
    assert (relation.from_claim_id, relation.to_claim_id) == (evening.pk, morning.pk)
    assert relation.origin == ClaimRelation.Origin.RULE
    assert "from at least 45" in relation.rationale and "to 112" in relation.rationale
    # A revision is history, not a conflict.
    assert not ConflictFlag.objects.filter(rule="figure_mismatch").exists()


def test_a_revision_closes_the_stale_flag_and_the_new_figure_is_compared(event, ministry, monitor):
    morning = reported(event=event, source=ministry, value=45, published=MORNING)
    independent = make_figure(event=event, value=110, subject="killed", sources=[monitor])
    check(independent)
    [stale] = ConflictFlag.objects.filter(rule="figure_mismatch")
    assert set(stale.claim_ids) == {morning.pk, independent.pk}

    evening = reported(event=event, source=ministry, value=300, published=EVENING)
    check(evening)

    stale.refresh_from_db()
    assert stale.status == ConflictFlag.Status.RESOLVED
    assert "revised its figure" in stale.resolution_note
    assert f"Claim #{evening.pk}'s figure is compared instead" in stale.resolution_note
    [current] = ConflictFlag.objects.filter(rule="figure_mismatch", status=ConflictFlag.Status.OPEN)
    assert set(current.claim_ids) == {evening.pk, independent.pk}
    # Checking again changes nothing: the old flag stays closed.
    check(morning)
    check(independent)
    stale.refresh_from_db()
    assert stale.status == ConflictFlag.Status.RESOLVED
    assert ClaimRelation.objects.filter(relation_type=ClaimRelation.Type.REVISES).count() == 1


def test_a_revised_figure_that_now_agrees_corroborates(event, ministry, monitor):
    reported(event=event, source=ministry, value=45, published=MORNING)
    independent = make_figure(event=event, value=110, subject="killed", sources=[monitor])
    evening = reported(
        event=event, source=ministry, value=112, published=EVENING, qualifier=Claim.Qualifier.ABOUT
    )
    check(independent)
    check(evening)
    [corroboration] = ClaimRelation.objects.filter(relation_type=ClaimRelation.Type.CORROBORATES)
    assert {corroboration.from_claim_id, corroboration.to_claim_id} == {evening.pk, independent.pk}
    assert not ConflictFlag.objects.filter(rule="figure_mismatch", status=ConflictFlag.Status.OPEN).exists()


def test_different_speakers_are_not_revisions(event, ministry, monitor):
    reported(event=event, source=ministry, value=45, published=MORNING)
    check(reported(event=event, source=monitor, value=112, published=EVENING))
    assert not ClaimRelation.objects.filter(relation_type=ClaimRelation.Type.REVISES).exists()
    assert ConflictFlag.objects.filter(rule="figure_mismatch").count() == 1


def test_a_revision_that_no_longer_holds_is_removed(event, ministry, monitor):
    from claims.services import attribution_create, attribution_delete

    morning = reported(event=event, source=ministry, value=45, published=MORNING)
    evening = reported(event=event, source=ministry, value=112, published=EVENING)
    check(evening)
    assert ClaimRelation.objects.filter(relation_type=ClaimRelation.Type.REVISES).count() == 1
    # The evening figure turns out to be the monitor's, not the ministry's.
    attribution_create(claim=evening, source=monitor)
    attribution_delete(attribution_id=evening.attributions.get(source=ministry).pk)
    check(evening)
    assert not ClaimRelation.objects.filter(relation_type=ClaimRelation.Type.REVISES).exists()
    # The morning figure is current again and compared with the monitor's.
    assert ConflictFlag.objects.filter(rule="figure_mismatch", claim_a=morning, claim_b=evening).exists()


def test_a_claim_moved_out_of_its_event_loses_the_rules_corroboration(event, monitor, ministry):
    from claims.services import claim_update

    one = make_figure(event=event, value=20, sources=[monitor])
    two = make_figure(event=event, value=20, sources=[ministry])
    check(two)
    assert ClaimRelation.objects.filter(relation_type=ClaimRelation.Type.CORROBORATES).count() == 1
    claim_update(claim_id=two.pk, event=None)
    check(two)
    assert not ClaimRelation.objects.filter(relation_type=ClaimRelation.Type.CORROBORATES).exists()
    assert one.pk


def test_a_flag_an_editor_reopens_after_the_revision_closed_it_stays_open(
    event, ministry, monitor, editor_user
):
    morning = reported(event=event, source=ministry, value=45, published=MORNING)
    independent = make_figure(event=event, value=110, subject="killed", sources=[monitor])
    check(independent)
    [stale] = ConflictFlag.objects.filter(rule="figure_mismatch")
    evening = reported(event=event, source=ministry, value=300, published=EVENING)
    check(evening)
    stale.refresh_from_db()
    assert stale.status == ConflictFlag.Status.RESOLVED

    # The editor disagrees: the morning figure counts a different place.
    flag_reopen(flag_id=stale.pk, user=editor_user, reason="The morning toll is for another district.")
    for claim in (morning, independent, evening):
        check(claim)

    stale.refresh_from_db()
    assert stale.status == ConflictFlag.Status.OPEN
    # Closed once, by the rule; never again after the editor's re-opening.
    assert stale.history.filter(action=AuditEntry.Action.STATUS).count() == 1


def test_a_flag_reopened_before_any_revision_is_still_closed_by_a_later_one(
    event, ministry, monitor, editor_user
):
    reported(event=event, source=ministry, value=45, published=MORNING)
    independent = make_figure(event=event, value=110, subject="killed", sources=[monitor])
    check(independent)
    [flag] = ConflictFlag.objects.filter(rule="figure_mismatch")
    flag_dismiss(flag_id=flag.pk, user=editor_user, reason="Looked like a typo.")
    flag_reopen(flag_id=flag.pk, user=editor_user, reason="It was not a typo after all.")

    evening = reported(event=event, source=ministry, value=300, published=EVENING)
    check(evening)

    flag.refresh_from_db()
    assert flag.status == ConflictFlag.Status.RESOLVED
    assert "revised its figure" in flag.resolution_note


def test_a_speaker_hedging_the_same_number_repeats_it_rather_than_revising_it(event, ministry):
    morning = reported(event=event, source=ministry, value=40, published=MORNING)
    evening = reported(
        event=event, source=ministry, value=40, published=EVENING, qualifier=Claim.Qualifier.ABOUT
    )
    check(evening)
    relation = ClaimRelation.objects.get(relation_type=ClaimRelation.Type.REVISES)
    assert (relation.from_claim_id, relation.to_claim_id) == (evening.pk, morning.pk)
    assert "revised" not in relation.rationale
    assert "repeated its figure for" in relation.rationale
    assert "as about 40 (it said 40 in claim" in relation.rationale


def _credited(*, event, value, hour, credits):
    """A figure reported at `hour`, credited as `credits`: (source, relaying outlet or None) pairs."""
    document = DocumentFactory(published_at=dt.datetime(2026, 11, 29, hour, tzinfo=dt.UTC))
    return claim_create(
        text=f"{value} killed.",
        kind=Claim.Kind.FIGURE,
        event=event,
        quantity_subject="killed",
        value_low=value,
        attributions=[
            {"source": source, "document": document, **({"relayed_by": relay} if relay else {})}
            for source, relay in credits
        ],
    )


def test_a_claim_crediting_one_speaker_through_an_outlet_and_another_directly_revises_one_way_only(
    event, monitor
):
    """The monitor's 20, then its 35 with the hospital's; at 18:00 an outlet
    passes on the monitor's old 20 (a stale echo for the monitor) in a claim
    that also credits the hospital's own new 20 (its revision from 35): one
    relation between the 35 and the 20, never one each way."""
    from tests.factories import SourceFactory

    hospital = SourceFactory(name="District hospital", slug="hospital")
    outlet = SourceFactory(name="Evening paper", slug="evening", kind="news_outlet")
    first = _credited(event=event, value=20, hour=8, credits=[(monitor, None)])
    both = _credited(event=event, value=35, hour=12, credits=[(monitor, None), (hospital, None)])
    late = _credited(event=event, value=20, hour=18, credits=[(monitor, outlet), (hospital, None)])
    for claim in (first, both, late):
        check(claim)
    between = {
        (relation.from_claim_id, relation.to_claim_id)
        for relation in ClaimRelation.objects.filter(relation_type=ClaimRelation.Type.REVISES)
        if {relation.from_claim_id, relation.to_claim_id} == {both.pk, late.pk}
    }
    # The hospital's own 20 revises its 35; the 35 stays the monitor's latest figure all the same.
    assert between == {(late.pk, both.pk)}
    assert not ClaimRelation.objects.filter(relation_type=ClaimRelation.Type.REVISES, to_claim=late).exists()
