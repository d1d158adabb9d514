"""Each rule, positive and negative, through conflicts_detect_for_claim."""

import pytest

from claims.models import Claim, ClaimRelation, ConflictFlag
from claims.services import attribution_create, claim_set_status, relation_create
from detection.models import ContestedTerm, SubjectSynonym
from tests.factories import EventFactory, SourceFactory

from .conftest import check, make_claim, make_figure

pytestmark = pytest.mark.django_db


def flags(rule=None):
    queryset = ConflictFlag.objects.all()
    return list(queryset.filter(rule=rule) if rule else queryset)


# Rule 1: figure mismatch


def test_20_and_200_conflict(event, ministry, monitor):
    first = make_figure(event=event, value=200, sources=[ministry])
    second = make_figure(event=event, value=20, sources=[monitor])
    check(second)
    [flag] = flags("figure_mismatch")
    assert (flag.claim_a_id, flag.claim_b_id) == (first.pk, second.pk)
    assert flag.explanation == (
        "Russian Ministry of Defence's figure of 200 militants killed is ten times "
        "Syrian Observatory for Human Rights' 20 for the same event."
    )


def test_at_least_20_is_compatible_with_200(event):
    make_figure(event=event, value=200)
    claim = make_figure(event=event, value=20, qualifier=Claim.Qualifier.AT_LEAST)
    check(claim)
    assert flags("figure_mismatch") == []


def test_up_to_20_conflicts_with_200(event):
    make_figure(event=event, value=200)
    claim = make_figure(event=event, value=20, qualifier=Claim.Qualifier.UP_TO)
    check(claim)
    assert len(flags("figure_mismatch")) == 1


def test_about_200_is_compatible_with_180(event):
    make_figure(event=event, value=180)
    claim = make_figure(event=event, value=200, qualifier=Claim.Qualifier.ABOUT)
    check(claim)
    assert flags("figure_mismatch") == []


def test_about_200_conflicts_with_150(event):
    make_figure(event=event, value=150)
    claim = make_figure(event=event, value=200, qualifier=Claim.Qualifier.ABOUT)
    check(claim)
    assert len(flags("figure_mismatch")) == 1


def test_dozens_as_a_range_is_compatible_with_50(event):
    make_figure(event=event, value=50)
    claim = make_figure(event=event, value=24, high=99, qualifier=Claim.Qualifier.RANGE)
    check(claim)
    assert flags("figure_mismatch") == []


def test_dozens_as_a_range_conflicts_with_200(event):
    make_figure(event=event, value=200)
    claim = make_figure(event=event, value=24, high=99, qualifier=Claim.Qualifier.RANGE)
    check(claim)
    [flag] = flags("figure_mismatch")
    assert "24–99" in flag.explanation


def test_militants_killed_and_insurgents_killed_are_compared(event):
    make_figure(event=event, value=200, subject="militants killed")
    claim = make_figure(event=event, value=20, subject="insurgents killed")
    check(claim)
    assert len(flags("figure_mismatch")) == 1


def test_a_synonym_added_in_the_lexicon_is_used_without_a_code_change(event):
    make_figure(event=event, value=200, subject="militants killed")
    claim = make_figure(event=event, value=20, subject="combatants killed")
    check(claim)
    assert flags("figure_mismatch") == []
    SubjectSynonym.objects.create(phrase="combatants", canonical="militants")
    check(claim)
    assert len(flags("figure_mismatch")) == 1


def test_figures_counting_different_things_do_not_conflict(event):
    make_figure(event=event, value=200, subject="militants killed")
    claim = make_figure(event=event, value=20, subject="civilians killed")
    check(claim)
    assert flags() == []


def test_figures_under_different_events_do_not_conflict(event):
    make_figure(event=EventFactory(), value=200)
    claim = make_figure(event=event, value=20)
    check(claim)
    assert flags("figure_mismatch") == []


