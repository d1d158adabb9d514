"""How the product judges claims against each other, probed the way an outside
evaluator would: a claim seen again, corroboration by independent origins,
revisions against conflicts, disputes as questions, and pairs that must
never be compared. Every scenario goes through the public services (the ones
the UI, the API and the tasks call). Grounded in ../shared/VERIFICATION.md:
several outlets repeating one statement are one origin; revisions are
history, not conflicts; check first that two statements are about the same
event (and place, time and thing counted) before calling them contradictory.
"""

import datetime as dt

import pytest

from claims.models import AuditEntry, Claim, ClaimRelation, ConflictFlag
from claims.services import claim_create, claim_delete, claim_set_status, claim_update, relation_create
from detection.dispute_selectors import dispute_queue
from detection.dispute_services import dispute_resolve
from detection.figure_summary import claim_figure_summary, event_figure_summaries
from detection.models import Dispute, DisputeFlag
from detection.services import conflicts_detect_for_claims, conflicts_sweep
from tests.detection.conftest import check
from tests.factories import DocumentFactory, EventFactory, PartySourceFactory, SourceFactory, viewer

pytestmark = pytest.mark.django_db

MORNING = dt.datetime(2026, 11, 29, 8, 0, tzinfo=dt.UTC)
EVENING = dt.datetime(2026, 11, 29, 19, 0, tzinfo=dt.UTC)


def figure(
    *, event, source, value, subject="people killed", published=None, relayed_by=None, **extra
) -> Claim:
    """A figure credited to `source`, optionally as reported in a document at
    `published` and relayed by an outlet."""
    attribution = {"source": source}
    if published is not None:
        attribution["document"] = DocumentFactory(published_at=published)
    if relayed_by is not None:
        attribution["relayed_by"] = relayed_by
    qualifier = extra.pop("qualifier", Claim.Qualifier.EXACT)
    return claim_create(
        text=extra.pop("text", f"{value} {subject}."),
        kind=Claim.Kind.FIGURE,
        event=event,
        quantity_subject=subject,
        value_low=value,
        value_high=extra.pop("high", None),
        qualifier=qualifier,
        attributions=[attribution],
        **extra,
    )


def check_all(*claims: Claim):
    return conflicts_detect_for_claims(claim_ids=[claim.pk for claim in claims])


def flags(rule=None):
    found = ConflictFlag.objects.all()
    return list(found.filter(rule=rule) if rule else found)


def relations(relation_type):
    return list(ClaimRelation.objects.filter(relation_type=relation_type))


@pytest.fixture
def outlets(db):
    return [SourceFactory(name=name, kind="news_outlet") for name in ("Wire A", "Daily B", "Radio C")]


@pytest.fixture
def observer(db):
    return SourceFactory(name="Independent casualty monitor")


# 1. A claim seen again


def test_the_same_figure_from_the_same_speaker_in_a_second_report_is_a_repeat(event, ministry, outlets):
    first = figure(event=event, source=ministry, value=22, published=MORNING, relayed_by=outlets[0])
    again = figure(event=event, source=ministry, value=22, published=EVENING, relayed_by=outlets[1])
    check_all(first, again)
    assert not relations(ClaimRelation.Type.CORROBORATES)
    assert not flags(ConflictFlag.Rule.FIGURE_MISMATCH)
    [repeat] = relations(ClaimRelation.Type.REVISES)
    assert "repeated its figure" in repeat.rationale


def test_the_same_speaker_quoted_by_two_outlets_in_different_words_is_not_corroboration(
    event, monitor, outlets
):
    exact = figure(
        event=event, source=monitor, value=40, relayed_by=outlets[0], text="The monitor said 40 died."
    )
    rounded = figure(
        event=event,
        source=monitor,
        value=40,
        qualifier=Claim.Qualifier.ABOUT,
        relayed_by=outlets[1],
        text="Around forty people were killed, according to the monitor.",
    )
    check_all(exact, rounded)
    assert not relations(ClaimRelation.Type.CORROBORATES)
    assert not flags()


def test_checking_twice_or_sweeping_again_records_nothing_twice(event, ministry, monitor, observer):
    claims = [
        figure(event=event, source=ministry, value=200),
        figure(event=event, source=monitor, value=20),
        figure(event=event, source=observer, value=22),
    ]
    check_all(*claims)
    counts = (
        ConflictFlag.objects.count(),
        ClaimRelation.objects.count(),
        DisputeFlag.objects.count(),
        Dispute.objects.count(),
        AuditEntry.objects.count(),
    )
    check_all(*claims)
    for claim in claims:
        check(claim)
    conflicts_sweep(full=True)
    assert counts == (
        ConflictFlag.objects.count(),
        ClaimRelation.objects.count(),
        DisputeFlag.objects.count(),
        Dispute.objects.count(),
        AuditEntry.objects.count(),
    )


# 2. Corroboration by independent origins


def test_three_outlets_relaying_one_ministry_statement_are_one_origin(event, ministry, outlets):
    claims = [figure(event=event, source=ministry, value=30, relayed_by=outlet) for outlet in outlets]
    check_all(*claims)
    assert not relations(ClaimRelation.Type.CORROBORATES)
    # Still only a party vouches for it.
    assert len(flags(ConflictFlag.Rule.PARTY_ONLY_SOURCING)) >= 1


