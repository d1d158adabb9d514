"""The queue's state stored on each dispute (is_open, open_pairs, pair_count,
worst) always equals what its flags say, whichever path changed them, and the
queue keeps the order it had when that state was computed on every read."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.db import connection
from django.db.models import Exists, Max, OuterRef, Q
from django.db.models.functions import Coalesce
from django.test.utils import CaptureQueriesContext

from anchoring.services import SOURCE_REVISED, document_version_add
from claims.models import ConflictFlag
from claims.services import (
    claim_delete,
    claim_update,
    flag_acknowledge,
    flag_dismiss,
    flag_reopen,
    flag_resolve,
    flags_triage_many,
)
from detection.dispute_selectors import dispute_queue
from detection.dispute_services import (
    dispute_dismiss,
    dispute_resolve,
    dispute_state_refresh,
    dispute_state_repair,
    disputes_sync,
    disputes_sync_all,
)
from detection.models import Dispute, DisputeFlag, DisputeStateRepair
from detection.tasks import repair_dispute_state
from tests.agreement.test_revisions import EVENING, MORNING, reported
from tests.anchoring.test_versions import SECOND, story  # noqa: F401 - the fixture
from tests.factories import EventFactory, SourceFactory

from .conftest import check, make_figure

pytestmark = pytest.mark.django_db

STATE = ("is_open", "open_pairs", "pair_count", "worst")


def state_from_flags(dispute: Dispute) -> dict:
    flags = list(ConflictFlag.objects.filter(dispute_membership__dispute=dispute))
    active = [flag.severity for flag in flags if flag.is_active]
    every = [flag.severity for flag in flags]
    return {
        "is_open": bool(active),
        "open_pairs": len(active),
        "pair_count": len(flags),
        "worst": max(active) if active else (max(every) if every else None),
    }


def assert_stored_state_matches_flags() -> None:
    """Every dispute's stored state equals the state recomputed from its flags."""
    disputes = list(Dispute.objects.order_by("pk"))
    assert disputes, "the test should have filed some disputes"
    for dispute in disputes:
        stored = {name: getattr(dispute, name) for name in STATE}
        assert stored == state_from_flags(dispute), f"dispute #{dispute.pk} {dispute.key}"


def queue_order_computed_from_flags() -> list[int]:
    """The queue's order as it was computed before the state was stored."""
    active = Q(memberships__flag__status__in=ConflictFlag.ACTIVE_STATUSES)
    open_pair = ConflictFlag.objects.filter(
        dispute_membership__dispute=OuterRef("pk"), status__in=ConflictFlag.ACTIVE_STATUSES
    )
    return list(
        Dispute.objects.annotate(
            computed_open=Exists(open_pair),
            computed_worst=Coalesce(
                Max("memberships__flag__severity", filter=active), Max("memberships__flag__severity")
            ),
        )
        .filter(Exists(DisputeFlag.objects.filter(dispute=OuterRef("pk"))))
        .order_by("-computed_open", "-computed_worst", "created_at", "id")
        .values_list("pk", flat=True)
    )


def figures(event, *values, subject="militants killed"):
    claims = [
        make_figure(event=event, value=value, subject=subject, sources=[SourceFactory()]) for value in values
    ]
    for claim in claims:
        check(claim)
    return claims


def dispute_of(claim) -> Dispute:
    flag = ConflictFlag.objects.filter(Q(claim_a=claim) | Q(claim_b=claim)).first()
    return Dispute.objects.get(memberships__flag=flag)


@pytest.fixture
def toll(event):
    """Three disagreeing figures for one toll: one dispute, three open pairs."""
    return figures(event, 200, 20, 700)


def test_filing_flags_stores_the_disputes_state(toll):
    dispute = dispute_of(toll[0])
    assert (dispute.is_open, dispute.open_pairs, dispute.pair_count) == (True, 3, 3)
    assert_stored_state_matches_flags()


