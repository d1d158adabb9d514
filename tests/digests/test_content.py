"""What a reader's digest says about the week, built from the demo story."""

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.demo import CLAIMS
from claims.models import ConflictFlag
from digests.models import Section
from digests.selectors import digest_content_for
from tests import factories

from .conftest import SEND_TIME, WEEK, pair_flag


def test_it_counts_the_weeks_new_claims_and_puts_the_most_contested_first(desk_week, monday_morning):
    content = digest_content_for(user=desk_week.factchecker, week=WEEK)

    # The demo claims arrived this week; the two older ones did not.
    assert content.new_claim_count == len(CLAIMS)
    assert content.most_contested_claims[0] == desk_week.russia_figure
    assert content.most_contested_claims[0].flag_count == 2
    assert all(claim.flag_count >= 1 for claim in content.most_contested_claims)


def test_new_conflicts_are_counted_by_severity_most_severe_first(desk_week, monday_morning):
    content = digest_content_for(user=desk_week.factchecker, week=WEEK)

    assert content.new_conflict_count == 4
    assert [(row.label, row.count) for row in content.new_conflicts_by_severity] == [
        ("Critical", 1),
        ("High", 1),
        ("Medium", 1),
        ("Low", 1),
    ]
    assert content.new_conflicts[0] == desk_week.figure_flag
    assert desk_week.old_flag not in content.new_conflicts


def test_open_conflicts_are_listed_oldest_first_with_their_age(desk_week, monday_morning):
    content = digest_content_for(user=desk_week.factchecker, week=WEEK)

    assert content.open_conflict_count == 4
    assert content.open_conflicts[0] == desk_week.old_flag
    # Raised Monday 18 November 09:00; it is now Monday 2 December 07:00.
    assert content.open_conflicts[0].age_days == 13
    assert desk_week.territory_flag not in content.open_conflicts


def test_resolved_conflicts_say_who_resolved_them_and_how(desk_week, monday_morning):
    content = digest_content_for(user=desk_week.factchecker, week=WEEK)

    assert content.resolved_conflict_count == 1
    [resolved] = content.resolved_conflicts
    assert resolved == desk_week.territory_flag
    assert resolved.resolved_by == desk_week.editor
    assert "understates" in resolved.resolution_note


def test_sources_are_ranked_by_how_many_of_their_claims_are_disputed(desk_week, monday_morning):
    content = digest_content_for(user=desk_week.factchecker, week=WEEK)

    ranking = [
        (source.name, source.disputed_count, source.claim_count) for source in content.disputed_sources
    ]
    # The army's framing is in an open conflict and its territory claim was
    # marked disputed when that conflict was resolved.
    assert ranking[0] == ("Syrian Army General Command", 2, 2)
    assert ("Russian Ministry of Defence", 1, 1) in ranking
    assert ("Wire agency desk", 1, 3) in ranking
    assert "Abdulkafi Alhamdo" not in [name for name, _, _ in ranking]


def test_only_the_readers_own_assigned_flags_are_listed(desk_week, monday_morning):
    mine = digest_content_for(user=desk_week.factchecker, week=WEEK).assigned_flags
    theirs = digest_content_for(user=desk_week.viewer, week=WEEK).assigned_flags

    assert mine == [desk_week.figure_flag]
    assert theirs == []


def test_a_section_the_reader_switched_off_is_left_out(desk_week, monday_morning):
    content = digest_content_for(
        user=desk_week.factchecker, week=WEEK, sections=[Section.OPEN_CONFLICTS.value]
    )

    assert content.new_claim_count == 0
    assert content.disputed_sources == []
    assert len(content.open_conflicts) == 4


def test_a_week_with_nothing_new_is_recognised_as_such(desk_week):
    with time_machine.travel("2024-12-09 07:00Z", tick=False):
        content = digest_content_for(user=desk_week.factchecker, week=WEEK.__class__(2024, 49))

    assert content.nothing_new
    # Still-open conflicts are still reported.
    assert content.open_conflict_count == 4


def _queries_for_a_digest(user) -> int:
    with CaptureQueriesContext(connection) as queries:
        digest_content_for(user=user, week=WEEK)
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_the_weeks_rows(desk_week, monday_morning):
    reader = desk_week.factchecker
    before = _queries_for_a_digest(reader)

    # Three times the conflicts, claims, sources and assignments.
    with time_machine.travel("2024-11-28 08:00Z", tick=False):
        for number in range(12):
            source = factories.SourceFactory()
            first = factories.AttributionFactory(source=source).claim
            second = factories.AttributionFactory(source=source).claim
            flag = pair_flag(
                first,
                second,
                rule=f"rule_{number}",
                severity=ConflictFlag.Severity.HIGH,
                assignee=reader,
                explanation=f"Conflict number {number}.",
            )
            if number % 3 == 0:
                flag.status = ConflictFlag.Status.DISMISSED
                flag.resolution_note = "Not a real conflict."
                flag.resolved_by = desk_week.editor
                flag.resolved_at = flag.created_at
                flag.save()
    with time_machine.travel(SEND_TIME, tick=False):
        after = _queries_for_a_digest(reader)

    assert after == before
    # A dozen for the sections, four for the changed events' figure summaries.
    assert before <= 16