def test_a_party_does_not_corroborate_itself_through_its_allies(event, ministry):
    army = PartySourceFactory(name="Syrian army", side=ministry.side)
    own = figure(event=event, source=ministry, value=200, subject="militants killed")
    ally = figure(
        event=event, source=army, value=190, qualifier=Claim.Qualifier.ABOUT, subject="militants killed"
    )
    check_all(own, ally)
    assert not relations(ClaimRelation.Type.CORROBORATES)
    assert {flag.claim_a_id for flag in flags(ConflictFlag.Rule.PARTY_ONLY_SOURCING)} == {own.pk, ally.pk}


def test_an_independent_figure_corroborates_a_party_figure(event, ministry, monitor):
    party = figure(event=event, source=ministry, value=30)
    independent = figure(event=event, source=monitor, value=28, qualifier=Claim.Qualifier.ABOUT)
    check_all(party, independent)
    assert len(relations(ClaimRelation.Type.CORROBORATES)) == 1
    assert not [flag for flag in flags(ConflictFlag.Rule.PARTY_ONLY_SOURCING) if flag.is_active]


# 3. Revisions against conflicts


def test_the_same_speaker_raising_its_toll_is_a_revision(event, ministry):
    morning = figure(event=event, source=ministry, value=22, published=MORNING)
    evening = figure(event=event, source=ministry, value=30, published=EVENING)
    check_all(morning, evening)
    [revision] = relations(ClaimRelation.Type.REVISES)
    assert (revision.from_claim_id, revision.to_claim_id) == (evening.pk, morning.pk)
    assert not flags(ConflictFlag.Rule.FIGURE_MISMATCH)


def test_a_different_speaker_saying_30_against_22_is_a_conflict(event, ministry, monitor):
    party = figure(event=event, source=ministry, value=22)
    independent = figure(event=event, source=monitor, value=30)
    check_all(party, independent)
    [mismatch] = flags(ConflictFlag.Rule.FIGURE_MISMATCH)
    assert set(mismatch.claim_ids) == {party.pk, independent.pk}
    assert not relations(ClaimRelation.Type.REVISES)


@pytest.mark.parametrize(
    ("first", "second", "conflict"),
    [
        ((20, None, "at_least"), (25, None, "exact"), False),  # "at least 20" and 25
        ((20, None, "at_least"), (15, None, "exact"), True),
        ((20, None, "up_to"), (25, None, "exact"), True),  # "up to 20" and 25
        ((30, None, "about"), (27, None, "exact"), False),  # "nearly 30" and 27
        ((20, 30, "range"), (25, None, "exact"), False),  # "20 to 30" and 25
        ((20, 30, "range"), (40, None, "exact"), True),
        ((20, 30, "range"), (28, 45, "range"), False),  # two ranges that meet
        ((20, None, "at_least"), (10, None, "up_to"), True),  # more than 20 and fewer than 10
    ],
)
def test_hedged_figures_conflict_only_when_they_cannot_both_be_true(
    event, monitor, observer, first, second, conflict
):
    one = figure(event=event, source=monitor, value=first[0], high=first[1], qualifier=first[2])
    other = figure(event=event, source=observer, value=second[0], high=second[1], qualifier=second[2])
    check_all(one, other)
    assert bool(flags(ConflictFlag.Rule.FIGURE_MISMATCH)) is conflict
    assert bool(relations(ClaimRelation.Type.CORROBORATES)) is not conflict


def test_a_retracted_figure_leaves_the_comparison(event, monitor, observer, editor_user):
    kept = figure(event=event, source=monitor, value=20)
    wrong = figure(event=event, source=observer, value=200)
    check_all(kept, wrong)
    [mismatch] = flags(ConflictFlag.Rule.FIGURE_MISMATCH)
    claim_set_status(
        claim_id=wrong.pk, user=editor_user, status=Claim.Status.RETRACTED, reason="Outlet withdrew it."
    )
    check_all(kept, wrong)
    third = figure(
        event=event, source=SourceFactory(name="Hospital"), value=21, qualifier=Claim.Qualifier.ABOUT
    )
    check(third)
    # No new pair with the retracted figure, and the new one agrees with the kept one.
    assert [flag.pk for flag in flags(ConflictFlag.Rule.FIGURE_MISMATCH)] == [mismatch.pk]
    [agreement] = relations(ClaimRelation.Type.CORROBORATES)
    assert {agreement.from_claim_id, agreement.to_claim_id} == {kept.pk, third.pk}