def test_a_claim_marked_false_raises_no_new_conflict(event, editor_user):
    other = make_figure(event=event, value=200)
    claim_set_status(
        claim_id=other.pk, user=editor_user, status=Claim.Status.FALSE, reason="Retracted by the ministry."
    )
    claim = make_figure(event=event, value=20)
    check(claim)
    assert flags("figure_mismatch") == []


def test_a_small_gap_between_independent_monitors_is_low_severity(event, monitor):
    make_figure(event=event, value=21, sources=[monitor])
    claim = make_figure(event=event, value=20, sources=[SourceFactory()])
    check(claim)
    [flag] = flags("figure_mismatch")
    assert flag.severity == ConflictFlag.Severity.LOW


def test_figures_from_opposite_sides_are_one_level_more_severe(event, ministry, rebel_command, monitor):
    make_figure(event=event, value=60, sources=[ministry])
    independent = make_figure(event=event, value=20, sources=[monitor])
    opposed = make_figure(event=event, value=20, subject="rebels killed", sources=[rebel_command])
    check(independent)
    check(opposed)
    by_claim = {flag.claim_b_id: flag for flag in flags("figure_mismatch")}
    assert by_claim[independent.pk].severity == ConflictFlag.Severity.HIGH
    assert by_claim[opposed.pk].severity == ConflictFlag.Severity.CRITICAL
    assert "opposite sides" in by_claim[opposed.pk].explanation


def test_a_figure_mismatch_records_a_contradicts_relation_made_by_the_rule(event):
    first = make_figure(event=event, value=200)
    second = make_figure(event=event, value=20)
    check(second)
    relation = ClaimRelation.objects.get()
    assert (relation.from_claim_id, relation.to_claim_id) == (first.pk, second.pk)
    assert relation.relation_type == ClaimRelation.Type.CONTRADICTS
    assert relation.origin == ClaimRelation.Origin.RULE


# Rule 2: framing conflict


def framing(event, text, kind=Claim.Kind.FRAMING, source=None):
    return make_claim(event=event, text=text, kind=kind, sources=[source or SourceFactory()])


def test_redeployment_against_retreated_is_a_framing_conflict(event):
    army = framing(event, "The pull-back from Aleppo is a temporary redeployment.")
    wire = framing(event, "Government forces retreated from Aleppo.")
    check(wire)
    [flag] = flags("framing_conflict")
    assert {flag.claim_a_id, flag.claim_b_id} == {army.pk, wire.pk}
    assert flag.severity == ConflictFlag.Severity.MEDIUM


def test_another_word_form_of_a_counterpart_matches(event):
    framing(event, "Troops are redeploying to new lines.")
    claim = framing(event, "Soldiers were seen retreating through the old city.", kind=Claim.Kind.OCCURRENCE)
    check(claim)
    assert len(flags("framing_conflict")) == 1


def test_terrorists_against_insurgents_is_a_framing_conflict(event):
    framing(event, "Terrorists attacked the city from the west.")
    claim = framing(event, "Insurgents attacked the city from the west.", kind=Claim.Kind.OCCURRENCE)
    check(claim)
    assert len(flags("framing_conflict")) == 1


def test_two_claims_using_the_same_word_do_not_conflict(event):
    framing(event, "The army described a redeployment.")
    claim = framing(event, "A redeployment took place overnight.")
    check(claim)
    assert flags("framing_conflict") == []


def test_a_claim_that_reports_both_words_takes_no_side(event):
    framing(event, "The army called it a redeployment.")
    claim = framing(event, "What the army called a redeployment was a retreat.", kind=Claim.Kind.OCCURRENCE)
    check(claim)
    assert flags("framing_conflict") == []


def test_contested_words_under_different_events_do_not_conflict(event):
    framing(EventFactory(), "The pull-back is a redeployment.")
    claim = framing(event, "Government forces retreated.")
    check(claim)
    assert flags("framing_conflict") == []


def test_two_claims_that_are_not_framing_claims_are_not_compared_for_framing(event):
    framing(event, "The pull-back is a redeployment.", kind=Claim.Kind.OCCURRENCE)
    claim = framing(event, "Government forces retreated.", kind=Claim.Kind.OCCURRENCE)
    check(claim)
    assert flags("framing_conflict") == []


