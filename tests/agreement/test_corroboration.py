"""Rule 7, corroboration: agreeing claims from different originators are related."""

import pytest

from claims.models import AuditEntry, Claim, ClaimRelation, ConflictFlag
from claims.services import claim_create, claim_update, relation_create
from tests.detection.conftest import check, make_claim, make_figure
from tests.factories import SourceFactory

pytestmark = pytest.mark.django_db

Q = Claim.Qualifier


def corroborations():
    return list(ClaimRelation.objects.filter(relation_type=ClaimRelation.Type.CORROBORATES))


@pytest.fixture
def agency(db):
    return SourceFactory(name="Aid agency", slug="aid")


@pytest.fixture
def hospital(db):
    return SourceFactory(name="District hospital", slug="hospital")


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ((85, None, Q.EXACT), (85, None, Q.EXACT)),
        ((85, None, Q.EXACT), (80, None, Q.ABOUT)),
        ((85, None, Q.EXACT), (60, None, Q.AT_LEAST)),
        ((85, None, Q.EXACT), (90, None, Q.UP_TO)),
        ((85, None, Q.EXACT), (70, 99, Q.RANGE)),
    ],
    ids=["exact", "about", "at-least", "up-to", "range"],
)
def test_agreeing_figures_from_two_originators_corroborate(event, agency, hospital, first, second):
    one = make_figure(
        event=event, value=first[0], high=first[1], qualifier=first[2], subject="wounded", sources=[agency]
    )
    two = make_figure(
        event=event,
        value=second[0],
        high=second[1],
        qualifier=second[2],
        subject="injured",
        sources=[hospital],
    )
    check(two)
    [relation] = corroborations()
    assert (relation.from_claim_id, relation.to_claim_id) == (one.pk, two.pk)
    assert relation.origin == ClaimRelation.Origin.RULE
    assert "Aid agency" in relation.rationale and "District hospital" in relation.rationale
    assert not ConflictFlag.objects.filter(rule="figure_mismatch").exists()


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ((85, None, Q.EXACT), (20, None, Q.EXACT)),
        ((200, None, Q.ABOUT), (150, None, Q.EXACT)),
        ((85, None, Q.EXACT), (90, None, Q.AT_LEAST)),
        ((85, None, Q.EXACT), (50, None, Q.UP_TO)),
        ((85, None, Q.EXACT), (24, 60, Q.RANGE)),
    ],
    ids=["exact", "about", "at-least", "up-to", "range"],
)
def test_disagreeing_figures_flag_and_do_not_corroborate(event, agency, hospital, first, second):
    make_figure(
        event=event, value=first[0], high=first[1], qualifier=first[2], subject="wounded", sources=[agency]
    )
    two = make_figure(
        event=event,
        value=second[0],
        high=second[1],
        qualifier=second[2],
        subject="wounded",
        sources=[hospital],
    )
    check(two)
    assert corroborations() == []
    assert ConflictFlag.objects.filter(rule="figure_mismatch").count() == 1


def test_a_different_subject_does_not_corroborate(event, agency, hospital):
    make_figure(event=event, value=85, subject="wounded", sources=[agency])
    check(make_figure(event=event, value=85, subject="killed", sources=[hospital]))
    assert corroborations() == []


def test_the_same_originator_relayed_elsewhere_does_not_corroborate_itself(event, monitor, agency):
    make_figure(event=event, value=20, sources=[monitor])
    relayed = claim_create(
        text="The monitor counted 20 militants killed, an outlet reported.",
        kind=Claim.Kind.FIGURE,
        event=event,
        quantity_subject="militants killed",
        value_low=20,
        attributions=[{"source": monitor, "relayed_by": agency}],
    )
    check(relayed)
    assert corroborations() == []


def test_two_parties_on_one_side_are_one_originator(event, ministry):
    army = SourceFactory(name="Army", slug="army", affiliation="party", side="Syrian government and allies")
    make_figure(event=event, value=200, sources=[ministry])
    check(make_figure(event=event, value=200, sources=[army]))
    assert corroborations() == []