def test_an_outlet_relaying_a_monitors_old_figure_after_its_revision_is_a_stale_echo_not_a_revision(
    event, monitor, observer, outlets
):
    morning = figure(
        event=event, source=monitor, value=20, published=dt.datetime(2026, 11, 29, 8, tzinfo=dt.UTC)
    )
    noon = figure(
        event=event, source=monitor, value=35, published=dt.datetime(2026, 11, 29, 12, tzinfo=dt.UTC)
    )
    echo = figure(
        event=event,
        source=monitor,
        value=20,
        published=dt.datetime(2026, 11, 29, 18, tzinfo=dt.UTC),
        relayed_by=outlets[0],
    )
    other = figure(event=event, source=observer, value=34, qualifier=Claim.Qualifier.ABOUT)
    check_all(morning, noon, echo, other)
    rationales = [relation.rationale for relation in relations(ClaimRelation.Type.REVISES)]
    assert not any("from 35" in rationale for rationale in rationales)
    # The noon figure stays the monitor's latest: nothing supersedes it, the
    # echo is compared with nothing, and the observer's 34 meets the 35.
    assert not ClaimRelation.objects.filter(relation_type=ClaimRelation.Type.REVISES, to_claim=noon).exists()
    assert ClaimRelation.objects.filter(relation_type=ClaimRelation.Type.REVISES, to_claim=echo).exists()
    assert not flags(ConflictFlag.Rule.FIGURE_MISMATCH)
    [summary] = event_figure_summaries(event=event)
    [row] = [row for row in summary.rows if row.source.pk == monitor.pk]
    assert row.latest.claim.pk == noon.pk


def test_the_echos_page_says_it_passes_on_a_figure_since_revised_not_that_it_is_revised(
    client, event, monitor, outlets
):
    hours = [dt.datetime(2026, 11, 29, hour, tzinfo=dt.UTC) for hour in (8, 12, 18)]
    morning = figure(event=event, source=monitor, value=20, published=hours[0])
    noon = figure(event=event, source=monitor, value=35, published=hours[1])
    echo = figure(event=event, source=monitor, value=20, published=hours[2], relayed_by=outlets[0])
    check_all(morning, noon, echo)
    client.force_login(viewer())
    echo_page = client.get(echo.get_absolute_url()).content.decode()
    # The 35 was reported before the echo: it does not revise it, it stays the latest.
    assert "This claim <strong>is revised by</strong>" not in echo_page
    assert "This claim <strong>passes on a figure since revised in</strong>" in echo_page
    noon_page = client.get(noon.get_absolute_url()).content.decode()
    assert "This claim <strong>supersedes the stale echo</strong>" in noon_page
    assert "This claim <strong>is revised by</strong>" not in noon_page


def test_the_monitors_next_own_figure_after_a_stale_echo_revises_its_latest_not_the_echo(
    event, monitor, outlets
):
    hours = [dt.datetime(2026, 11, 29, hour, tzinfo=dt.UTC) for hour in (8, 12, 18, 20)]
    morning = figure(event=event, source=monitor, value=20, published=hours[0])
    noon = figure(event=event, source=monitor, value=35, published=hours[1])
    echo = figure(event=event, source=monitor, value=20, published=hours[2], relayed_by=outlets[0])
    night = figure(event=event, source=monitor, value=40, published=hours[3])
    check_all(morning, noon, echo, night)
    [revision] = ClaimRelation.objects.filter(relation_type=ClaimRelation.Type.REVISES, from_claim=night)
    assert revision.to_claim_id == noon.pk
    assert "from 35" in revision.rationale
    [summary] = event_figure_summaries(event=event)
    assert [report.claim.pk for report in summary.rows[0].history] == [morning.pk, noon.pk, night.pk]


def test_an_outlet_relaying_a_new_figure_from_a_monitor_is_still_its_revision(event, monitor, outlets):
    morning = figure(event=event, source=monitor, value=20, published=MORNING)
    relayed = figure(event=event, source=monitor, value=35, published=EVENING, relayed_by=outlets[0])
    check_all(morning, relayed)
    [revision] = relations(ClaimRelation.Type.REVISES)
    assert (revision.from_claim_id, revision.to_claim_id) == (relayed.pk, morning.pk)
    assert "from 20" in revision.rationale
    [summary] = event_figure_summaries(event=event)
    assert summary.rows[0].latest.claim.pk == relayed.pk


def test_the_monitor_itself_going_back_to_its_old_figure_is_still_a_revision(event, monitor):
    morning = figure(
        event=event, source=monitor, value=20, published=dt.datetime(2026, 11, 29, 8, tzinfo=dt.UTC)
    )
    noon = figure(
        event=event, source=monitor, value=35, published=dt.datetime(2026, 11, 29, 12, tzinfo=dt.UTC)
    )
    evening = figure(
        event=event, source=monitor, value=20, published=dt.datetime(2026, 11, 29, 18, tzinfo=dt.UTC)
    )
    check_all(morning, noon, evening)
    assert ClaimRelation.objects.filter(
        relation_type=ClaimRelation.Type.REVISES, from_claim=evening, to_claim=noon
    ).exists()
    [summary] = event_figure_summaries(event=event)
    assert summary.rows[0].latest.claim.pk == evening.pk


# 4. Disputes, not pairs


def test_deleting_a_claim_in_a_dispute_keeps_the_rest_of_the_dispute(event, editor_user):
    sources = [SourceFactory(name=f"Monitor {n}") for n in range(4)]
    claims = [
        figure(event=event, source=source, value=value)
        for source, value in zip(sources, (10, 40, 160, 640), strict=True)
    ]
    check_all(*claims)
    [dispute] = Dispute.objects.all()
    assert dispute.pair_count == 6
    claim_delete(claim_id=claims[3].pk, user=editor_user)
    check_all(*claims[:3])
    dispute.refresh_from_db()
    assert (dispute.pair_count, dispute.open_pairs, dispute.is_open) == (3, 3, True)
    claim_delete(claim_id=claims[2].pk, user=editor_user)
    claim_delete(claim_id=claims[1].pk, user=editor_user)
    dispute.refresh_from_db()
    assert (dispute.pair_count, dispute.is_open) == (0, False)
    assert not [entry for entry in dispute_queue() if entry.is_open]


