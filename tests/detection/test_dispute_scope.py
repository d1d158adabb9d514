"""Figure disputes by place and day: one queue entry per toll a fact-checker
would check ("how many were killed in Aleppo on 3 Oct"), and pairs re-filed
when an edit changes which toll their claims are about."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims.models import ConflictFlag
from claims.services import claim_update, event_update
from detection.dispute_selectors import dispute_queue, dispute_status_counts, dispute_view
from detection.dispute_services import dispute_resolve, disputes_sync, disputes_sync_all
from detection.models import Dispute, DisputeFlag, DisputeNote
from detection.rules.scope import SharedScope, place_key, shared_scope
from tests.factories import EventFactory, SourceFactory

from .conftest import check, make_claim, make_figure

pytestmark = pytest.mark.django_db

MONDAY, TUESDAY = date(2026, 10, 5), date(2026, 10, 6)


@pytest.fixture
def offensive(db):
    """An event over several towns and days, with no place of its own."""
    return EventFactory(
        title="Northern offensive", place="", start_date=date(2026, 10, 1), end_date=date(2026, 10, 9)
    )


def toll(event, value: int, **scope):
    claim = make_figure(event=event, value=value, subject="people killed", sources=[SourceFactory()], **scope)
    check(claim)
    return claim


def figure_disputes():
    return [dispute for dispute in dispute_queue() if dispute.topic == Dispute.Topic.FIGURE]


def dispute_of(claim) -> Dispute:
    """The one dispute a placed claim's pairs are filed under."""
    mine = Q(memberships__flag__claim_a=claim) | Q(memberships__flag__claim_b=claim)
    return Dispute.objects.filter(mine).distinct().get()


def claims_of(dispute: Dispute) -> set[int]:
    return {item.claim.pk for item in dispute_view(dispute).claims}


def test_two_towns_under_one_event_are_two_disputes(offensive, editor_user):
    aleppo = [toll(offensive, 200, place="Aleppo"), toll(offensive, 20, place="Aleppo")]
    town = [toll(offensive, 50, place="Tal Rifaat"), toll(offensive, 5, place="Tal Rifaat")]
    disputes = figure_disputes()
    assert len(disputes) == 2
    assert sorted(claims_of(dispute) for dispute in disputes) == sorted(
        [{claim.pk for claim in aleppo}, {claim.pk for claim in town}]
    )
    assert {dispute.place for dispute in disputes} == {"Aleppo", "Tal Rifaat"}
    # Resolving one town's toll leaves the other's open.
    dispute_resolve(dispute_id=dispute_of(aleppo[0]).pk, user=editor_user, note="The hospital list holds.")
    assert [dispute.place for dispute in figure_disputes() if dispute.is_open] == ["Tal Rifaat"]


def test_two_rival_pairs_about_the_same_town_are_one_dispute(offensive):
    claims = [
        toll(offensive, 200, place="Aleppo"),
        toll(offensive, 20, place="aleppo"),  # the same place, written otherwise
        toll(offensive, 2000, place="Aleppo"),
    ]
    (dispute,) = figure_disputes()
    assert dispute.pair_count == 3
    assert claims_of(dispute) == {claim.pk for claim in claims}
    assert dispute.key == f"figure:{offensive.pk}:people killed|place=aleppo"


def test_monday_and_tuesday_are_two_disputes_and_one_day_is_one(offensive):
    toll(offensive, 200, place="Aleppo", occurred_on=MONDAY)
    toll(offensive, 20, place="Aleppo", occurred_on=MONDAY)
    toll(offensive, 900, place="Aleppo", occurred_on=TUESDAY)
    toll(offensive, 9, place="Aleppo", occurred_on=TUESDAY)
    disputes = figure_disputes()
    assert sorted(dispute.occurred_on for dispute in disputes) == [MONDAY, TUESDAY]
    assert all(dispute.pair_count == 1 for dispute in disputes)


def test_claims_giving_no_place_or_day_keep_the_events_toll_key():
    event = EventFactory(title="Flood", place="")
    toll(event, 200)
    toll(event, 20)
    (dispute,) = figure_disputes()
    assert dispute.key == f"figure:{event.pk}:people killed"
    assert dispute.title == "How many people killed in Flood"