def test_closing_and_reopening_pairs_one_by_one_keeps_the_state(toll, editor_user):
    flags = list(ConflictFlag.objects.filter(dispute_membership__isnull=False).order_by("pk"))
    flag_acknowledge(flag_id=flags[0].pk, user=editor_user)
    assert_stored_state_matches_flags()
    flag_resolve(flag_id=flags[0].pk, user=editor_user, note="Checked.")
    assert_stored_state_matches_flags()
    flag_dismiss(flag_id=flags[1].pk, user=editor_user, reason="Same people counted.")
    assert_stored_state_matches_flags()
    assert dispute_of(toll[0]).open_pairs == 1
    flag_reopen(flag_id=flags[1].pk, user=editor_user, reason="Looked again.")
    assert_stored_state_matches_flags()
    assert dispute_of(toll[0]).open_pairs == 2


def test_the_worst_follows_the_open_pairs_and_falls_back_once_all_are_closed(toll, editor_user):
    flags = sorted(ConflictFlag.objects.filter(dispute_membership__isnull=False), key=lambda f: -f.severity)
    flag_dismiss(flag_id=flags[0].pk, user=editor_user, reason="Not comparable.")
    assert dispute_of(toll[0]).worst == max(flag.severity for flag in flags[1:])
    for flag in flags[1:]:
        flag_dismiss(flag_id=flag.pk, user=editor_user, reason="Not comparable.")
    dispute = dispute_of(toll[0])
    assert (dispute.is_open, dispute.open_pairs, dispute.worst) == (False, 0, flags[0].severity)
    assert_stored_state_matches_flags()


def test_bulk_dismissing_from_the_queue_keeps_the_state(toll, editor_user):
    ids = list(ConflictFlag.objects.values_list("pk", flat=True))
    flags_triage_many(flag_ids=ids, user=editor_user, action="dismiss", reason="A duplicate report.")
    assert dispute_of(toll[0]).is_open is False
    assert_stored_state_matches_flags()


def test_resolving_and_dismissing_a_dispute_keeps_the_state(event, toll, editor_user):
    other = figures(EventFactory(title="Shelling of Idlib"), 15, 150)
    dispute_resolve(dispute_id=dispute_of(toll[0]).pk, user=editor_user, note="The monitor holds up.")
    assert_stored_state_matches_flags()
    dispute_dismiss(dispute_id=dispute_of(other[0]).pk, user=editor_user, reason="Two different days.")
    assert_stored_state_matches_flags()
    assert Dispute.objects.filter(is_open=True).count() == 0


def test_a_new_figure_reopening_a_decided_dispute_keeps_the_state(event, toll, editor_user):
    dispute_resolve(dispute_id=dispute_of(toll[0]).pk, user=editor_user, note="Settled.")
    figures(event, 5000)
    dispute = dispute_of(toll[0])
    assert (dispute.is_open, dispute.open_pairs, dispute.pair_count) == (True, 3, 6)
    assert_stored_state_matches_flags()


def test_detection_changing_a_pairs_severity_keeps_the_state(toll):
    before = {flag.pk: flag.severity for flag in ConflictFlag.objects.all()}
    claim_update(claim_id=toll[1].pk, value_low=190)  # 20 -> 190: closer to 200, further from 700
    check(toll[1])
    after = {flag.pk: flag.severity for flag in ConflictFlag.objects.all()}
    assert before != after  # the test needs a severity that changed
    assert_stored_state_matches_flags()


def test_the_revision_rule_closing_a_stale_pair_keeps_the_state(event, ministry, monitor):
    reported(event=event, source=ministry, value=45, published=MORNING)
    check(make_figure(event=event, value=110, subject="killed", sources=[monitor]))
    check(reported(event=event, source=ministry, value=300, published=EVENING))
    assert ConflictFlag.objects.filter(status=ConflictFlag.Status.RESOLVED).exists()
    assert_stored_state_matches_flags()


def test_deleting_a_claim_takes_its_pairs_out_of_the_dispute(toll):
    dispute = dispute_of(toll[0])
    claim_delete(claim_id=toll[2].pk)
    assert_stored_state_matches_flags()
    dispute.refresh_from_db()
    assert (dispute.pair_count, dispute.open_pairs) == (1, 1)
    claim_delete(claim_id=toll[1].pk)
    assert_stored_state_matches_flags()
    # No pair left: not a question any more, and off the queue.
    assert dispute.pk not in [entry.pk for entry in dispute_queue()]