def test_resolving_a_dispute_resolves_every_pair_with_the_reason(event, editor_user):
    sources = [SourceFactory(name=f"Agency {n}") for n in range(5)]
    claims = [
        figure(event=event, source=source, value=value)
        for source, value in zip(sources, (10, 30, 90, 270, 810), strict=True)
    ]
    check_all(*claims)
    [dispute] = Dispute.objects.all()
    dispute_resolve(dispute_id=dispute.pk, user=editor_user, note="Hospital records give 30.")
    pairs = flags(ConflictFlag.Rule.FIGURE_MISMATCH)
    assert len(pairs) == 10
    assert all(flag.status == ConflictFlag.Status.RESOLVED for flag in pairs)
    assert all("Hospital records give 30." in flag.resolution_note for flag in pairs)
    assert AuditEntry.objects.filter(flag__in=pairs, actor=editor_user).count() >= 10


def test_an_edit_that_changes_the_gap_moves_the_flag_and_its_dispute(event, monitor, observer):
    low = figure(event=event, source=monitor, value=20)
    high = figure(event=event, source=observer, value=400)
    check_all(low, high)
    [mismatch] = flags(ConflictFlag.Rule.FIGURE_MISMATCH)
    assert mismatch.severity == ConflictFlag.Severity.CRITICAL
    claim_update(claim_id=high.pk, value_low=45)
    check(high)
    mismatch.refresh_from_db()
    dispute = Dispute.objects.get()
    assert mismatch.severity == ConflictFlag.Severity.MEDIUM
    assert "45" in mismatch.explanation
    assert dispute.worst == ConflictFlag.Severity.MEDIUM


def test_an_edit_that_settles_the_gap_notes_the_flag_for_an_editor(event, monitor, observer):
    low = figure(event=event, source=monitor, value=20)
    high = figure(event=event, source=observer, value=400)
    check_all(low, high)
    claim_update(claim_id=high.pk, value_low=21, qualifier=Claim.Qualifier.ABOUT)
    check(high)
    [mismatch] = flags(ConflictFlag.Rule.FIGURE_MISMATCH)
    assert AuditEntry.objects.filter(flag=mismatch, reason__icontains="no longer finds").exists()
    check(high)
    assert AuditEntry.objects.filter(flag=mismatch, reason__icontains="no longer finds").count() == 1
    # The stale contradiction gave way to the agreement.
    assert not relations(ClaimRelation.Type.CONTRADICTS)
    assert len(relations(ClaimRelation.Type.CORROBORATES)) == 1


# 5. Pairs that must never be compared


def test_figures_for_different_events_are_never_compared(monitor, observer):
    first = figure(event=EventFactory(title="Strike on a market"), source=monitor, value=20)
    second = figure(event=EventFactory(title="Strike on a bakery"), source=observer, value=200)
    check_all(first, second)
    assert not flags()


def test_figures_for_different_places_under_one_event_are_not_a_conflict(monitor, observer):
    offensive = EventFactory(title="Northern offensive", place="Aleppo province")
    town = figure(event=offensive, source=monitor, value=12, place="Tal Rifaat")
    city = figure(event=offensive, source=observer, value=140, place="Aleppo city")
    check_all(town, city)
    assert not flags()
    assert not relations(ClaimRelation.Type.CONTRADICTS)


def test_figures_for_different_places_do_not_corroborate_each_other(monitor, observer):
    offensive = EventFactory(title="Northern offensive", place="Aleppo province")
    town = figure(event=offensive, source=monitor, value=12, place="Tal Rifaat")
    other_town = figure(event=offensive, source=observer, value=12, place="Azaz")
    check_all(town, other_town)
    assert not relations(ClaimRelation.Type.CORROBORATES)


def test_daily_tolls_on_different_days_are_not_a_conflict(monitor, observer):
    siege = EventFactory(title="Siege of the eastern districts", place="Aleppo")
    monday = figure(event=siege, source=monitor, value=12, occurred_on=dt.date(2026, 11, 23))
    tuesday = figure(event=siege, source=observer, value=85, occurred_on=dt.date(2026, 11, 24))
    check_all(monday, tuesday)
    assert not flags()


def test_the_same_speakers_tolls_for_two_days_are_not_a_revision(monitor):
    siege = EventFactory(title="Siege of the eastern districts", place="Aleppo")
    monday = figure(
        event=siege, source=monitor, value=12, occurred_on=dt.date(2026, 11, 23), published=MORNING
    )
    tuesday = figure(
        event=siege, source=monitor, value=85, occurred_on=dt.date(2026, 11, 24), published=EVENING
    )
    check_all(monday, tuesday)
    assert not relations(ClaimRelation.Type.REVISES)


def test_an_undated_total_and_a_days_toll_of_a_week_long_siege_are_not_a_conflict(monitor, observer):
    siege = EventFactory(
        title="Siege of the eastern districts",
        place="Aleppo",
        start_date=dt.date(2026, 11, 23),
        end_date=dt.date(2026, 11, 28),
    )
    total = figure(event=siege, source=monitor, value=300)
    monday = figure(event=siege, source=observer, value=12, occurred_on=dt.date(2026, 11, 23))
    check_all(total, monday)
    assert not flags()
    assert not relations(ClaimRelation.Type.CONTRADICTS)