def test_an_undated_claim_about_a_one_day_event_is_that_days_toll():
    strike = EventFactory(title="Market strike", place="Aleppo", start_date=MONDAY, end_date=MONDAY)
    toll(strike, 200, occurred_on=MONDAY)
    toll(strike, 20)
    toll(strike, 2000)
    (dispute,) = figure_disputes()
    assert dispute.pair_count == 3
    assert (dispute.place, dispute.occurred_on) == ("Aleppo", MONDAY)


def test_a_towns_figure_against_an_unplaced_one_is_the_events_general_question(offensive):
    general = toll(offensive, 300)
    toll(offensive, 20, place="Tal Rifaat")
    toll(offensive, 5, place="Tal Rifaat")
    by_place = {dispute.place: dispute for dispute in figure_disputes()}
    assert set(by_place) == {"", "Tal Rifaat"}
    assert general.pk in claims_of(by_place[""])
    assert general.pk not in claims_of(by_place["Tal Rifaat"])


def test_the_queue_and_the_dispute_page_show_the_scope(editor_client, offensive):
    toll(offensive, 200, place="Aleppo", occurred_on=MONDAY)
    toll(offensive, 20, place="Aleppo", occurred_on=MONDAY)
    toll(offensive, 50, place="Tal Rifaat", occurred_on=MONDAY)
    toll(offensive, 5, place="Tal Rifaat", occurred_on=MONDAY)
    html = editor_client.get(reverse("dashboard")).content.decode()
    assert "How many people killed in Northern offensive — Aleppo, 5 Oct 2026" in html
    assert "How many people killed in Northern offensive — Tal Rifaat, 5 Oct 2026" in html
    dispute = Dispute.objects.get(place="Aleppo")
    page = editor_client.get(dispute.get_absolute_url()).content.decode()
    assert "How many people killed in Northern offensive — Aleppo, 5 Oct 2026" in page


def test_checking_again_and_the_catch_up_file_nothing_twice(offensive):
    claims = [toll(offensive, value, place="Aleppo") for value in (200, 20, 2000)]
    claims += [toll(offensive, value, place="Tal Rifaat") for value in (50, 5)]
    before = sorted(DisputeFlag.objects.values_list("flag_id", "dispute_id"))
    for claim in claims:
        check(claim)
    assert disputes_sync_all() == 0
    assert sorted(DisputeFlag.objects.values_list("flag_id", "dispute_id")) == before
    assert Dispute.objects.count() == 2
    assert not DisputeNote.objects.exists()


def test_syncing_flags_filed_where_they_belong_writes_nothing(offensive):
    toll(offensive, 200, place="Aleppo")
    toll(offensive, 20, place="Aleppo")
    with CaptureQueriesContext(connection) as queries:
        disputes_sync(flag_ids=list(ConflictFlag.objects.values_list("id", flat=True)))
    writes = [q["sql"] for q in queries if q["sql"].split()[0] in ("INSERT", "UPDATE", "DELETE")]
    assert writes == []


def test_editing_a_claims_place_moves_its_pairs_to_that_towns_dispute(
    offensive, editor_user, django_capture_on_commit_callbacks
):
    aleppo = [toll(offensive, 2000, place="Aleppo"), toll(offensive, 5, place="Aleppo")]
    aleppo_dispute = dispute_of(aleppo[0])
    unplaced = toll(offensive, 200)
    general = Dispute.objects.get(place="")
    assert general.pair_count == 2  # the unplaced 200 against each Aleppo figure
    with django_capture_on_commit_callbacks(execute=True):
        claim_update(claim_id=unplaced.pk, user=editor_user, place="Aleppo")
    (dispute,) = figure_disputes()
    assert dispute.pk == aleppo_dispute.pk
    assert dispute.pair_count == 3
    assert unplaced.pk in claims_of(dispute)
    # The emptied dispute leaves the queue and its counts; its history says where its pairs went.
    general.refresh_from_db()
    assert (general.pair_count, general.is_open) == (0, False)
    assert dispute_status_counts()["open"] == 1
    (left,) = general.notes.all()
    assert left.action == DisputeNote.Action.REFILED
    assert f"moved to dispute #{dispute.pk}" in left.reason and "place changed" in left.reason
    assert f"moved here from dispute #{general.pk}" in dispute.notes.get().reason