def test_claims_without_sources_do_not_corroborate(event):
    make_figure(event=event, value=85)
    check(make_figure(event=event, value=85))
    assert corroborations() == []


def test_rechecking_is_idempotent(event, agency, hospital):
    make_figure(event=event, value=85, sources=[agency])
    two = make_figure(event=event, value=85, sources=[hospital])
    check(two)
    check(two)
    assert len(corroborations()) == 1


def test_an_editors_relation_is_never_overridden(event, agency, hospital, django_user_model):
    one = make_figure(event=event, value=85, sources=[agency])
    two = make_figure(event=event, value=85, sources=[hospital])
    relation_create(
        from_claim=one,
        to_claim=two,
        relation_type=ClaimRelation.Type.CONTRADICTS,
        rationale="Not the same strike.",
    )
    check(two)
    assert corroborations() == []
    assert ClaimRelation.objects.get().origin == ClaimRelation.Origin.EDITOR


def test_a_corrected_figure_loses_the_rules_corroboration(event, agency, hospital):
    make_figure(event=event, value=85, sources=[agency])
    two = make_figure(event=event, value=85, sources=[hospital])
    check(two)
    claim_update(claim_id=two.pk, value_low=40)
    check(two)
    assert corroborations() == []
    assert ConflictFlag.objects.filter(rule="figure_mismatch").count() == 1


def test_a_party_claims_grade_returns_to_the_cap_when_its_corroboration_stops_agreeing(
    event, ministry, monitor
):
    party = make_figure(event=event, value=20, sources=[ministry])
    independent = make_figure(event=event, value=20, sources=[monitor])
    check(party)
    claim_update(claim_id=party.pk, credibility=Claim.Credibility.PROBABLY_TRUE)
    claim_update(claim_id=independent.pk, value_low=90)
    check(independent)
    assert corroborations() == []
    party.refresh_from_db()
    assert party.credibility == Claim.Credibility.POSSIBLY_TRUE
    assert AuditEntry.objects.filter(
        object_type="claim", object_id=party.pk, action="edited", reason__contains="no longer agrees"
    ).exists()


def test_an_independent_corroboration_clears_party_only_sourcing(event, ministry, monitor):
    party = make_figure(event=event, value=20, sources=[ministry])
    make_figure(event=event, value=20, sources=[monitor])
    check(party)
    assert len(corroborations()) == 1
    assert not ConflictFlag.objects.filter(rule="party_only_sourcing").exists()


def test_framing_claims_in_the_same_words_corroborate(event, agency, hospital, ministry):
    wire = make_claim(
        event=event, text="Government forces retreated from the city.", kind="framing", sources=[agency]
    )
    residents = make_claim(
        event=event, text="Troops retreating in trucks.", kind="framing", sources=[hospital]
    )
    army = make_claim(event=event, text="A temporary redeployment.", kind="framing", sources=[ministry])
    check(residents)
    check(army)
    [relation] = corroborations()
    assert {relation.from_claim_id, relation.to_claim_id} == {wire.pk, residents.pk}
    assert '"redeployment"' in relation.rationale


def test_territory_claims_that_agree_corroborate(event, agency, hospital, ministry):
    make_claim(
        event=event,
        text="Insurgents control most of Aleppo.",
        kind="territory",
        place="Aleppo",
        sources=[agency],
    )
    second = make_claim(
        event=event,
        text="Government forces hold only the airport.",
        kind="territory",
        place="Aleppo",
        sources=[hospital],
    )
    make_claim(
        event=event,
        text="Insurgents have entered large parts of Aleppo.",
        kind="territory",
        place="Aleppo",
        sources=[ministry],
    )
    check(second)
    [relation] = corroborations()
    assert "Aleppo" in relation.rationale