def test_an_undated_toll_and_a_dated_one_of_a_one_day_event_are_compared(monitor, observer):
    strike = EventFactory(title="Strike on a market", place="Aleppo", start_date=dt.date(2026, 11, 23))
    undated = figure(event=strike, source=monitor, value=300)
    dated = figure(event=strike, source=observer, value=12, occurred_on=dt.date(2026, 11, 23))
    check_all(undated, dated)
    assert [flag.rule for flag in flags()] == [ConflictFlag.Rule.FIGURE_MISMATCH]


def test_a_cumulative_toll_and_a_daily_toll_are_not_a_conflict(event, monitor, observer):
    daily = figure(event=event, source=monitor, value=12, subject="people killed on Tuesday")
    total = figure(event=event, source=observer, value=300, subject="people killed since the siege began")
    check_all(daily, total)
    assert not flags()


def test_a_running_total_and_one_days_count_under_one_subject_are_not_compared(event, monitor, observer):
    total = figure(
        event=event,
        source=observer,
        value=142,
        subject="people killed",
        text="142 people have been killed since the offensive began.",
    )
    daily = figure(
        event=event,
        source=monitor,
        value=18,
        subject="people killed",
        text="18 people were killed on Wednesday.",
    )
    check_all(total, daily)
    assert not flags()
    assert not relations(ClaimRelation.Type.CORROBORATES)


def test_one_days_count_does_not_corroborate_a_running_total_it_fits(event, monitor, observer):
    total = figure(
        event=event,
        source=observer,
        value=18,
        qualifier=Claim.Qualifier.AT_LEAST,
        text="At least 18 people have been killed since the offensive began.",
    )
    daily = figure(event=event, source=monitor, value=18, text="18 people were killed on Wednesday.")
    check_all(total, daily)
    assert not relations(ClaimRelation.Type.CORROBORATES)


@pytest.mark.parametrize(
    ("first_text", "first_value", "second_text", "second_value"),
    [
        pytest.param(
            "Today the ministry said 142 have been killed so far.",
            142,
            "20 people killed since the offensive began.",
            20,
            id="two-running-totals-one-reported-today",
        ),
        pytest.param(
            "18 people were killed on Wednesday.",
            18,
            "60 people were killed on Wednesday.",
            60,
            id="two-counts-of-one-day",
        ),
    ],
)
def test_two_counts_of_the_same_span_are_still_compared(
    event, monitor, observer, first_text, first_value, second_text, second_value
):
    first = figure(event=event, source=observer, value=first_value, subject="people killed", text=first_text)
    second = figure(
        event=event, source=monitor, value=second_value, subject="people killed", text=second_text
    )
    check_all(first, second)
    assert [flag.rule for flag in flags()] == [ConflictFlag.Rule.FIGURE_MISMATCH]


def test_a_speakers_one_days_count_does_not_revise_its_running_total(event, observer):
    total = figure(
        event=event,
        source=observer,
        value=142,
        subject="people killed",
        text="142 people have been killed since the offensive began.",
    )
    daily = figure(
        event=event,
        source=observer,
        value=18,
        subject="people killed",
        text="18 people were killed on Wednesday.",
    )
    check_all(total, daily)
    assert not relations(ClaimRelation.Type.REVISES)


def test_civilians_and_fighters_killed_are_different_counts(event, monitor, observer):
    civilians = figure(event=event, source=monitor, value=12, subject="civilians killed")
    fighters = figure(event=event, source=observer, value=80, subject="fighters killed")
    check_all(civilians, fighters)
    assert not flags()


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("km of front line", "miles of front line"),
        ("dollars in damage", "euros in damage"),
        ("tonnes of aid", "trucks of aid"),
    ],
)
def test_figures_in_different_units_are_never_compared(event, monitor, observer, first, second):
    one = figure(event=event, source=monitor, value=12, subject=first)
    other = figure(event=event, source=observer, value=80, subject=second)
    check_all(one, other)
    assert not flags()
    assert not relations(ClaimRelation.Type.CORROBORATES)


def test_control_of_a_place_on_two_different_days_is_not_a_conflict(monitor, ministry):
    siege = EventFactory(title="Battle for the city", place="Aleppo")
    before = claim_create(
        text="Insurgents control most of Aleppo.",
        kind=Claim.Kind.TERRITORY,
        event=siege,
        occurred_on=dt.date(2026, 11, 20),
        attributions=[{"source": monitor}],
    )
    after = claim_create(
        text="Government forces hold all of Aleppo.",
        kind=Claim.Kind.TERRITORY,
        event=siege,
        occurred_on=dt.date(2026, 11, 28),
        attributions=[{"source": ministry}],
    )
    check_all(before, after)
    assert not flags()
    # The same two accounts for the same day do conflict.
    claim_update(claim_id=after.pk, occurred_on=dt.date(2026, 11, 20))
    check(after)
    assert [flag.rule for flag in flags()] == [ConflictFlag.Rule.TERRITORIAL_CONTROL]