def test_the_emptied_disputes_page_still_shows_where_its_pairs_went(
    editor_client, offensive, editor_user, django_capture_on_commit_callbacks
):
    toll(offensive, 2000, place="Aleppo")
    toll(offensive, 5, place="Aleppo")
    unplaced = toll(offensive, 200)
    general = Dispute.objects.get(place="")
    with django_capture_on_commit_callbacks(execute=True):
        claim_update(claim_id=unplaced.pk, user=editor_user, place="Aleppo")
    response = editor_client.get(general.get_absolute_url())
    assert response.status_code == 200
    assert "moved to dispute #" in response.content.decode()


def test_a_dispute_whose_every_pair_moves_is_renamed_keeping_its_address_and_history(
    offensive, editor_user, django_capture_on_commit_callbacks
):
    first, second = toll(offensive, 200), toll(offensive, 20)
    (dispute,) = figure_disputes()
    with django_capture_on_commit_callbacks(execute=True):
        event_update(event_id=offensive.pk, user=editor_user, place="Aleppo")
    renamed = Dispute.objects.get()
    assert renamed.pk == dispute.pk
    assert renamed.place == "Aleppo"
    assert renamed.key.endswith("|place=aleppo")
    assert claims_of(renamed) == {first.pk, second.pk}
    note = renamed.notes.get()
    assert note.action == DisputeNote.Action.REFILED
    assert "— Aleppo" in note.reason and "was “How many people killed in Northern offensive”" in note.reason


def test_a_pair_whose_claims_no_longer_share_a_town_stays_where_the_editor_met_it(
    offensive, editor_user, django_capture_on_commit_callbacks
):
    first = toll(offensive, 200, place="Aleppo")
    toll(offensive, 20, place="Aleppo")
    (dispute,) = figure_disputes()
    with django_capture_on_commit_callbacks(execute=True):
        claim_update(claim_id=first.pk, user=editor_user, place="Tal Rifaat")
    flag = ConflictFlag.objects.get(rule="figure_mismatch")
    assert flag.is_active  # left open, with a note that it no longer holds
    assert flag.dispute_membership.dispute_id == dispute.pk


def test_re_keying_old_disputes_splits_the_towns_and_keeps_the_editors_verdict(offensive, editor_user):
    aleppo = [toll(offensive, 200, place="Aleppo"), toll(offensive, 20, place="Aleppo")]
    aleppo.append(toll(offensive, 2000, place="Aleppo"))
    town = [toll(offensive, 50, place="Tal Rifaat"), toll(offensive, 5, place="Tal Rifaat")]
    # As the detector filed them before disputes had a scope: one dispute for the event's toll.
    old = Dispute.objects.get(place="Aleppo")
    Dispute.objects.filter(place="Aleppo").update(key=f"figure:{offensive.pk}:people killed", place="")
    DisputeFlag.objects.update(dispute=old)
    Dispute.objects.exclude(pk=old.pk).delete()
    dispute_resolve(dispute_id=old.pk, user=editor_user, note="Both towns checked with the hospitals.")

    assert disputes_sync_all() == 4
    old.refresh_from_db()
    split = Dispute.objects.exclude(pk=old.pk).get()
    # The dispute keeps the question most of its pairs are about, with its verdict and history.
    assert (old.place, old.pair_count, old.decision) == ("Aleppo", 3, "resolved")
    assert claims_of(old) == {claim.pk for claim in aleppo}
    # The other town's toll is its own dispute, carrying the verdict its pairs were closed under.
    assert (split.place, split.pair_count) == ("Tal Rifaat", 1)
    assert claims_of(split) == {claim.pk for claim in town}
    assert (split.decision, split.resolution_note, split.resolved_by) == (
        "resolved",
        "Both towns checked with the hospitals.",
        editor_user,
    )
    assert "Both towns checked with the hospitals." in split.notes.get().reason
    assert dispute_status_counts() == {"open": 0, "resolved": 2, "dismissed": 0}
    # Idempotent: a second run moves nothing and writes no history.
    notes = DisputeNote.objects.count()
    assert disputes_sync_all() == 0
    assert DisputeNote.objects.count() == notes