def test_a_contested_term_added_in_the_lexicon_is_used(event):
    framing(event, "Forces carried out a tactical adjustment.")
    claim = framing(event, "Forces were routed.")
    check(claim)
    assert flags("framing_conflict") == []
    ContestedTerm.objects.create(term="tactical adjustment", counterparts="routed, rout")
    check(claim)
    assert len(flags("framing_conflict")) == 1


def test_a_switched_off_contested_term_is_ignored(event):
    ContestedTerm.objects.filter(term="redeployment").update(is_active=False)
    framing(event, "The pull-back is a redeployment.")
    claim = framing(event, "Government forces retreated.")
    check(claim)
    assert flags("framing_conflict") == []


# Rule 3: territorial control


def territory(event, text, place="Aleppo", source=None):
    return make_claim(
        event=event, text=text, kind=Claim.Kind.TERRITORY, place=place, sources=[source or SourceFactory()]
    )


def test_large_parts_against_only_the_airport_and_academy_is_a_territorial_conflict(event):
    army = territory(event, "Insurgents have entered large parts of Aleppo.")
    residents = territory(event, "Government forces hold only Aleppo's airport and a military academy.")
    check(residents)
    [flag] = flags("territorial_control")
    assert {flag.claim_a_id, flag.claim_b_id} == {army.pk, residents.pk}
    assert '"large parts of Aleppo"' in flag.explanation
    assert "25–80%" in flag.explanation and "85–100%" in flag.explanation


def test_most_of_the_city_against_only_the_airport_agree(event):
    territory(event, "Insurgents control most of Aleppo.")
    claim = territory(event, "Government forces hold only Aleppo's airport and a military academy.")
    check(claim)
    assert flags("territorial_control") == []


def test_two_accounts_of_the_same_side_holding_large_parts_agree(event):
    territory(event, "Rebels hold large parts of the city.")
    claim = territory(event, "Insurgents have taken large areas of Aleppo.")
    check(claim)
    assert flags("territorial_control") == []


def test_the_free_syrian_army_is_read_as_the_opposition_with_the_seeded_lexicon(event):
    # Seeded by detection/migrations/0015: most of the city for the opposition
    # against the army holding all of it cannot both be true.
    rebels = territory(event, "The Free Syrian Army holds most of Aleppo.")
    army = territory(event, "Yesterday Syrian Army units held all of Aleppo.")
    check(army)
    [flag] = flags("territorial_control")
    assert {flag.claim_a_id, flag.claim_b_id} == {rebels.pk, army.pk}
    assert "free syrian army hold" in flag.explanation and "army hold" in flag.explanation


def test_territory_claims_about_different_places_are_not_compared(event):
    territory(event, "Insurgents have entered large parts of Aleppo.")
    claim = territory(event, "Government forces hold only the airport.", place="Idlib")
    check(claim)
    assert flags("territorial_control") == []


def test_a_territory_claim_the_lexicon_cannot_read_is_left_alone(event):
    territory(event, "Insurgents have entered large parts of Aleppo.")
    claim = territory(event, "The situation in Aleppo is unclear.")
    check(claim)
    assert flags("territorial_control") == []


def test_a_territory_claim_without_its_own_place_uses_its_events(event):
    territory(event, "Insurgents have entered large parts of Aleppo.")
    claim = territory(event, "Government forces hold only the airport.", place="")
    check(claim)
    assert len(flags("territorial_control")) == 1


# Rule 4: party-only sourcing


def test_a_figure_only_a_party_vouches_for_needs_independent_confirmation(event, ministry):
    claim = make_figure(event=event, value=200, sources=[ministry])
    check(claim)
    [flag] = flags("party_only_sourcing")
    assert (flag.claim_a_id, flag.claim_b_id) == (claim.pk, None)
    assert flag.severity == ConflictFlag.Severity.LOW
    assert flag.explanation.endswith("it needs independent confirmation.")


