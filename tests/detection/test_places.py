"""Places read as a newsroom reads them: "Aleppo, Syria" is Aleppo, "East
Aleppo" is not. One reading (detection/rules/places.py) for every comparison:
the pair rules, corroboration, dispute keys, the figure summary and the
suggested event links."""

from datetime import date

import pytest

from claims.models import Claim, ClaimRelation, ConflictFlag
from detection.dispute_selectors import dispute_queue
from detection.figure_summary import event_figure_summaries
from detection.models import Dispute, EventLinkSuggestion
from detection.rules.places import place_key, places_differ
from tests.factories import EventFactory, SourceFactory

from .conftest import check, make_claim, make_figure

pytestmark = pytest.mark.django_db

FRIDAY = date(2026, 10, 2)


@pytest.fixture
def offensive(db):
    """An event over several towns, with no place of its own."""
    return EventFactory(title="Northern offensive", place="")


def toll(event, value: int, place: str, **extra) -> Claim:
    claim = make_figure(
        event=event, value=value, subject="people killed", place=place, sources=[SourceFactory()], **extra
    )
    check(claim)
    return claim


def territory(event, text: str, place: str) -> Claim:
    claim = make_claim(
        event=event, text=text, kind=Claim.Kind.TERRITORY, place=place, sources=[SourceFactory()]
    )
    check(claim)
    return claim


def flags(rule: str) -> list[ConflictFlag]:
    return list(ConflictFlag.objects.filter(rule=rule))


def corroborations() -> list[ClaimRelation]:
    return list(ClaimRelation.objects.filter(relation_type=ClaimRelation.Type.CORROBORATES))


# How a place is read


def test_a_trailing_country_or_region_after_a_comma_names_the_same_place():
    assert place_key("Aleppo, Syria") == place_key("Aleppo") == "aleppo"
    assert place_key("Aleppo, northern Syria") == place_key("Aleppo (Syria)") == "aleppo"
    assert place_key("Aleppo (eastern districts)") == place_key("Aleppo, eastern districts")
    assert place_key("Tal Rifaat, Aleppo province, Syria") == place_key("Tal Rifaat")
    assert not places_differ("Aleppo, Syria", "Aleppo")


def test_case_accents_the_and_punctuation_are_ignored():
    assert place_key("ALEPPO") == place_key("aleppo.") == place_key("the city of Aleppo") == "aleppo"
    assert place_key("Ḥamā") == place_key("Hama")
    assert place_key("Tal-Rifaat") == place_key("tal rifaat")
    assert place_key("Jerusalem's Old City") == place_key("the Old City of Jerusalem")


def test_a_word_that_narrows_or_widens_a_place_makes_another_place():
    assert places_differ("East Aleppo", "Aleppo")
    assert places_differ("Aleppo province", "Aleppo")
    assert places_differ("northern Aleppo province", "Aleppo city")
    assert places_differ("Aleppo countryside", "Aleppo")
    assert places_differ("Aleppo, eastern districts", "Aleppo")
    # The same narrower place, written two ways, is one place.
    assert place_key("eastern Aleppo") == place_key("East Aleppo")
    assert place_key("Aleppo governorate") == place_key("Aleppo province")
    assert place_key("rural Aleppo") == place_key("Aleppo countryside")


def test_when_unsure_places_are_kept_apart():
    # "Aleppo, Idlib" may be two towns; "Aleppo city" may be a name of its own, as Mexico City is.
    assert places_differ("Aleppo, Idlib", "Aleppo")
    assert places_differ("Mexico City", "Mexico")
    # Unknown is not different.
    assert not places_differ("", "Aleppo")
    assert not places_differ("the", "Aleppo")


# The rules and the disputes read it


def test_two_figures_for_aleppo_written_with_and_without_its_country_are_one_toll(offensive):
    written = [
        toll(offensive, 200, "Aleppo, Syria"),
        toll(offensive, 20, "Aleppo, Syria"),
        toll(offensive, 2000, "aleppo"),
        toll(offensive, 5, "Aleppo"),
    ]
    assert len(flags("figure_mismatch")) == 6
    (dispute,) = dispute_queue()
    assert dispute.pair_count == 6
    assert dispute.key == f"figure:{offensive.pk}:people killed|place=aleppo"
    assert place_key(dispute.place) == "aleppo"  # as the first pair wrote it
    assert {pk for flag in flags("figure_mismatch") for pk in flag.claim_ids} == {c.pk for c in written}


def test_the_same_figure_for_aleppo_and_aleppo_syria_corroborates(offensive):
    toll(offensive, 40, "Aleppo, Syria")
    toll(offensive, 40, "Aleppo")
    assert len(corroborations()) == 1


def test_a_figure_for_east_aleppo_neither_conflicts_with_nor_corroborates_aleppos(offensive):
    toll(offensive, 200, "Aleppo")
    east = toll(offensive, 20, "East Aleppo")
    eastern = toll(offensive, 200, "eastern Aleppo")
    # Only the two writings of East Aleppo are compared: 20 against 200 there.
    (flag,) = flags("figure_mismatch")
    assert set(flag.claim_ids) == {east.pk, eastern.pk}
    assert corroborations() == []