def test_an_open_pair_moving_into_a_decided_dispute_re_opens_it(
    offensive, editor_user, django_capture_on_commit_callbacks
):
    toll(offensive, 2000, place="Aleppo")
    toll(offensive, 5, place="Aleppo")
    aleppo = Dispute.objects.get(place="Aleppo")
    dispute_resolve(dispute_id=aleppo.pk, user=editor_user, note="Settled.")
    unplaced = toll(offensive, 200)  # open pairs against both, in the event's general question
    with django_capture_on_commit_callbacks(execute=True):
        claim_update(claim_id=unplaced.pk, user=editor_user, place="Aleppo")
    aleppo.refresh_from_db()
    assert aleppo.is_open and aleppo.decision == "" and aleppo.open_pairs == 2
    assert aleppo.notes.filter(action=DisputeNote.Action.REOPENED).exists()
    # The verdict stays in its history.
    assert aleppo.notes.filter(action=DisputeNote.Action.RESOLVED, reason="Settled.").exists()


@pytest.mark.parametrize("towns", [2, 8])
def test_the_queue_costs_the_same_queries_for_few_or_many_towns(
    towns, editor_client, offensive, django_assert_max_num_queries
):
    from tests.ui.test_query_counts import MAX_QUERIES

    for number in range(towns):
        toll(offensive, 200, place=f"Town {number}", occurred_on=MONDAY)
        toll(offensive, 20, place=f"Town {number}", occurred_on=MONDAY)
    assert len(figure_disputes()) == towns
    with django_assert_max_num_queries(MAX_QUERIES["dashboard"]):
        response = editor_client.get(reverse("dashboard"))
    assert response.content.decode().count("data-dispute-id=") == towns


def test_the_scope_a_pair_shares_is_what_both_claims_say():
    assert shared_scope(["Aleppo", "aleppo, Syria"], [MONDAY, MONDAY]) == SharedScope("Aleppo", MONDAY)
    assert shared_scope(["Aleppo", "East Aleppo"], [None, None]).settled is False
    assert shared_scope(["Aleppo", ""], [MONDAY, None]) == SharedScope("", None)
    assert shared_scope(["Hill town", "Harbour town"], [None, None]).settled is False
    assert shared_scope(["Aleppo", "Aleppo"], [MONDAY, TUESDAY]).settled is False
    assert place_key("Aleppo, Syria") == place_key("  ALEPPO ") == "aleppo"


def test_the_command_re_files_every_flag_and_says_how_many(offensive):
    toll(offensive, 200, place="Aleppo")
    toll(offensive, 20, place="Aleppo")
    Dispute.objects.update(key=f"figure:{offensive.pk}:people killed", place="")
    out = StringIO()
    call_command("detect_conflicts", "--disputes", stdout=out)
    assert "1 flag(s) filed or moved" in out.getvalue()
    assert Dispute.objects.get().place == "Aleppo"


def test_a_pair_split_across_events_stays_until_both_claims_move_then_its_dispute_follows(
    offensive, editor_user, django_capture_on_commit_callbacks
):
    first = toll(offensive, 200, place="Aleppo")
    second = toll(offensive, 20, place="Aleppo")
    (dispute,) = figure_disputes()
    week = EventFactory(title="Another week", place="")
    with django_capture_on_commit_callbacks(execute=True):
        claim_update(claim_id=first.pk, user=editor_user, event=week)
    flag = ConflictFlag.objects.get(rule="figure_mismatch")
    assert flag.dispute_membership.dispute_id == dispute.pk
    assert Dispute.objects.count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        claim_update(claim_id=second.pk, user=editor_user, event=week)
    dispute.refresh_from_db()
    assert (dispute.event_id, dispute.place) == (week.pk, "Aleppo")
    assert "event changed" in dispute.notes.get().reason