def test_who_died_in_two_different_towns_is_not_a_victim_dispute(ministry, monitor):
    offensive = EventFactory(title="Northern offensive", place="Aleppo province")
    fighters = figure(event=offensive, source=ministry, value=30, subject="militants killed", place="Azaz")
    civilians = claim_create(
        text="The dead were civilians sheltering in a school.",
        kind=Claim.Kind.OCCURRENCE,
        event=offensive,
        place="Tal Rifaat",
        attributions=[{"source": monitor}],
    )
    check_all(fighters, civilians)
    assert not [flag for flag in flags() if flag.claim_b_id]


def test_an_edit_moving_a_figure_to_another_day_notes_the_flag_as_no_longer_found(monitor, observer):
    siege = EventFactory(title="Siege of the eastern districts", place="Aleppo")
    monday = figure(event=siege, source=monitor, value=12, occurred_on=dt.date(2026, 11, 23))
    other = figure(event=siege, source=observer, value=85, occurred_on=dt.date(2026, 11, 23))
    check_all(monday, other)
    [mismatch] = flags(ConflictFlag.Rule.FIGURE_MISMATCH)
    claim_update(claim_id=other.pk, occurred_on=dt.date(2026, 11, 24))
    check(other)
    mismatch.refresh_from_db()
    assert mismatch.is_active
    assert AuditEntry.objects.filter(flag=mismatch, reason__icontains="no longer finds").exists()


def test_the_same_speaker_with_an_ally_raising_its_toll_is_not_a_conflict_with_itself(event, ministry):
    army = PartySourceFactory(name="Syrian army", side=ministry.side)
    morning = figure(event=event, source=ministry, value=22, published=MORNING)
    evening = claim_create(
        text="30 people killed, the ministry and the army said.",
        kind=Claim.Kind.FIGURE,
        event=event,
        quantity_subject="people killed",
        value_low=30,
        qualifier=Claim.Qualifier.EXACT,
        attributions=[
            {"source": ministry, "document": DocumentFactory(published_at=EVENING)},
            {"source": army},
        ],
    )
    check_all(morning, evening)
    assert not flags(ConflictFlag.Rule.FIGURE_MISMATCH)


WIRE_COPY = (
    "Rescue workers pulled 31 bodies from the rubble of the collapsed apartment block overnight, "
    "the civil defence said on Sunday."
)


def bodies_recovered(*, event, source, excerpt: str) -> Claim:
    document = DocumentFactory(body=f"{source.name} reports. {excerpt} More follows.")
    return claim_create(
        text="31 bodies recovered from the collapsed block.",
        kind=Claim.Kind.FIGURE,
        event=event,
        quantity_subject="bodies recovered",
        value_low=31,
        qualifier=Claim.Qualifier.EXACT,
        attributions=[{"source": source, "document": document, "excerpt": excerpt}],
    )


@pytest.mark.parametrize(
    "printed",
    [WIRE_COPY, WIRE_COPY + " Neighbours said more families were missing."],
    ids=["word-for-word", "with-a-clause-added"],
)
def test_wire_copy_republished_word_for_word_is_an_echo_not_a_corroboration(event, outlets, printed):
    wire = bodies_recovered(event=event, source=outlets[0], excerpt=WIRE_COPY)
    paper = bodies_recovered(event=event, source=outlets[1], excerpt=printed)
    check_all(wire, paper)
    assert not relations(ClaimRelation.Type.CORROBORATES)


def test_two_outlets_reporting_in_their_own_words_corroborate_each_other(event, outlets):
    wire = bodies_recovered(event=event, source=outlets[0], excerpt=WIRE_COPY)
    paper = bodies_recovered(
        event=event,
        source=outlets[1],
        excerpt="Our reporter counted 31 bodies carried out of the ruins by volunteers before dawn.",
    )
    check_all(wire, paper)
    assert len(relations(ClaimRelation.Type.CORROBORATES)) == 1


def test_a_short_phrase_in_common_is_not_copy(event, outlets):
    wire = bodies_recovered(event=event, source=outlets[0], excerpt="31 bodies were recovered")
    paper = bodies_recovered(event=event, source=outlets[1], excerpt="31 bodies were recovered")
    check_all(wire, paper)
    assert len(relations(ClaimRelation.Type.CORROBORATES)) == 1


def test_retracting_a_revision_brings_back_the_conflict_it_had_closed(event, ministry, monitor, editor_user):
    morning = figure(event=event, source=ministry, value=22, published=MORNING)
    independent = figure(event=event, source=monitor, value=60)
    check_all(morning, independent)
    [stale] = flags(ConflictFlag.Rule.FIGURE_MISMATCH)
    evening = figure(event=event, source=ministry, value=58, published=EVENING)
    check(evening)
    stale.refresh_from_db()
    assert stale.status == ConflictFlag.Status.RESOLVED
    claim_set_status(
        claim_id=evening.pk,
        user=editor_user,
        status=Claim.Status.RETRACTED,
        reason="The ministry withdrew it.",
    )
    check_all(morning, independent, evening)
    stale.refresh_from_db()
    assert stale.is_active
    assert AuditEntry.objects.filter(
        flag=stale,
        action=AuditEntry.Action.REOPENED,
        reason__contains=f"claim #{evening.pk} no longer revises",
    ).exists()
    assert Dispute.objects.get(flags=stale).is_open


