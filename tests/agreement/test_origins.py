"""Independent origins, the corroboration suggestion and the party-only credibility cap."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from claims.models import AuditEntry, Claim, ClaimRelation
from claims.origins import claim_origins
from claims.services import (
    attribution_delete,
    claim_corroboration_accept,
    claim_create,
    claim_delete,
    claim_set_status,
    claim_update,
    relation_delete,
    source_claims_recheck,
)
from core.exceptions import ConflictError
from sources.services import source_update
from tests.detection.conftest import check, make_figure
from tests.factories import DocumentFactory, SourceFactory, editor, viewer

pytestmark = pytest.mark.django_db


@pytest.fixture
def outlets(db):
    return [SourceFactory(name=f"Outlet {n}", slug=f"outlet-{n}", kind="news_outlet") for n in range(3)]


def test_one_originator_relayed_by_three_outlets_counts_once(event, monitor, outlets):
    claim = claim_create(
        text="20 militants killed, the monitor said.",
        kind=Claim.Kind.FIGURE,
        event=event,
        quantity_subject="militants killed",
        value_low=20,
        attributions=[
            {"source": monitor, "relayed_by": outlet, "document": DocumentFactory()} for outlet in outlets
        ],
    )
    assert claim.attributions.count() == 3
    summary = claim_origins(claim_ids=[claim.pk])[claim.pk]
    assert summary.count == 1
    assert str(summary) == "1 independent origin (Syrian Observatory for Human Rights)"
    assert not summary.supports_corroboration


def test_a_partys_outlets_count_as_the_party(event, ministry):
    state_tv = SourceFactory(
        name="State television",
        slug="state-tv",
        kind="news_outlet",
        affiliation="party",
        side="Syrian government and allies",
    )
    claim = make_figure(event=event, value=200, sources=[ministry, state_tv])
    summary = claim_origins(claim_ids=[claim.pk])[claim.pk]
    assert summary.count == 1
    assert summary.party_only
    assert summary.names == [
        "Syrian government and allies (party: Russian Ministry of Defence, State television)"
    ]


def test_corroborating_claims_add_their_origins(event, ministry, monitor):
    party = make_figure(event=event, value=20, sources=[ministry])
    make_figure(event=event, value=20, sources=[monitor])
    check(party)
    summary = claim_origins(claim_ids=[party.pk])[party.pk]
    assert summary.count == 2
    assert summary.supports_corroboration


def test_party_only_claim_stays_at_credibility_3_or_worse(event, ministry):
    with pytest.raises(ValidationError) as error:
        make_figure(event=event, value=200, sources=[ministry], credibility=Claim.Credibility.PROBABLY_TRUE)
    assert "every origin of this claim is a party" in str(error.value.message_dict["credibility"]).lower()
    assert not Claim.objects.exists()
    claim = make_figure(
        event=event, value=200, sources=[ministry], credibility=Claim.Credibility.POSSIBLY_TRUE
    )
    with pytest.raises(ValidationError):
        claim_update(claim_id=claim.pk, credibility=Claim.Credibility.CONFIRMED)
    claim.refresh_from_db()
    assert claim.credibility == Claim.Credibility.POSSIBLY_TRUE


def test_party_claim_may_rise_once_an_independent_origin_agrees(event, ministry, monitor):
    party = make_figure(event=event, value=20, sources=[ministry])
    make_figure(event=event, value=20, sources=[monitor])
    check(party)
    claim_update(claim_id=party.pk, credibility=Claim.Credibility.PROBABLY_TRUE)
    party.refresh_from_db()
    assert party.credibility == Claim.Credibility.PROBABLY_TRUE


def test_accepting_the_suggestion_marks_corroborated_with_history(event, ministry, monitor):
    person = editor()
    party = make_figure(event=event, value=20, sources=[ministry])
    make_figure(event=event, value=20, sources=[monitor])
    check(party)
    claim_corroboration_accept(claim_id=party.pk, user=person)
    party.refresh_from_db()
    assert party.status == Claim.Status.CORROBORATED
    entry = AuditEntry.objects.filter(claim=party, action=AuditEntry.Action.STATUS).get()
    assert entry.actor == person
    assert "2 independent origins" in entry.reason


def test_the_suggestion_is_refused_without_an_independent_origin(event, ministry):
    party = make_figure(event=event, value=20, sources=[ministry])
    with pytest.raises(ConflictError):
        claim_corroboration_accept(claim_id=party.pk, user=editor())


def test_the_suggestion_is_refused_once_the_status_moved_on(event, ministry, monitor):
    person = editor()
    party = make_figure(event=event, value=20, sources=[ministry])
    make_figure(event=event, value=20, sources=[monitor])
    check(party)
    claim_set_status(claim_id=party.pk, user=person, status=Claim.Status.DISPUTED, reason="Checked.")
    with pytest.raises(ConflictError):
        claim_corroboration_accept(claim_id=party.pk, user=person)


def test_claim_page_shows_origins_suggestion_and_accepts_in_one_click(client, event, ministry, monitor):
    party = make_figure(event=event, value=20, sources=[ministry])
    make_figure(event=event, value=20, sources=[monitor])
    check(party)
    client.force_login(editor())
    page = client.get(party.get_absolute_url()).content.decode()
    assert "2 independent origins" in page
    assert "Suggested status: corroborated" in page
    response = client.post(reverse("claims:claim-corroborate", args=[party.pk]))
    assert response.status_code == 302
    party.refresh_from_db()
    assert party.status == Claim.Status.CORROBORATED
    assert "Suggested status" not in client.get(party.get_absolute_url()).content.decode()


def test_claim_page_says_why_a_party_only_claim_is_capped(client, event, ministry):
    party = make_figure(event=event, value=200, sources=[ministry])
    client.force_login(viewer())
    page = client.get(party.get_absolute_url()).content.decode()
    assert "every origin is a party to the conflict" in page
    assert "Suggested status" not in page


def test_a_viewer_cannot_accept(client, event, ministry, monitor):
    party = make_figure(event=event, value=20, sources=[ministry])
    make_figure(event=event, value=20, sources=[monitor])
    check(party)
    client.force_login(viewer())
    assert client.post(reverse("claims:claim-corroborate", args=[party.pk])).status_code == 403
    party.refresh_from_db()
    assert party.status == Claim.Status.UNVERIFIED


@pytest.mark.parametrize("pairs", [2, 12])
def test_the_queue_suggests_corroborated_claims_in_fixed_queries(
    client, pairs, ministry, django_assert_max_num_queries
):
    from tests.factories import EventFactory

    for index in range(pairs):
        event = EventFactory()
        party = make_figure(event=event, value=20 + index, sources=[ministry])
        make_figure(event=event, value=20 + index, sources=[SourceFactory()])
        check(party)
    client.force_login(editor())
    with django_assert_max_num_queries(21):
        page = client.get(reverse("dashboard")).content.decode()
    assert "Suggested: corroborated" in page
    assert page.count("Mark corroborated<span") == min(2 * pairs, 8)


def test_the_queue_suggests_the_newest_candidates_from_either_side_of_a_corroboration(ministry, monkeypatch):
    """Given three corroborated pairs (each claim on one side of its relation)
    and room for three candidates, the suggestions are the three newest."""
    from claims import origins
    from tests.factories import EventFactory

    monkeypatch.setattr(origins, "SUGGESTION_CANDIDATES", 3)
    made = []
    for index in range(3):
        event = EventFactory()
        party = make_figure(event=event, value=30 + index, sources=[ministry])
        independent = make_figure(event=event, value=30 + index, sources=[SourceFactory()])
        check(party)
        made += [party, independent]

    suggested = origins.claims_suggested_corroborated()

    newest = sorted(made, key=lambda claim: (claim.created_at, claim.pk), reverse=True)[:3]
    assert [claim.pk for claim in suggested] == [claim.pk for claim in newest]
    sides = {"from" if claim.relations_from.exists() else "to" for claim in newest}
    assert sides == {"from", "to"}


# The cap stays true when the sourcing behind a grade goes away
# (claims/services/credibility.py).


def test_removing_the_independent_credit_brings_the_grade_back_to_the_cap(event, ministry, monitor):
    person = editor()
    claim = make_figure(
        event=event, value=200, sources=[ministry, monitor], credibility=Claim.Credibility.PROBABLY_TRUE
    )
    independent = claim.attributions.get(source=monitor)
    attribution_delete(attribution_id=independent.pk, user=person)
    claim.refresh_from_db()
    assert claim.credibility == Claim.Credibility.POSSIBLY_TRUE
    entry = AuditEntry.objects.filter(object_type="claim", object_id=claim.pk, action="edited").latest("id")
    assert entry.changes == {"credibility": ["2", "3"]}
    assert entry.actor == person
    assert "every origin left is a party" in entry.reason


def test_removing_a_party_credit_leaves_the_grade_alone(event, ministry, monitor):
    claim = make_figure(
        event=event, value=200, sources=[ministry, monitor], credibility=Claim.Credibility.PROBABLY_TRUE
    )
    attribution_delete(attribution_id=claim.attributions.get(source=ministry).pk, user=editor())
    claim.refresh_from_db()
    assert claim.credibility == Claim.Credibility.PROBABLY_TRUE


def test_unlinking_the_corroboration_brings_a_party_claims_grade_back(event, ministry, monitor):
    party = make_figure(event=event, value=20, sources=[ministry])
    independent = make_figure(event=event, value=20, sources=[monitor])
    check(party)
    claim_update(claim_id=party.pk, credibility=Claim.Credibility.PROBABLY_TRUE)
    relation = ClaimRelation.objects.get(
        relation_type="corroborates", from_claim_id__in=[party.pk, independent.pk]
    )
    relation_delete(relation_id=relation.pk, user=editor())
    party.refresh_from_db()
    independent.refresh_from_db()
    assert party.credibility == Claim.Credibility.POSSIBLY_TRUE
    assert independent.credibility is None or independent.credibility >= Claim.Credibility.POSSIBLY_TRUE


def test_a_source_regraded_as_a_party_brings_its_claims_grades_back(
    event, monitor, django_capture_on_commit_callbacks
):
    claim = make_figure(event=event, value=200, sources=[monitor], credibility=Claim.Credibility.CONFIRMED)
    with django_capture_on_commit_callbacks(execute=True):
        source_update(source_id=monitor.pk, affiliation="party", side="Syrian opposition")
    claim.refresh_from_db()
    assert claim.credibility == Claim.Credibility.POSSIBLY_TRUE
    # Idempotent: running the recheck again changes nothing and writes no history.
    edits = AuditEntry.objects.filter(object_type="claim", object_id=claim.pk, action="edited").count()
    source_claims_recheck(source_id=monitor.pk)
    assert (
        AuditEntry.objects.filter(object_type="claim", object_id=claim.pk, action="edited").count() == edits
    )


def test_deleting_the_corroborating_claim_brings_a_party_claims_grade_back(event, ministry, monitor):
    party = make_figure(event=event, value=20, sources=[ministry])
    independent = make_figure(event=event, value=20, sources=[monitor])
    check(party)
    claim_update(claim_id=party.pk, credibility=Claim.Credibility.PROBABLY_TRUE)
    claim_delete(claim_id=independent.pk, user=editor())
    party.refresh_from_db()
    assert party.credibility == Claim.Credibility.POSSIBLY_TRUE