def test_a_provinces_toll_is_not_a_rival_of_the_citys(offensive):
    toll(offensive, 900, "northern Aleppo province")
    toll(offensive, 40, "Aleppo city")
    toll(offensive, 300, "Aleppo province")
    toll(offensive, 30, "Aleppo")
    assert flags("figure_mismatch") == []
    assert corroborations() == []


def test_control_of_aleppo_and_of_aleppo_syria_is_one_place():
    event = EventFactory(title="Battle for the city", place="")
    territory(event, "Insurgents have entered large parts of Aleppo.", "Aleppo")
    territory(event, "Government forces hold only the airport and a military academy.", "Aleppo, Syria")
    (flag,) = flags("territorial_control")
    assert flag.dispute_membership.dispute.place == "Aleppo"


def test_agreeing_control_of_aleppo_and_of_aleppo_syria_corroborates():
    event = EventFactory(title="Battle for the city", place="")
    territory(event, "Insurgents control most of Aleppo.", "aleppo")
    territory(event, "Government forces hold only the airport and a military academy.", "Aleppo, Syria")
    assert len(corroborations()) == 1


def test_control_of_east_aleppo_is_not_control_of_aleppo():
    event = EventFactory(title="Battle for the city", place="")
    territory(event, "Insurgents have entered large parts of the city.", "Aleppo")
    territory(event, "Government forces hold only the airport.", "East Aleppo")
    assert flags("territorial_control") == []
    assert corroborations() == []


def test_the_figure_summary_counts_a_town_written_with_its_country_as_one_toll():
    storm = EventFactory(title="Storm along the coast", place="Coastal province")
    make_figure(event=storm, value=12, subject="people killed", place="Latakia", sources=[SourceFactory()])
    make_figure(
        event=storm, value=14, subject="people killed", place="Latakia, Syria", sources=[SourceFactory()]
    )
    make_figure(
        event=storm, value=3, subject="people killed", place="Latakia countryside", sources=[SourceFactory()]
    )
    summaries = event_figure_summaries(event=storm)
    assert sorted(len(summary.rows) for summary in summaries) == [1, 2]


def test_a_loose_figure_is_offered_the_event_of_a_look_alike_written_with_its_country(event):
    make_figure(event=event, value=200, place="Aleppo", occurred_on=FRIDAY)
    loose = make_figure(event=None, value=20, place="Aleppo, Syria", occurred_on=FRIDAY)
    check(loose)
    (suggestion,) = EventLinkSuggestion.objects.filter(claim=loose)
    assert suggestion.event == event


def test_a_loose_figure_in_east_aleppo_is_not_offered_aleppos_event(event):
    make_figure(event=event, value=200, place="Aleppo", occurred_on=FRIDAY)
    loose = make_figure(event=None, value=20, place="East Aleppo", occurred_on=FRIDAY)
    check(loose)
    assert not EventLinkSuggestion.objects.exists()
    assert Dispute.objects.count() == 0


def test_a_speakers_later_figure_for_aleppo_syria_revises_its_aleppo_figure_but_not_for_east_aleppo(
    offensive,
):
    monitor = SourceFactory(name="War monitor")
    first = make_figure(event=offensive, value=12, subject="people killed", place="Aleppo", sources=[monitor])
    later = make_figure(
        event=offensive, value=30, subject="people killed", place="Aleppo, Syria", sources=[monitor]
    )
    east = make_figure(
        event=offensive, value=5, subject="people killed", place="East Aleppo", sources=[monitor]
    )
    for claim in (first, later, east):
        check(claim)
    revisions = ClaimRelation.objects.filter(relation_type=ClaimRelation.Type.REVISES)
    assert [(r.from_claim_id, r.to_claim_id) for r in revisions] == [(later.pk, first.pk)]


def test_the_catch_up_moves_pairs_filed_under_a_longer_writing_of_the_place_into_its_toll(offensive):
    from detection.dispute_services import disputes_sync_all
    from detection.models import DisputeFlag, DisputeNote

    syria = [toll(offensive, 200, "Aleppo, Syria"), toll(offensive, 20, "Aleppo, Syria")]
    toll(offensive, 2000, "Aleppo")
    (aleppo,) = dispute_queue()
    # As the word-set keys filed them: a pair whose claims both wrote the country was its own toll.
    old = Dispute.objects.create(
        key=f"figure:{offensive.pk}:people killed|place=aleppo syria",
        topic=Dispute.Topic.FIGURE,
        event=offensive,
        subject="people killed",
        place="Aleppo, Syria",
    )
    pair = ConflictFlag.objects.get(claim_a=syria[0], claim_b=syria[1])
    DisputeFlag.objects.filter(flag=pair).update(dispute=old)

    assert disputes_sync_all() == 1
    old.refresh_from_db()
    aleppo.refresh_from_db()
    assert (old.pair_count, old.is_open) == (0, False)
    assert aleppo.pair_count == 3
    assert f"moved here from dispute #{old.pk}" in aleppo.notes.get().reason
    assert DisputeNote.objects.filter(dispute=old).count() == 1
    assert disputes_sync_all() == 0