def test_occurrence_accounts_of_the_same_act_corroborate(event, agency, hospital):
    first = make_claim(
        event=event, text="Airstrikes hit the market district.", kind="occurrence", sources=[agency]
    )
    second = make_claim(
        event=event, text="An airstrike struck near the market.", kind="occurrence", sources=[hospital]
    )
    check(second)
    [relation] = corroborations()
    assert {relation.from_claim_id, relation.to_claim_id} == {first.pk, second.pk}
    assert "airstrikes" in relation.rationale and "market" in relation.rationale


def test_a_denial_never_corroborates_an_occurrence(event, agency, ministry):
    make_claim(event=event, text="Airstrikes hit the market district.", kind="occurrence", sources=[agency])
    denial = make_claim(
        event=event,
        text="The army denied any airstrikes on the market.",
        kind="occurrence",
        sources=[ministry],
    )
    check(denial)
    assert corroborations() == []


def test_occurrences_on_different_days_do_not_corroborate(event, agency, hospital):
    import datetime as dt

    make_claim(
        event=event,
        text="Airstrikes hit the market.",
        kind="occurrence",
        sources=[agency],
        occurred_on=dt.date(2026, 11, 1),
    )
    other = make_claim(
        event=event,
        text="Airstrikes hit the market.",
        kind="occurrence",
        sources=[hospital],
        occurred_on=dt.date(2026, 11, 2),
    )
    check(other)
    assert corroborations() == []


def test_a_new_corroboration_rechecks_a_party_only_partner(
    event, ministry, monitor, django_capture_on_commit_callbacks
):
    from detection.services import STALE_NOTE

    party = make_figure(event=event, value=20, sources=[ministry])
    check(party)
    [flag] = ConflictFlag.objects.filter(rule="party_only_sourcing")
    independent = make_figure(event=event, value=20, sources=[monitor])
    with django_capture_on_commit_callbacks(execute=True):
        check(independent)  # Records the corroboration and queues the party claim's check.
    assert len(corroborations()) == 1
    # Left open for an editor, with the note that detection no longer finds it.
    assert flag.history.filter(reason=STALE_NOTE).exists()


def test_a_figure_corrected_into_agreement_corroborates_and_drops_the_rules_old_contradiction(
    event, agency, hospital
):
    one = make_figure(event=event, value=85, subject="wounded", sources=[agency])
    two = make_figure(event=event, value=300, subject="wounded", sources=[hospital])
    check(two)
    [flag] = ConflictFlag.objects.filter(rule="figure_mismatch")
    assert ClaimRelation.objects.filter(
        relation_type=ClaimRelation.Type.CONTRADICTS, origin=ClaimRelation.Origin.RULE
    ).exists()

    # The hospital's figure was a typing error: 300 should have read 80-90.
    claim_update(claim_id=two.pk, value_low=80, value_high=90, qualifier=Q.RANGE)
    check(two)

    [corroboration] = corroborations()
    assert {corroboration.from_claim_id, corroboration.to_claim_id} == {one.pk, two.pk}
    assert not ClaimRelation.objects.filter(relation_type=ClaimRelation.Type.CONTRADICTS).exists()
    # The flag is not silently closed: its history says the rule no longer finds it.
    flag.refresh_from_db()
    assert flag.is_active
    assert flag.history.filter(action="stale").exists()


def test_an_editors_contradiction_still_blocks_the_rules_corroboration(event, agency, hospital, editor_user):
    one = make_figure(event=event, value=85, subject="wounded", sources=[agency])
    two = make_figure(event=event, value=85, subject="wounded", sources=[hospital])
    relation_create(
        from_claim=one,
        to_claim=two,
        relation_type=ClaimRelation.Type.CONTRADICTS,
        origin=ClaimRelation.Origin.EDITOR,
        rationale="They count different days.",
        created_by=editor_user,
    )
    check(two)
    assert corroborations() == []
    assert ClaimRelation.objects.filter(relation_type=ClaimRelation.Type.CONTRADICTS).count() == 1