def test_editing_the_place_in_the_claim_form_moves_its_pairs(
    offensive, editor_client, django_capture_on_commit_callbacks
):
    aleppo = toll(offensive, 2000, place="Aleppo")
    toll(offensive, 5, place="Aleppo")
    unplaced = toll(offensive, 200)
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            reverse("claims:claim-edit", args=[unplaced.pk]),
            {
                "text": unplaced.text,
                "kind": "figure",
                "event": offensive.pk,
                "quantity_subject": "people killed",
                "value_low": "200",
                "value_high": "200",
                "qualifier": "exact",
                "place": "Aleppo",
                "credibility": str(unplaced.credibility),
                "attributions-TOTAL_FORMS": "0",
                "attributions-INITIAL_FORMS": "0",
            },
        )
    assert response.status_code == 302
    (dispute,) = figure_disputes()
    assert dispute.pk == dispute_of(aleppo).pk
    assert unplaced.pk in claims_of(dispute)


# Every question of an event is asked of one place (and control of one day)


def framing(event, text: str, place: str, **extra):
    claim = make_claim(
        event=event, text=text, kind="framing", place=place, sources=[SourceFactory()], **extra
    )
    check(claim)
    return claim


def control(event, text: str, place: str, **extra):
    claim = make_claim(
        event=event, text=text, kind="territory", place=place, sources=[SourceFactory()], **extra
    )
    check(claim)
    return claim


def disputes_about(topic):
    return [dispute for dispute in dispute_queue() if dispute.topic == topic]


def test_a_retreat_told_two_ways_in_two_towns_is_two_disputes_and_in_one_town_one(offensive):
    aleppo = [
        framing(offensive, "The army calls the pull-back a redeployment.", "Aleppo"),
        framing(offensive, "Government forces retreated.", "Aleppo, Syria"),
        framing(offensive, "Government forces fled.", "aleppo"),
    ]
    town = [
        framing(offensive, "The army calls the pull-back a redeployment.", "Tal Rifaat"),
        framing(offensive, "Government forces retreated.", "Tal Rifaat"),
    ]
    disputes = {dispute.place: dispute for dispute in disputes_about(Dispute.Topic.FRAMING)}
    assert set(disputes) == {"Aleppo", "Tal Rifaat"}
    assert disputes["Aleppo"].pair_count == 2
    assert claims_of(disputes["Aleppo"]) == {claim.pk for claim in aleppo}
    assert claims_of(disputes["Tal Rifaat"]) == {claim.pk for claim in town}
    assert disputes["Aleppo"].key == f"framing:{offensive.pk}|place=aleppo"
    assert disputes["Aleppo"].title == "Framing in Northern offensive — Aleppo"


def test_framing_claims_about_one_town_dated_by_their_statements_are_one_question(offensive):
    framing(offensive, "The army calls the pull-back a redeployment.", "Aleppo", occurred_on=MONDAY)
    framing(offensive, "Government forces retreated.", "Aleppo", occurred_on=TUESDAY)
    framing(offensive, "Government forces fled.", "Aleppo", occurred_on=MONDAY)
    (dispute,) = disputes_about(Dispute.Topic.FRAMING)
    assert (dispute.place, dispute.occurred_on, dispute.pair_count) == ("Aleppo", None, 2)


def test_who_holds_two_towns_is_two_disputes_and_one_town_on_two_days_two(offensive):
    control(offensive, "Insurgents have entered large parts of Aleppo.", "Aleppo", occurred_on=MONDAY)
    control(offensive, "Government forces hold only the airport.", "Aleppo", occurred_on=MONDAY)
    control(offensive, "Insurgents have entered large parts of the town.", "Tal Rifaat", occurred_on=MONDAY)
    control(offensive, "Government forces hold only the hill.", "Tal Rifaat", occurred_on=MONDAY)
    control(offensive, "Insurgents hold all of Aleppo.", "Aleppo", occurred_on=TUESDAY)
    control(offensive, "Government forces hold most of Aleppo.", "Aleppo", occurred_on=TUESDAY)
    scopes = sorted((d.place, d.occurred_on, d.pair_count) for d in disputes_about(Dispute.Topic.CONTROL))
    assert scopes == [("Aleppo", MONDAY, 1), ("Aleppo", TUESDAY, 1), ("Tal Rifaat", MONDAY, 1)]


