import pytest
from django.core.exceptions import ValidationError

from core.exceptions import ConflictError
from sources.models import Document, Source
from sources.services import document_create, source_create, source_set_reliability
from tests.factories import editor

pytestmark = pytest.mark.django_db


def test_source_notes_are_sanitised_on_save():
    source = source_create(
        name="Ministry",
        kind=Source.Kind.GOVERNMENT,
        notes='<p onclick="steal()">Official <script>alert(1)</script><a href="javascript:x()">link</a></p>',
    )
    assert "<script" not in source.notes
    assert "onclick" not in source.notes
    assert "javascript:" not in source.notes
    assert source.notes.startswith("<p>Official")


def test_a_party_to_the_conflict_must_name_its_side():
    with pytest.raises(ValidationError) as error:
        source_create(name="Army", kind=Source.Kind.MILITARY, affiliation=Source.Affiliation.PARTY)
    assert "A party to the conflict must name its side." in str(error.value)
    assert Source.objects.count() == 0


def test_grading_a_source_records_who_and_why():
    user = editor()
    source = source_create(name="Monitor", kind=Source.Kind.NGO_MONITOR)
    source_set_reliability(source_id=source.pk, user=user, reliability="B", reason="Good track record")
    source.refresh_from_db()
    assert (source.reliability, source.reliability_set_by, source.reliability_reason) == (
        "B",
        user,
        "Good track record",
    )


def test_an_unknown_reliability_grade_is_refused():
    source = source_create(name="Monitor", kind=Source.Kind.NGO_MONITOR)
    with pytest.raises(ValidationError) as error:
        source_set_reliability(source_id=source.pk, user=editor(), reliability="Z", reason="?")
    assert "reliability" in error.value.message_dict


def test_the_same_text_is_never_stored_twice_even_with_other_whitespace():
    document_create(title="Wire", body="Army says it pulled back.\n")
    with pytest.raises(ConflictError):
        document_create(title="Wire again", body="  Army says   it pulled back. ")
    assert Document.objects.count() == 1


def test_the_same_url_is_never_stored_twice():
    document_create(title="A", body="One text.", url="https://example.org/a")
    with pytest.raises(ConflictError):
        document_create(title="B", body="Another text.", url="https://example.org/a")


def test_documents_without_urls_do_not_clash():
    document_create(title="A", body="One text.")
    document_create(title="B", body="Another text.")
    assert Document.objects.count() == 2


def test_correcting_a_sources_affiliation_rechecks_its_claims(django_capture_on_commit_callbacks):
    from claims.models import Claim, ConflictFlag
    from claims.services import claim_create
    from sources.services import source_update
    from tests.factories import EventFactory

    ministry = source_create(
        name="Ministry", kind=Source.Kind.GOVERNMENT, affiliation=Source.Affiliation.PARTY, side="Government"
    )
    with django_capture_on_commit_callbacks(execute=True):
        claim = claim_create(
            text="200 killed.",
            kind=Claim.Kind.FIGURE,
            event=EventFactory(),
            quantity_subject="militants killed",
            value_low=200,
            attributions=[dict(source=ministry)],
        )
    assert ConflictFlag.objects.filter(rule="party_only_sourcing", claim_a=claim).exists()
    changed_before = Claim.objects.get(pk=claim.pk).updated_at

    with django_capture_on_commit_callbacks(execute=True):
        source_update(source_id=ministry.pk, affiliation=Source.Affiliation.INDEPENDENT, side="")

    # The claim counts as changed (the sweep would find it) and was checked again.
    assert Claim.objects.get(pk=claim.pk).updated_at > changed_before
    flag = ConflictFlag.objects.get(rule="party_only_sourcing", claim_a=claim)
    assert flag.history.count() >= 2
