import pytest
from django.core.exceptions import ValidationError

from claims.models import Attribution, AuditEntry, Claim, ClaimRelation, ConflictFlag
from claims.services import (
    attribution_create,
    claim_create,
    claim_set_status,
    flag_acknowledge,
    flag_assign,
    flag_dismiss,
    flag_reopen,
    flag_resolve,
    relation_create,
)
from core.exceptions import ConflictError
from tests.factories import (
    ClaimFactory,
    ConflictFlagFactory,
    DocumentFactory,
    EventFactory,
    SourceFactory,
    editor,
)

pytestmark = pytest.mark.django_db


def test_a_claim_is_saved_with_its_attribution_and_found_offsets():
    document = DocumentFactory(body="Intro. The ministry said 200 militants were killed. Outro.")
    source = SourceFactory()

    claim = claim_create(
        text="200 militants were killed",
        kind=Claim.Kind.FIGURE,
        event=EventFactory(),
        quantity_subject="  Militants   Killed ",
        value_low=200,
        attributions=[dict(source=source, document=document, excerpt="200 militants were killed")],
    )

    attribution = claim.attributions.get()
    assert document.body[attribution.excerpt_start : attribution.excerpt_end] == attribution.excerpt
    assert claim.quantity_subject == "militants killed"
    assert (claim.value_low, claim.value_high, claim.qualifier) == (200, 200, Claim.Qualifier.EXACT)


def test_a_figure_with_low_above_high_is_refused_with_a_message_on_the_field():
    with pytest.raises(ValidationError) as error:
        claim_create(
            text="Between 30 and 20 died.",
            kind=Claim.Kind.FIGURE,
            quantity_subject="people killed",
            value_low=30,
            value_high=20,
        )
    assert "value_high" in error.value.message_dict
    assert Claim.objects.count() == 0


def test_a_figure_claim_without_a_subject_is_refused():
    with pytest.raises(ValidationError) as error:
        claim_create(text="200 died.", kind=Claim.Kind.FIGURE, value_low=200)
    assert "quantity_subject" in error.value.message_dict


@pytest.mark.parametrize("subject", ["figure", "the number", "True number", "real total"])
def test_a_figure_called_only_the_figure_or_the_number_is_refused(subject):
    """It says nothing of what is counted, and the rules compare figures by
    what they count (claims/subjects.py)."""
    with pytest.raises(ValidationError) as error:
        claim_create(
            text="The figure was 1,800.", kind=Claim.Kind.FIGURE, quantity_subject=subject, value_low=1800
        )
    assert "does not say what is counted" in error.value.message_dict["quantity_subject"][0]
    assert Claim.objects.count() == 0


@pytest.mark.parametrize(
    "subject", ["death toll", "number of homes", "estimates published", "people counted"]
)
def test_a_subject_that_names_the_thing_is_kept(subject):
    claim = claim_create(text="A figure.", kind=Claim.Kind.FIGURE, quantity_subject=subject, value_low=18)
    assert claim.quantity_subject == subject


def test_a_bad_attribution_saves_nothing_at_all():
    document = DocumentFactory(body="Short text.")
    with pytest.raises(ValidationError) as error:
        claim_create(
            text="Something was said.",
            attributions=[
                dict(source=SourceFactory(), document=document, excerpt="Short"),
                dict(source=SourceFactory(), document=document, excerpt_start=3, excerpt_end=500),
            ],
        )
    assert "attributions[1]" in error.value.message_dict
    assert Claim.objects.count() == 0
    assert Attribution.objects.count() == 0
    assert AuditEntry.objects.count() == 0


def test_an_excerpt_that_is_not_in_the_document_is_refused():
    claim = ClaimFactory()
    with pytest.raises(ValidationError) as error:
        attribution_create(
            claim=claim, source=SourceFactory(), document=DocumentFactory(), excerpt="never written"
        )
    assert "excerpt" in error.value.message_dict


def test_offsets_that_do_not_match_the_excerpt_are_refused():
    document = DocumentFactory(body="The army said it withdrew.")
    with pytest.raises(ValidationError) as error:
        attribution_create(
            claim=ClaimFactory(),
            source=SourceFactory(),
            document=document,
            excerpt="The army",
            excerpt_start=4,
            excerpt_end=12,
        )
    assert "excerpt" in error.value.message_dict


def test_changing_a_claims_status_writes_who_from_to_and_why():
    user = editor()
    claim = ClaimFactory()

    claim_set_status(claim_id=claim.pk, user=user, status=Claim.Status.DISPUTED, reason="SOHR disagrees")

    entry = claim.history.get(action=AuditEntry.Action.STATUS)
    assert (entry.actor, entry.from_value, entry.to_value, entry.reason) == (
        user,
        Claim.Status.UNVERIFIED,
        Claim.Status.DISPUTED,
        "SOHR disagrees",
    )


def test_a_status_change_needs_a_reason():
    with pytest.raises(ValidationError) as error:
        claim_set_status(claim_id=ClaimFactory().pk, user=editor(), status=Claim.Status.FALSE, reason=" ")
    assert "reason" in error.value.message_dict


def test_a_symmetric_relation_is_stored_once_whichever_way_round_it_is_given():
    first, second = ClaimFactory(), ClaimFactory()
    relation = relation_create(
        from_claim=second, to_claim=first, relation_type=ClaimRelation.Type.CONTRADICTS
    )
    assert (relation.from_claim_id, relation.to_claim_id) == (first.pk, second.pk)

    with pytest.raises(ConflictError):
        relation_create(from_claim=first, to_claim=second, relation_type=ClaimRelation.Type.CONTRADICTS)
    assert ClaimRelation.objects.count() == 1