def test_deleting_a_revision_brings_back_the_conflict_it_had_closed(event, ministry, monitor, editor_user):
    morning = figure(event=event, source=ministry, value=22, published=MORNING)
    independent = figure(event=event, source=monitor, value=60)
    check_all(morning, independent)
    [stale] = flags(ConflictFlag.Rule.FIGURE_MISMATCH)
    evening = figure(event=event, source=ministry, value=58, published=EVENING)
    check(evening)
    claim_delete(claim_id=evening.pk, user=editor_user)
    check_all(morning, independent)
    stale.refresh_from_db()
    assert stale.is_active


def test_an_editors_corroboration_between_allies_leaves_the_figure_party_only(event, ministry):
    army = PartySourceFactory(name="Syrian army", side=ministry.side)
    own = figure(event=event, source=ministry, value=200, subject="militants killed")
    ally = figure(event=event, source=army, value=200, subject="militants killed")
    relation_create(from_claim=own, to_claim=ally, relation_type=ClaimRelation.Type.CORROBORATES)
    check_all(own, ally)
    assert {flag.claim_a_id for flag in flags(ConflictFlag.Rule.PARTY_ONLY_SOURCING) if flag.is_active} == {
        own.pk,
        ally.pk,
    }


def test_one_speaker_paraphrased_in_loaded_words_by_two_outlets_is_not_a_framing_conflict(event, outlets):
    army = PartySourceFactory(name="Syrian Army General Command", side="Syrian government and allies")
    as_said = claim_create(
        text="The army called its pull-back from Aleppo a redeployment.",
        kind=Claim.Kind.FRAMING,
        event=event,
        attributions=[{"source": army, "relayed_by": outlets[0]}],
    )
    paraphrased = claim_create(
        text="The army said its troops withdrew from Aleppo.",
        kind=Claim.Kind.FRAMING,
        event=event,
        attributions=[{"source": army, "relayed_by": outlets[1]}],
    )
    check_all(as_said, paraphrased)
    assert not flags()


def test_one_speaker_reported_twice_naming_the_perpetrator_differently_is_not_contested(
    event, monitor, outlets
):
    first = claim_create(
        text="Russian jets struck the market, the monitor said.",
        kind=Claim.Kind.OCCURRENCE,
        event=event,
        responsible_party="Russian air force",
        attributions=[{"source": monitor, "relayed_by": outlets[0]}],
    )
    second = claim_create(
        text="Government aircraft struck the market, according to the monitor.",
        kind=Claim.Kind.OCCURRENCE,
        event=event,
        responsible_party="Syrian government",
        attributions=[{"source": monitor, "relayed_by": outlets[1]}],
    )
    check_all(first, second)
    assert not flags()


def test_two_speakers_naming_different_perpetrators_are_still_contested(event, monitor, ministry):
    first = claim_create(
        text="Russian jets struck the market.",
        kind=Claim.Kind.OCCURRENCE,
        event=event,
        responsible_party="Russian air force",
        attributions=[{"source": monitor}],
    )
    second = claim_create(
        text="Insurgent rockets hit the market.",
        kind=Claim.Kind.OCCURRENCE,
        event=event,
        responsible_party="insurgents",
        attributions=[{"source": ministry}],
    )
    check_all(first, second)
    assert [flag.rule for flag in flags()] == ["contested_responsibility"]


def test_a_generic_subject_with_civilians_and_fighters_in_the_texts_are_different_counts(
    event, monitor, ministry
):
    civilians = figure(
        event=event,
        source=monitor,
        value=12,
        subject="people killed",
        text="12 civilians were killed in the shelling.",
    )
    fighters = figure(
        event=event,
        source=ministry,
        value=80,
        subject="people killed",
        text="80 fighters were killed in the shelling.",
    )
    check_all(civilians, fighters)
    assert not flags(ConflictFlag.Rule.FIGURE_MISMATCH)
    assert not relations(ClaimRelation.Type.CONTRADICTS)


def test_a_generic_subject_with_the_same_victims_in_the_texts_is_still_compared(event, monitor, observer):
    low = figure(
        event=event, source=monitor, value=12, subject="people killed", text="12 civilians were killed."
    )
    high = figure(event=event, source=observer, value=80, subject="people killed", text="80 civilians died.")
    check_all(low, high)
    assert len(flags(ConflictFlag.Rule.FIGURE_MISMATCH)) == 1


def test_every_rule_run_again_over_unchanged_claims_writes_nothing(
    event, ministry, monitor, observer, outlets
):
    """Revisions, repeats, corroborations, echoes, party-only figures and a
    dispute, checked once, then again claim by claim, in one batch and by a
    full sweep: nothing new is recorded the second time (a retried task is
    the same as a second run)."""
    claims = [
        figure(event=event, source=ministry, value=22, published=MORNING),
        figure(event=event, source=ministry, value=30, published=EVENING),
        figure(event=event, source=ministry, value=30, published=EVENING, relayed_by=outlets[0]),
        figure(event=event, source=monitor, value=31, qualifier=Claim.Qualifier.ABOUT),
        figure(event=event, source=observer, value=300),
        bodies_recovered(event=event, source=outlets[1], excerpt=WIRE_COPY),
        bodies_recovered(event=event, source=outlets[2], excerpt=WIRE_COPY),
    ]
    check_all(*claims)

    def state():
        return (
            sorted(
                ConflictFlag.objects.values_list("rule", "claim_a_id", "claim_b_id", "status", "severity")
            ),
            sorted(
                ClaimRelation.objects.values_list("relation_type", "from_claim_id", "to_claim_id", "origin")
            ),
            sorted(DisputeFlag.objects.values_list("dispute_id", "flag_id")),
            AuditEntry.objects.count(),
        )

    before = state()
    assert before[0] and before[1] and before[2]
    for claim in claims:
        check(claim)
    check_all(*claims)
    conflicts_sweep(full=True)
    assert state() == before


