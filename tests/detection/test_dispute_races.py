"""Two transactions changing pairs of the same dispute at once leave its
stored state (is_open, open_pairs, pair_count, worst) what its flags say.

Each write recomputes its dispute inside its own transaction
(dispute_services.dispute_state_refresh): it locks the dispute row first and
recomputes only then, so under READ COMMITTED the recomputing statement sees
whatever a concurrent writer of the same dispute committed while we waited.
The races are made certain, not left to luck: another session makes its
change and keeps its transaction open; this session's write then waits on the
dispute's row lock (the test fails if it never does), and the other session
commits. PostgreSQL only: SQLite's writers take turns.
"""

import threading

import pytest
from django.db import connection
from django.db.models import Q

from claims.models import Claim, ConflictFlag
from claims.services import flag_dismiss, flag_resolve
from detection.dispute_services import disputes_sync
from detection.models import Dispute
from tests.conftest import skip_or_fail, while_another_session_holds
from tests.factories import EventFactory, SourceFactory, editor

from .conftest import check, make_figure
from .test_dispute_state import assert_stored_state_matches_flags

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def postgresql_only(detection_lexicon):
    if connection.vendor != "postgresql":
        skip_or_fail("races between transactions need PostgreSQL (DATABASE_URL)")


def figures(event, *values):
    """Figures for one toll, each checked as it is saved (on commit, in-process)."""
    return [make_figure(event=event, value=value, sources=[SourceFactory()]) for value in values]


def pairs_of(claim) -> list[ConflictFlag]:
    return list(ConflictFlag.objects.filter(Q(claim_a=claim) | Q(claim_b=claim)).order_by("pk"))


def dispute_of(flag: ConflictFlag) -> Dispute:
    return Dispute.objects.get(memberships__flag=flag)


@pytest.fixture
def editors():
    return editor(username="ed"), editor(username="fc")


@pytest.fixture
def last_two_open(editors):
    """A toll dispute of three pairs, one already resolved: two left open."""
    figures(EventFactory(title="Airstrikes around Aleppo"), 200, 20, 700)
    flags = list(ConflictFlag.objects.order_by("pk"))
    assert len(flags) == 3 and len({dispute_of(flag).pk for flag in flags}) == 1
    flag_resolve(flag_id=flags[0].pk, user=editors[0], note="The monitor's count holds up.")
    return flags[1:]


def test_two_editors_resolving_the_last_two_open_pairs_at_once_close_the_dispute(editors, last_two_open):
    first, second = last_two_open

    while_another_session_holds(
        lambda: flag_resolve(flag_id=first.pk, user=editors[0], note="Checked with the monitor."),
        lambda: flag_resolve(flag_id=second.pk, user=editors[1], note="Checked with the wire."),
    )

    dispute = dispute_of(first)
    assert (dispute.is_open, dispute.open_pairs, dispute.pair_count) == (False, 0, 3)
    assert_stored_state_matches_flags()


def test_two_editors_closing_the_last_two_pairs_at_the_same_moment_close_the_dispute(editors, last_two_open):
    barrier, errors = threading.Barrier(2), []

    def close(flag, user):
        try:
            barrier.wait(timeout=30)
            flag_dismiss(flag_id=flag.pk, user=user, reason="The same strikes counted twice.")
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=close, args=pair) for pair in zip(last_two_open, editors, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert not errors, errors
    dispute = dispute_of(last_two_open[0])
    assert (dispute.is_open, dispute.open_pairs) == (False, 0)
    assert_stored_state_matches_flags()


@pytest.fixture
def toll(editors):
    """A toll dispute of one open pair (200 against 20), on a committed event."""
    event = EventFactory(title="Airstrikes around Aleppo")
    figures(event, 200, 20)
    (sibling,) = ConflictFlag.objects.all()
    return event, sibling


def new_figure_checked(event):
    """A new figure joining the toll, checked in the saving transaction (as a
    worker's check files its flags and refreshes their dispute)."""
    claim = make_figure(event=event, value=5000, sources=[SourceFactory()])
    check(claim)


def test_a_pair_raised_while_another_editor_resolves_its_sibling_is_counted(editors, toll):
    event, sibling = toll

    # The resolution holds the dispute; the new figure's check waits to refresh it.
    while_another_session_holds(
        lambda: flag_resolve(flag_id=sibling.pk, user=editors[0], note="The monitor's count holds up."),
        lambda: new_figure_checked(event),
    )

    dispute = dispute_of(sibling)
    assert (dispute.is_open, dispute.open_pairs, dispute.pair_count) == (True, 2, 3)
    assert_stored_state_matches_flags()


def test_a_sibling_resolved_while_a_new_pair_is_being_filed_is_counted(editors, toll):
    event, sibling = toll

    # The check holds the dispute (filing the new pairs); the resolution waits to refresh it.
    while_another_session_holds(
        lambda: new_figure_checked(event),
        lambda: flag_resolve(flag_id=sibling.pk, user=editors[0], note="The monitor's count holds up."),
    )

    dispute = dispute_of(sibling)
    assert (dispute.is_open, dispute.open_pairs, dispute.pair_count) == (True, 2, 3)
    assert_stored_state_matches_flags()


@pytest.fixture
def pairs_to_move():
    """An unplaced 200 against two Aleppo figures (the event's general
    question), then found to be about Aleppo: its two pairs are to move to
    the Aleppo dispute when next filed."""
    event = EventFactory(title="Northern offensive", place="")
    make_figure(event=event, value=2000, place="Aleppo", sources=[SourceFactory()])
    make_figure(event=event, value=5, place="Aleppo", sources=[SourceFactory()])
    unplaced = make_figure(event=event, value=200, sources=[SourceFactory()])
    moving = pairs_of(unplaced)
    assert len(moving) == 2 and {dispute_of(flag).place for flag in moving} == {""}
    # Edited without its check, which the test runs itself.
    Claim.objects.filter(pk=unplaced.pk).update(place="Aleppo")
    return moving


def test_a_pair_resolved_while_it_is_being_re_filed_moves_closed(editors, pairs_to_move):
    first, second = pairs_to_move
    while_another_session_holds(
        lambda: flag_resolve(flag_id=first.pk, user=editors[0], note="Checked."),
        lambda: disputes_sync(flag_ids=[first.pk, second.pk]),
    )
    assert {dispute_of(flag).place for flag in pairs_to_move} == {"Aleppo"}
    assert ConflictFlag.objects.get(pk=first.pk).status == ConflictFlag.Status.RESOLVED
    assert_stored_state_matches_flags()


def test_a_pair_resolved_while_it_moves_is_counted_where_it_went(editors, pairs_to_move):
    first, second = pairs_to_move
    while_another_session_holds(
        lambda: disputes_sync(flag_ids=[first.pk, second.pk]),
        lambda: flag_resolve(flag_id=first.pk, user=editors[0], note="Checked."),
    )
    assert {dispute_of(flag).place for flag in pairs_to_move} == {"Aleppo"}
    assert_stored_state_matches_flags()
    aleppo = dispute_of(first)
    assert (aleppo.open_pairs, aleppo.pair_count) == (2, 3)