def test_the_refresh_the_catch_up_and_the_migration_repair_a_stale_state(toll, event):
    figures(EventFactory(title="Shelling of Idlib"), 15, 150)
    Dispute.objects.update(is_open=False, open_pairs=0, pair_count=0, worst=None)
    dispute_state_refresh()
    assert_stored_state_matches_flags()
    Dispute.objects.update(is_open=True, open_pairs=5, pair_count=1, worst=10)
    disputes_sync_all()
    assert_stored_state_matches_flags()
    Dispute.objects.update(is_open=False, open_pairs=9, pair_count=0, worst=None)
    importlib.import_module("detection.migrations.0009_fill_dispute_stored_state").fill(django_apps, None)
    assert_stored_state_matches_flags()


def test_the_queue_keeps_the_order_computed_from_the_flags(editor_user):
    """Open before closed, most severe first, then oldest, on a queue with
    disputes open, partly closed, resolved, dismissed and emptied."""
    groups = []
    for number, values in enumerate(
        [(200, 20, 700), (100, 130), (10, 1000), (50, 60, 500), (300, 30), (8, 80)]
    ):
        groups.append(figures(EventFactory(title=f"Event {number}"), *values))
    dispute_resolve(dispute_id=dispute_of(groups[1][0]).pk, user=editor_user, note="Settled.")
    dispute_dismiss(dispute_id=dispute_of(groups[4][0]).pk, user=editor_user, reason="Not comparable.")
    worst_pair = ConflictFlag.objects.filter(dispute_membership__dispute=dispute_of(groups[3][0])).order_by(
        "-severity"
    )[0]
    flag_resolve(flag_id=worst_pair.pk, user=editor_user, note="Checked.")
    for claim in groups[5]:
        claim_delete(claim_id=claim.pk)
    assert_stored_state_matches_flags()
    expected = queue_order_computed_from_flags()
    assert len(expected) == 5
    assert {Dispute.objects.get(pk=pk).is_open for pk in expected} == {True, False}
    assert list(dispute_queue().values_list("pk", flat=True)) == expected


def test_a_source_revising_its_text_again_keeps_the_state(story, editor_user):  # noqa: F811 - the fixture
    second = document_version_add(document_id=story["document"].pk, user=editor_user, body=SECOND)
    flag = ConflictFlag.objects.get(rule=SOURCE_REVISED, claim_a=story["toll"])
    disputes_sync(flag_ids=[flag.pk])
    flag_dismiss(flag_id=flag.pk, user=editor_user, reason="Checked with the wire.")
    assert_stored_state_matches_flags()
    document_version_add(
        document_id=second.pk, user=editor_user, body=SECOND.replace("45 people", "51 people")
    )
    assert Dispute.objects.get(memberships__flag=flag).is_open
    assert_stored_state_matches_flags()


# The scheduled repair (detection.tasks.repair_dispute_state)


def test_the_scheduled_repair_puts_drifted_disputes_right_and_says_how_many(toll, caplog, settings):
    # Given two disputes, and writes that bypassed the services: one dispute's
    # stored state overwritten, a pair of the other closed behind its back
    other = figures(EventFactory(title="Shelling of Idlib"), 15, 150)
    untouched = figures(EventFactory(title="Floods in Derna"), 40, 4000)
    corrupted, behind_its_back = dispute_of(toll[0]), dispute_of(other[0])
    Dispute.objects.filter(pk=corrupted.pk).update(is_open=False, open_pairs=0, worst=None)
    ConflictFlag.objects.filter(dispute_membership__dispute=behind_its_back).update(
        status=ConflictFlag.Status.DISMISSED
    )
    assert Dispute.objects.get(pk=behind_its_back.pk).is_open  # stale: its pair is dismissed

    # When the scheduled task runs
    repaired = repair_dispute_state.delay().get()

    # Then both are recomputed, the third left alone, and the run is recorded and logged
    assert repaired == 2
    assert_stored_state_matches_flags()
    assert Dispute.objects.get(pk=behind_its_back.pk).is_open is False
    record = DisputeStateRepair.objects.get()
    assert (record.checked, record.repaired) == (3, 2)
    assert record.dispute_ids == sorted([corrupted.pk, behind_its_back.pk])
    assert dispute_of(untouched[0]).pk not in record.dispute_ids
    warning = [r for r in caplog.records if r.levelname == "WARNING" and "drift" in r.getMessage()]
    assert len(warning) == 1 and "repaired 2 of 3 dispute(s)" in warning[0].getMessage()