def test_blame_for_strikes_on_two_towns_is_two_disputes(offensive):
    for place in ("Aleppo", "Azaz"):
        for party in ("Russian airstrikes", "coalition strikes"):
            claim = make_claim(
                event=offensive,
                text="The market was hit.",
                kind="occurrence",
                place=place,
                sources=[SourceFactory()],
                responsible_party=party,
            )
            check(claim)
    disputes = disputes_about(Dispute.Topic.RESPONSIBILITY)
    assert sorted(dispute.place for dispute in disputes) == ["Aleppo", "Azaz"]
    assert "Who is responsible in Northern offensive — Azaz" in {dispute.title for dispute in disputes}


def test_a_denial_is_named_by_the_place_and_day_both_claims_give(offensive):
    from claims.models import ClaimRelation
    from claims.services import relation_create

    reported = make_claim(
        event=offensive, text="Government forces retreated.", kind="occurrence", place="Aleppo",
        occurred_on=MONDAY, sources=[SourceFactory()],
    )  # fmt: skip
    denial = make_claim(
        event=offensive, text="The army denied that its forces retreated.", kind="occurrence",
        place="Aleppo, Syria", occurred_on=MONDAY, sources=[SourceFactory()],
    )  # fmt: skip
    relation_create(from_claim=denial, to_claim=reported, relation_type=ClaimRelation.Type.DENIES)
    check(denial)
    (dispute,) = disputes_about(Dispute.Topic.DENIAL)
    assert dispute.title == "Denial in Northern offensive — Aleppo, 5 Oct 2026"


def test_re_keying_old_framing_disputes_splits_the_towns_and_keeps_the_verdict(offensive, editor_user):
    aleppo = [
        framing(offensive, "The army calls the pull-back a redeployment.", "Aleppo"),
        framing(offensive, "Government forces retreated.", "Aleppo"),
        framing(offensive, "Government forces fled.", "Aleppo"),
    ]
    town = [
        framing(offensive, "The army calls the pull-back a redeployment.", "Tal Rifaat"),
        framing(offensive, "Government forces retreated.", "Tal Rifaat"),
    ]
    # As the detector filed them before non-figure disputes had a scope: one framing dispute per event.
    old = Dispute.objects.get(topic=Dispute.Topic.FRAMING, place="Aleppo")
    old_key = f"framing:{offensive.pk}"
    Dispute.objects.filter(pk=old.pk).update(key=old_key, place="")
    DisputeFlag.objects.filter(flag__rule="framing_conflict").update(dispute=old)
    Dispute.objects.filter(topic=Dispute.Topic.FRAMING).exclude(pk=old.pk).delete()
    dispute_resolve(dispute_id=old.pk, user=editor_user, note="The army's own orders say withdraw.")

    out = StringIO()
    call_command("detect_conflicts", "--disputes", stdout=out)
    assert "3 flag(s) filed or moved" in out.getvalue()
    old.refresh_from_db()
    split = Dispute.objects.filter(topic=Dispute.Topic.FRAMING).exclude(pk=old.pk).get()
    assert (old.place, old.pair_count, old.decision) == ("Aleppo", 2, "resolved")
    assert claims_of(old) == {claim.pk for claim in aleppo}
    assert (split.place, split.pair_count, split.decision) == ("Tal Rifaat", 1, "resolved")
    assert claims_of(split) == {claim.pk for claim in town}
    assert "The army's own orders say withdraw." in split.notes.get().reason
    # Idempotent: a second run moves nothing and writes no history.
    notes = DisputeNote.objects.count()
    assert disputes_sync_all() == 0
    assert DisputeNote.objects.count() == notes


def test_a_framing_pair_whose_claims_no_longer_share_a_town_stays_where_the_editor_met_it(
    offensive, editor_user, django_capture_on_commit_callbacks
):
    army = framing(offensive, "The army calls the pull-back a redeployment.", "Aleppo")
    framing(offensive, "Government forces retreated.", "Aleppo")
    (dispute,) = disputes_about(Dispute.Topic.FRAMING)
    with django_capture_on_commit_callbacks(execute=True):
        claim_update(claim_id=army.pk, user=editor_user, place="Tal Rifaat")
    flag = ConflictFlag.objects.get(rule="framing_conflict")
    assert flag.is_active
    assert flag.dispute_membership.dispute_id == dispute.pk