def test_a_claim_cannot_be_related_to_itself():
    claim = ClaimFactory()
    with pytest.raises(ValidationError) as error:
        relation_create(from_claim=claim, to_claim=claim, relation_type=ClaimRelation.Type.QUALIFIES)
    assert "to_claim" in error.value.message_dict


def test_resolving_a_flag_records_the_note_and_can_mark_a_claim_disputed():
    user = editor()
    flag = ConflictFlagFactory()

    flag_resolve(
        flag_id=flag.pk, user=user, note="Russia's figure is unsupported", mark_claim_id=flag.claim_a_id
    )

    flag.refresh_from_db()
    assert flag.status == ConflictFlag.Status.RESOLVED
    assert flag.resolved_by == user
    assert flag.resolution_note == "Russia's figure is unsupported"
    assert flag.claim_a.status == Claim.Status.DISPUTED
    assert flag.history.filter(to_value=ConflictFlag.Status.RESOLVED, actor=user).count() == 1


def test_resolving_needs_a_note():
    with pytest.raises(ValidationError) as error:
        flag_resolve(flag_id=ConflictFlagFactory().pk, user=editor(), note="")
    assert "note" in error.value.message_dict


def test_a_flag_closed_by_one_editor_cannot_be_closed_again_by_another():
    flag = ConflictFlagFactory()
    flag_resolve(flag_id=flag.pk, user=editor(username="first"), note="Checked with SOHR")

    with pytest.raises(ConflictError) as error:
        flag_dismiss(flag_id=flag.pk, user=editor(username="second"), reason="Not a conflict")

    assert "already resolved by first" in error.value.message
    assert flag.history.filter(action=AuditEntry.Action.STATUS).count() == 1


def test_resolve_refuses_to_mark_a_claim_outside_the_conflict():
    flag = ConflictFlagFactory()
    with pytest.raises(ValidationError):
        flag_resolve(flag_id=flag.pk, user=editor(), note="x", mark_claim_id=ClaimFactory().pk)
    flag.refresh_from_db()
    assert flag.status == ConflictFlag.Status.OPEN


def test_acknowledge_assign_and_reopen_each_land_in_the_history():
    user = editor()
    flag = ConflictFlagFactory()

    flag_acknowledge(flag_id=flag.pk, user=user)
    flag_assign(flag_id=flag.pk, user=user, assignee=user)
    flag_dismiss(flag_id=flag.pk, user=user, reason="Different events")
    flag_reopen(flag_id=flag.pk, user=user, reason="Same event after all")

    actions = list(flag.history.values_list("action", "to_value"))
    assert actions == [
        (AuditEntry.Action.STATUS, ConflictFlag.Status.ACKNOWLEDGED),
        (AuditEntry.Action.ASSIGNED, user.username),
        (AuditEntry.Action.STATUS, ConflictFlag.Status.DISMISSED),
        (AuditEntry.Action.REOPENED, ConflictFlag.Status.OPEN),
    ]


def test_editing_the_low_end_of_a_range_keeps_its_high_end_and_is_in_the_history():
    from claims.services import claim_update

    user = editor()
    claim = claim_create(
        text="Dozens of villages taken.",
        kind=Claim.Kind.FIGURE,
        quantity_subject="villages taken",
        value_low=24,
        value_high=99,
        qualifier=Claim.Qualifier.RANGE,
    )

    claim_update(claim_id=claim.pk, user=user, value_low=30)

    claim.refresh_from_db()
    assert (claim.value_low, claim.value_high) == (30, 99)
    entry = claim.history.get(action=AuditEntry.Action.EDITED)
    assert (entry.actor, entry.changes) == (user, {"value_low": ["24", "30"]})


def test_the_same_source_cannot_be_credited_twice_without_a_document():
    claim, source = ClaimFactory(), SourceFactory()
    attribution_create(claim=claim, source=source)
    with pytest.raises(ValidationError):
        attribution_create(claim=claim, source=source)
    assert claim.attributions.count() == 1


def test_a_reopened_flag_no_longer_shows_the_old_verdict():
    user = editor()
    flag = ConflictFlagFactory()
    flag_resolve(flag_id=flag.pk, user=user, note="Ministry figure is wrong")
    flag_reopen(flag_id=flag.pk, user=user, reason="New evidence")
    flag.refresh_from_db()
    assert flag.resolution_note == ""
    assert flag.history.filter(reason="Ministry figure is wrong").exists()


def test_a_flag_is_only_assigned_to_someone_whose_role_can_act_on_it():
    from tests.factories import viewer

    with pytest.raises(ValidationError) as error:
        flag_assign(flag_id=ConflictFlagFactory().pk, user=editor(), assignee=viewer())
    assert "assignee" in error.value.message_dict


def test_a_long_username_fits_in_the_history():
    from tests.factories import fact_checker

    assignee = fact_checker(username="a" * 150)
    flag = ConflictFlagFactory()
    flag_assign(flag_id=flag.pk, user=editor(), assignee=assignee)
    assert flag.history.get(action=AuditEntry.Action.ASSIGNED).to_value == "a" * 150


def test_deleting_an_event_marks_its_claims_as_changed_for_the_sweep():
    from claims.services import event_delete

    claim = ClaimFactory(event=EventFactory())
    changed_before = claim.updated_at

    event_delete(event_id=claim.event_id, user=editor(), ungroup_claims=True)

    claim.refresh_from_db()
    assert claim.event is None
    assert claim.updated_at > changed_before