def test_an_edit_after_the_dispute_was_resolved_that_keeps_the_conflict_re_opens_it(
    event, monitor, observer, editor_user
):
    low = figure(event=event, source=monitor, value=20)
    high = figure(event=event, source=observer, value=400)
    check_all(low, high)
    dispute = Dispute.objects.get()
    dispute_resolve(dispute_id=dispute.pk, user=editor_user, note="The monitor's count is sourced.")
    check_all(low, high)
    dispute.refresh_from_db()
    assert not dispute.is_open
    claim_update(claim_id=high.pk, value_low=350, user=editor_user)
    check(high)
    dispute.refresh_from_db()
    [mismatch] = flags(ConflictFlag.Rule.FIGURE_MISMATCH)
    assert mismatch.is_active and "350" in mismatch.explanation
    assert dispute.is_open
    assert dispute.notes.filter(reason__icontains="re-opened").exists()


def test_a_figure_moved_to_another_event_leaves_the_old_pair_noted_and_meets_the_new_events_figures(
    event, monitor, observer
):
    other_event = EventFactory(title="Strike on a bakery", place="Aleppo")
    low = figure(event=event, source=monitor, value=20)
    high = figure(event=event, source=observer, value=400)
    there = figure(event=other_event, source=SourceFactory(name="Bakery workers"), value=5)
    check_all(low, high, there)
    [old] = flags(ConflictFlag.Rule.FIGURE_MISMATCH)
    claim_update(claim_id=high.pk, event=other_event)
    check(high)
    old.refresh_from_db()
    assert AuditEntry.objects.filter(flag=old, reason__icontains="no longer finds").exists()
    new = [flag for flag in flags(ConflictFlag.Rule.FIGURE_MISMATCH) if flag.pk != old.pk]
    assert [set(flag.claim_ids) for flag in new] == [{high.pk, there.pk}]


def test_one_sentence_naming_two_independent_speakers_is_two_origins(event, monitor, observer):
    sentence = (
        "Both the monitor and the casualty count team put the toll at 31 after rescuers finished "
        "searching the rubble on Sunday."
    )
    document = DocumentFactory(body=f"Morning report. {sentence} More follows.")
    claims = [
        claim_create(
            text="31 people killed.",
            kind=Claim.Kind.FIGURE,
            event=event,
            quantity_subject="people killed",
            value_low=31,
            qualifier=Claim.Qualifier.EXACT,
            attributions=[{"source": source, "document": document, "excerpt": sentence}],
        )
        for source in (monitor, observer)
    ]
    check_all(*claims)
    assert len(relations(ClaimRelation.Type.CORROBORATES)) == 1


# The figure summary ("what do we publish") keeps places and days apart too.


def test_the_figure_summary_gives_each_town_its_own_toll(monitor, observer):
    storm = EventFactory(title="Storm along the coast", place="Coastal province")
    figure(event=storm, source=monitor, value=12, place="Harbour town")
    figure(event=storm, source=observer, value=40, place="Hill town")
    summaries = event_figure_summaries(event=storm)
    assert sorted(summary.subject_display for summary in summaries) == [
        "people killed in Harbour town",
        "people killed in Hill town",
    ]
    assert sorted(summary.conservative.latest.claim.value_low for summary in summaries) == [12, 40]


def test_the_figure_summary_keeps_a_sources_daily_tolls_apart_not_as_its_history(monitor):
    siege = EventFactory(
        title="Siege of the eastern districts",
        place="Aleppo",
        start_date=dt.date(2026, 11, 23),
        end_date=dt.date(2026, 11, 28),
    )
    monday = figure(
        event=siege, source=monitor, value=12, occurred_on=dt.date(2026, 11, 23), published=MORNING
    )
    figure(event=siege, source=monitor, value=85, occurred_on=dt.date(2026, 11, 24), published=EVENING)
    summaries = event_figure_summaries(event=siege)
    assert len(summaries) == 2
    assert not any(row.revised for summary in summaries for row in summary.rows)
    assert claim_figure_summary(claim=monday).rows[0].latest.claim == monday
    assert claim_figure_summary(claim=monday).subject_display == "people killed on 23 Nov 2026"


def test_the_figure_summary_of_a_one_place_one_day_event_is_one_toll(event, monitor, observer):
    figure(event=event, source=monitor, value=12, place="Aleppo", occurred_on=dt.date(2026, 11, 23))
    figure(event=event, source=observer, value=14)
    [summary] = event_figure_summaries(event=event)
    assert summary.subject_display == "people killed"
    assert len(summary.rows) == 2