def test_a_figure_with_an_independent_source_is_not_party_only(event, ministry, monitor):
    claim = make_figure(event=event, value=200, sources=[ministry, monitor])
    check(claim)
    assert flags("party_only_sourcing") == []


def test_a_figure_from_a_source_of_unknown_affiliation_is_not_party_only(event):
    claim = make_figure(event=event, value=200, sources=[SourceFactory(affiliation="unknown")])
    check(claim)
    assert flags("party_only_sourcing") == []


def test_a_figure_corroborated_by_an_independent_claim_is_not_party_only(event, ministry, monitor):
    claim = make_figure(event=event, value=200, sources=[ministry])
    backing = make_figure(event=EventFactory(), value=200, sources=[monitor])
    relation_create(from_claim=claim, to_claim=backing, relation_type=ClaimRelation.Type.CORROBORATES)
    check(claim)
    assert flags("party_only_sourcing") == []


def test_a_figure_without_any_source_is_not_flagged_as_party_only(event):
    claim = make_figure(event=event, value=200)
    check(claim)
    assert flags("party_only_sourcing") == []


# Rule 5: verified contradiction


def contradicting_pair(event, user):
    first = make_claim(event=event, text="The army holds the airport.", kind=Claim.Kind.OTHER)
    second = make_claim(event=EventFactory(), text="The airport fell on Friday.", kind=Claim.Kind.OTHER)
    relation_create(
        from_claim=first, to_claim=second, relation_type=ClaimRelation.Type.CONTRADICTS, created_by=user
    )
    return first, second


def test_two_verified_claims_recorded_as_contradicting_are_critical(event, editor_user):
    first, second = contradicting_pair(event, editor_user)
    for claim in (first, second):
        claim_set_status(claim_id=claim.pk, user=editor_user, status=Claim.Status.VERIFIED, reason="Checked.")
    check(second)
    [flag] = flags("verified_contradiction")
    assert flag.severity == ConflictFlag.Severity.CRITICAL
    assert "both marked verified" in flag.explanation


def test_one_verified_claim_against_an_unverified_one_is_not_a_verified_contradiction(event, editor_user):
    first, second = contradicting_pair(event, editor_user)
    claim_set_status(claim_id=first.pk, user=editor_user, status=Claim.Status.VERIFIED, reason="Checked.")
    check(first)
    assert flags("verified_contradiction") == []


# Rule 6: editor-declared contradiction


def test_an_editors_contradicts_relation_opens_a_flag(event, editor_user):
    first, second = contradicting_pair(event, editor_user)
    check(first)
    [flag] = flags("editor_contradiction")
    assert (flag.claim_a_id, flag.claim_b_id) == (first.pk, second.pk)
    assert flag.explanation.startswith("ed recorded that")


def test_an_editors_contradiction_opens_no_flag_when_one_is_open_for_the_pair(event, editor_user):
    first = make_figure(event=event, value=200)
    second = make_figure(event=event, value=20)
    relation_create(
        from_claim=first,
        to_claim=second,
        relation_type=ClaimRelation.Type.CONTRADICTS,
        created_by=editor_user,
    )
    check(second)
    assert [flag.rule for flag in flags()] == ["figure_mismatch"]


def test_a_contradiction_recorded_by_a_rule_opens_no_editor_flag(event):
    first, second = make_figure(event=event, value=1), make_figure(event=EventFactory(), value=1)
    relation_create(
        from_claim=first,
        to_claim=second,
        relation_type=ClaimRelation.Type.CONTRADICTS,
        origin=ClaimRelation.Origin.RULE,
    )
    check(first)
    assert flags("editor_contradiction") == []


def test_an_attribution_added_later_is_seen_by_the_next_check(event, ministry, monitor):
    claim = make_figure(event=event, value=200, sources=[ministry])
    check(claim)
    attribution_create(claim=claim, source=monitor)
    check(claim)
    [flag] = flags("party_only_sourcing")
    # The flag stays open for an editor to close, with a note that it no longer holds.
    assert flag.status == ConflictFlag.Status.OPEN
    assert flag.history.filter(action="stale").count() == 1