def test_a_second_repair_finds_nothing_and_writes_nothing(toll):
    Dispute.objects.update(open_pairs=7)
    assert len(dispute_state_repair().repaired) == 1

    with CaptureQueriesContext(connection) as queries:
        report = dispute_state_repair()

    assert (report.checked, report.repaired) == (1, [])
    assert DisputeStateRepair.objects.count() == 1
    assert not [q["sql"] for q in queries if not q["sql"].lstrip().upper().startswith("SELECT")]


def test_the_repair_files_a_conflict_whose_filing_was_lost_and_leaves_a_fresh_one_to_its_check(toll, caplog):
    from datetime import timedelta

    from django.utils import timezone

    # Given two conflicts in no dispute: one raised an hour ago (the check that
    # raised it died before filing it), one raised a moment ago (its check is
    # about to file it)
    lost, fresh = ConflictFlag.objects.order_by("pk")[:2]
    DisputeFlag.objects.filter(flag__in=[lost, fresh]).delete()
    ConflictFlag.objects.filter(pk=lost.pk).update(created_at=timezone.now() - timedelta(hours=1))
    dispute_state_refresh()

    # When the scheduled repair runs
    report = dispute_state_repair()

    # Then the lost one is back in the queue, recorded, logged; the fresh one is left to its check
    assert report.filed == [lost.pk]
    assert DisputeFlag.objects.filter(flag=lost).exists()
    assert not DisputeFlag.objects.filter(flag=fresh).exists()
    assert DisputeStateRepair.objects.get().flags_filed == 1
    assert any("missing from the queue" in r.getMessage() for r in caplog.records if r.levelname == "WARNING")
    # A second run files nothing more.
    assert dispute_state_repair().filed == []
    assert DisputeStateRepair.objects.count() == 1


def test_the_repair_sees_every_column_drift(toll, editor_user):
    dispute = dispute_of(toll[0])
    for wrong in ({"is_open": False}, {"open_pairs": 2}, {"pair_count": 4}, {"worst": None}, {"worst": 10}):
        Dispute.objects.filter(pk=dispute.pk).update(**wrong)
        assert dispute_state_repair().repaired == [dispute.pk], wrong
        assert_stored_state_matches_flags()
    # Closed, then marked open again by hand.
    ids = list(ConflictFlag.objects.values_list("pk", flat=True))
    flags_triage_many(flag_ids=ids, user=editor_user, action="dismiss", reason="A duplicate report.")
    Dispute.objects.filter(pk=dispute.pk).update(is_open=True)
    assert dispute_state_repair().repaired == [dispute.pk]
    assert_stored_state_matches_flags()


def test_the_repair_reads_disputes_in_batches_in_a_fixed_number_of_queries(event, django_assert_num_queries):
    for number in range(5):
        figures(EventFactory(title=f"Event {number}"), 10, 1000)
    # The look for unfiled conflicts, then batches of 2 over 5 disputes: 3
    # batches, each the next ids and one comparison, then the empty read
    # that ends the run.
    with django_assert_num_queries(1 + 3 * 2 + 1):
        report = dispute_state_repair(batch_size=2)
    assert (report.checked, report.repaired) == (5, [])


def test_the_repair_is_scheduled_with_an_expiry_shorter_than_its_interval(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["dispute-state-repair"]
    assert entry["task"] == repair_dispute_state.name
    assert entry["schedule"] == settings.DETECTION_DISPUTE_REPAIR_SECONDS == 3600
    assert 0 < entry["options"]["expires"] < settings.DETECTION_DISPUTE_REPAIR_SECONDS
