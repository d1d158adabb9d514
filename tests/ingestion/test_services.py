"""Ingestion services: storing an article, extracting, accepting, rejecting, editing."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from claims.models import Attribution, AuditEntry, Claim, ClaimRelation, ConflictFlag
from claims.services import claim_create
from core.exceptions import ConflictError
from ingestion.models import ClaimProposal, DocumentExtraction, LexiconTerm
from ingestion.services import (
    document_ingest,
    proposal_accept,
    proposal_reject,
    proposal_update,
    proposals_extract_for_document,
)
from sources.models import Document, Source
from tests.factories import DocumentFactory, EventFactory, SourceFactory

pytestmark = pytest.mark.django_db

ARTICLE = (
    "Floods reach the delta\n"
    "The Interior Ministry said at least 30 people were killed.\n"
    "The Interior Ministry said at least 30 people were killed.\n"
    '"The water rose in minutes," said Lina Haddad, a teacher in Sava.\n'
    "Shops stayed closed on Monday.\n"
    "Rescuers reached 12 villages, according to the Red Crescent.\n"
)


@pytest.fixture
def ministry(db):
    return SourceFactory(name="Interior Ministry", slug="interior-ministry", kind=Source.Kind.GOVERNMENT)


def proposal_with(document, *words):
    return next(p for p in document.claim_proposals.all() if all(w in p.excerpt for w in words))


# Ingest and extract


def test_pasted_text_is_stored_and_the_extractor_proposes_its_claims(editor_user, ingest, ministry):
    document = ingest(body=ARTICLE, user=editor_user)
    assert document.created_by == editor_user
    extraction = DocumentExtraction.objects.get(document=document)
    assert extraction.status == DocumentExtraction.Status.DONE
    speakers = sorted(p.speaker_display for p in document.claim_proposals.all())
    assert speakers == ["Interior Ministry", "Lina Haddad", "Red Crescent"]
    assert extraction.proposals_found == 3


def test_the_extractor_is_queued_only_when_the_document_commits(
    editor_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        document = document_ingest(title="A", body=ARTICLE, user=editor_user)
    assert document.claim_proposals.count() == 0
    assert DocumentExtraction.objects.get(document=document).status == DocumentExtraction.Status.PENDING
    assert len(callbacks) == 1


def test_running_the_extractor_again_adds_nothing_and_keeps_decisions(editor_user, ingest, ministry):
    document = ingest(body=ARTICLE, user=editor_user)
    rejected = proposal_with(document, "Lina Haddad")
    proposal_reject(proposal_id=rejected.pk, user=editor_user)
    before = set(document.claim_proposals.values_list("id", "status"))

    added = proposals_extract_for_document(document_id=document.pk)

    assert added == 0
    assert set(document.claim_proposals.values_list("id", "status")) == before
    rejected.refresh_from_db()
    assert rejected.status == ClaimProposal.Status.REJECTED


def test_a_term_added_to_the_lexicon_is_used_on_the_next_run(editor_user, ingest):
    document = ingest(body="Report\nThe governor insinuated that the dam was sabotaged.\n", user=editor_user)
    assert document.claim_proposals.count() == 0
    LexiconTerm.objects.create(lexicon=LexiconTerm.Lexicon.REPORTING_VERB, term="insinuated")
    assert proposals_extract_for_document(document_id=document.pk) == 1
    assert document.claim_proposals.get().reporting_verb == "insinuated"


def test_the_same_text_twice_is_refused_naming_the_stored_copy(editor_user, ingest):
    first = ingest(body=ARTICLE, user=editor_user)
    with pytest.raises(ConflictError, match=f"#{first.pk}"):
        ingest(body=ARTICLE, user=editor_user)
    assert Document.objects.count() == 1


def test_an_uploaded_html_file_is_stored_as_its_text(editor_user, ingest):
    upload = SimpleUploadedFile(
        "story.html",
        b"<html><head><title>T</title><style>p{color:red}</style></head><body>"
        b"<h1>Floods</h1><p>Police said 40 homes were destroyed &amp; damaged.</p>"
        b"<script>alert('x')</script></body></html>",
        content_type="text/html",
    )
    document = ingest(body="", upload=upload, user=editor_user)
    assert document.body == "Floods\nPolice said 40 homes were destroyed & damaged."
    assert document.claim_proposals.get().value_low == 40


def test_pasting_and_uploading_at_once_is_refused(editor_user):
    upload = SimpleUploadedFile("a.txt", b"Police said 4 people died.", content_type="text/plain")
    with pytest.raises(ValidationError) as error:
        document_ingest(title="A", body="Some text.", upload=upload, user=editor_user)
    assert "upload" in error.value.message_dict


@pytest.mark.parametrize("role_fixture", ["viewer_user", "fact_checker_user"])
def test_only_editors_can_add_documents(request, role_fixture):
    user = request.getfixturevalue(role_fixture)
    with pytest.raises(PermissionDenied):
        document_ingest(title="A", body=ARTICLE, user=user)
    assert Document.objects.count() == 0


# Accept


def test_accepting_creates_the_claim_and_attribution_with_the_excerpt_at_its_offsets(
    editor_user, ingest, ministry, django_capture_on_commit_callbacks, monkeypatch
):
    checked = []
    monkeypatch.setattr("detection.tasks.queue_claim_check", checked.append)
    document = ingest(body=ARTICLE, user=editor_user)
    proposal = proposal_with(document, "Interior Ministry")

    with django_capture_on_commit_callbacks(execute=True):
        claim = proposal_accept(proposal_id=proposal.pk, user=editor_user)

    assert (claim.kind, claim.value_low, claim.value_high, claim.qualifier) == ("figure", 30, 30, "at_least")
    assert claim.quantity_subject == "people killed"
    attribution = claim.attributions.get()
    assert attribution.source == ministry
    assert attribution.document == document
    assert attribution.form == Attribution.Form.PARAPHRASE
    assert attribution.reporting_verb == "said"
    assert attribution.excerpt == document.body[attribution.excerpt_start : attribution.excerpt_end]
    assert (attribution.excerpt_start, attribution.excerpt_end) == (
        proposal.excerpt_start,
        proposal.excerpt_end,
    )
    assert checked == [claim.pk]  # conflict detection was queued, as for a hand-entered claim
    assert AuditEntry.objects.filter(
        claim=claim, action=AuditEntry.Action.CREATED, actor=editor_user
    ).exists()
    proposal.refresh_from_db()
    assert (proposal.status, proposal.claim, proposal.decided_by) == ("accepted", claim, editor_user)


def test_accepting_runs_conflict_detection_against_existing_claims(
    editor_user, ingest, ministry, django_capture_on_commit_callbacks
):
    """The ministry says at least 30 killed; a monitor's hand-entered claim
    about the same event says 3. Accepting the proposal raises the conflict."""
    event = EventFactory(title="Delta floods")
    monitor = SourceFactory(name="Delta Monitor", slug="delta-monitor")
    with django_capture_on_commit_callbacks(execute=True):
        earlier = claim_create(
            text="Three people were killed in the floods.",
            kind="figure",
            event=event,
            quantity_subject="people killed",
            value_low=3,
            qualifier="exact",
            attributions=[{"source": monitor}],
        )
    document = ingest(body=ARTICLE, user=editor_user)
    proposal = proposal_with(document, "Interior Ministry")

    with django_capture_on_commit_callbacks(execute=True):
        claim = proposal_accept(proposal_id=proposal.pk, user=editor_user, event=event)

    flag = ConflictFlag.objects.get(claim_a=earlier, claim_b=claim)
    assert flag.rule == "figure_mismatch"


def test_a_figure_answering_the_one_before_is_checked_against_it(
    editor_user, ingest, django_capture_on_commit_callbacks
):
    """The mayor says 300 homes; her deputy says "the true number" is about
    120. Read as homes, the deputy's figure conflicts with the mayor's once
    both are accepted under the event."""
    event = EventFactory(title="River floods")
    document = ingest(
        body=(
            "The mayor, Ilse Brandt, said 300 homes had been flooded.\n"
            "Her deputy, Jon Mares, said the true number was closer to 120.\n"
        ),
        user=editor_user,
    )
    mayors = proposal_with(document, "300 homes")
    deputys = proposal_with(document, "closer to 120")
    assert (mayors.quantity_subject, deputys.quantity_subject) == ("homes", "homes")

    with django_capture_on_commit_callbacks(execute=True):
        first = proposal_accept(proposal_id=mayors.pk, user=editor_user, event=event)
    with django_capture_on_commit_callbacks(execute=True):
        second = proposal_accept(proposal_id=deputys.pk, user=editor_user, event=event)

    flag = ConflictFlag.objects.get(claim_a=first, claim_b=second)
    assert flag.rule == "figure_mismatch"


def test_a_figure_answering_two_counts_is_accepted_only_once_told_what_it_counts(editor_user, ingest):
    document = ingest(
        body=(
            "The ministry said 40 homes were destroyed and 12 schools were damaged.\n"
            "Residents said the real figure was 90.\n"
        ),
        user=editor_user,
    )
    answer = document.claim_proposals.get(value_low=90)
    assert answer.quantity_subject == "figure"
    assert "say what it counts" in answer.accept_blocked_reason
    with pytest.raises(ValidationError, match="does not say what is counted"):
        proposal_accept(proposal_id=answer.pk, user=editor_user)
    assert not Claim.objects.filter(value_low=90).exists()

    proposal_update(proposal_id=answer.pk, user=editor_user, quantity_subject="homes destroyed")
    claim = proposal_accept(proposal_id=answer.pk, user=editor_user)
    assert claim.quantity_subject == "homes destroyed"


def test_accepting_a_new_speaker_creates_the_source_first(editor_user, ingest):
    document = ingest(body=ARTICLE, user=editor_user)
    proposal = proposal_with(document, "Lina Haddad")
    assert proposal.source is None and proposal.proposed_source_name == "Lina Haddad"

    claim = proposal_accept(proposal_id=proposal.pk, user=editor_user)

    source = Source.objects.get(name="Lina Haddad")
    assert source.kind == Source.Kind.WITNESS
    assert claim.attributions.get().source == source
    assert claim.attributions.get().form == Attribution.Form.DIRECT_QUOTE


def test_a_fact_checker_accepts_a_proposal_credited_to_an_existing_source(
    fact_checker_user, editor_user, ingest, ministry
):
    document = ingest(body=ARTICLE, user=editor_user)
    proposal = proposal_with(document, "Interior Ministry")
    claim = proposal_accept(proposal_id=proposal.pk, user=fact_checker_user)
    assert claim.created_by == fact_checker_user


def test_a_fact_checker_cannot_accept_a_proposal_that_needs_a_new_source(
    fact_checker_user, editor_user, ingest
):
    document = ingest(body=ARTICLE, user=editor_user)
    proposal = proposal_with(document, "Lina Haddad")
    with pytest.raises(PermissionDenied, match="only editors can add sources"):
        proposal_accept(proposal_id=proposal.pk, user=fact_checker_user)
    assert not Source.objects.filter(name="Lina Haddad").exists()
    assert Claim.objects.count() == 0
    proposal.refresh_from_db()
    assert proposal.status == ClaimProposal.Status.PROPOSED


def test_a_fact_checker_can_credit_an_existing_source_instead_then_accept(
    fact_checker_user, editor_user, ingest
):
    teacher = SourceFactory(name="Teachers in Sava", slug="teachers-sava", kind=Source.Kind.WITNESS)
    document = ingest(body=ARTICLE, user=editor_user)
    proposal = proposal_with(document, "Lina Haddad")
    proposal_update(proposal_id=proposal.pk, user=fact_checker_user, source=teacher)
    claim = proposal_accept(proposal_id=proposal.pk, user=fact_checker_user)
    assert claim.attributions.get().source == teacher


def test_a_viewer_cannot_accept_or_reject(viewer_user, editor_user, ingest, ministry):
    document = ingest(body=ARTICLE, user=editor_user)
    proposal = proposal_with(document, "Interior Ministry")
    with pytest.raises(PermissionDenied):
        proposal_accept(proposal_id=proposal.pk, user=viewer_user)
    with pytest.raises(PermissionDenied):
        proposal_reject(proposal_id=proposal.pk, user=viewer_user)
    assert Claim.objects.count() == 0


def test_a_proposal_cannot_be_accepted_twice(editor_user, ingest, ministry):
    document = ingest(body=ARTICLE, user=editor_user)
    proposal = proposal_with(document, "Interior Ministry")
    proposal_accept(proposal_id=proposal.pk, user=editor_user)
    with pytest.raises(ConflictError, match="already accepted by ed"):
        proposal_accept(proposal_id=proposal.pk, user=editor_user)
    assert Claim.objects.count() == 1


def test_a_claim_in_the_publications_own_voice_is_credited_to_the_outlet(editor_user, ingest):
    wire = SourceFactory(name="Wire desk", slug="wire", kind=Source.Kind.WIRE_AGENCY)
    document = ingest(
        body="Report\nFlood waters covered 14 villages on Monday.\n", user=editor_user, outlet=wire
    )
    proposal = document.claim_proposals.get()
    assert proposal.speaker_text == "" and proposal.source is None
    claim = proposal_accept(proposal_id=proposal.pk, user=editor_user)
    assert claim.attributions.get().source == wire


def test_a_claim_with_nobody_credited_and_no_outlet_asks_for_a_source(editor_user, ingest):
    document = ingest(body="Report\nFlood waters covered 14 villages on Monday.\n", user=editor_user)
    proposal = document.claim_proposals.get()
    with pytest.raises(ValidationError) as error:
        proposal_accept(proposal_id=proposal.pk, user=editor_user)
    assert "source" in error.value.message_dict
    assert Claim.objects.count() == 0


# Reject and edit


def test_rejecting_records_who_and_when(editor_user, ingest, ministry):
    document = ingest(body=ARTICLE, user=editor_user)
    proposal = proposal_reject(proposal_id=proposal_with(document, "Red Crescent").pk, user=editor_user)
    assert proposal.status == ClaimProposal.Status.REJECTED
    assert proposal.decided_by == editor_user and proposal.decided_at is not None
    with pytest.raises(ConflictError):
        proposal_accept(proposal_id=proposal.pk, user=editor_user)


def test_editing_the_offsets_moves_the_excerpt_with_them(editor_user, ingest, ministry):
    document = ingest(body=ARTICLE, user=editor_user)
    proposal = proposal_with(document, "Interior Ministry")
    start = document.body.index("at least 30")
    updated = proposal_update(
        proposal_id=proposal.pk,
        user=editor_user,
        excerpt_start=start,
        excerpt_end=start + len("at least 30 people"),
    )
    assert updated.excerpt == "at least 30 people"
    claim = proposal_accept(proposal_id=proposal.pk, user=editor_user)
    attribution = claim.attributions.get()
    assert document.body[attribution.excerpt_start : attribution.excerpt_end] == "at least 30 people"


def test_offsets_past_the_end_of_the_document_are_refused(editor_user, ingest, ministry):
    document = ingest(body=ARTICLE, user=editor_user)
    proposal = proposal_with(document, "Interior Ministry")
    with pytest.raises(ValidationError) as error:
        proposal_update(
            proposal_id=proposal.pk, user=editor_user, excerpt_start=5, excerpt_end=len(document.body) + 5
        )
    assert "excerpt_end" in error.value.message_dict
    proposal.refresh_from_db()
    assert proposal.excerpt == document.body[proposal.excerpt_start : proposal.excerpt_end]


def test_a_figure_without_what_it_counts_is_refused_on_accept(editor_user, ingest, ministry):
    document = ingest(body=ARTICLE, user=editor_user)
    proposal = proposal_with(document, "Interior Ministry")
    proposal_update(proposal_id=proposal.pk, user=editor_user, quantity_subject="")
    with pytest.raises(ValidationError) as error:
        proposal_accept(proposal_id=proposal.pk, user=editor_user)
    assert "quantity_subject" in error.value.message_dict
    assert Claim.objects.count() == 0


def test_a_document_added_by_hand_has_no_extraction_until_asked(editor_user):
    document = DocumentFactory()
    assert proposals_extract_for_document(document_id=document.pk) == 1
    assert DocumentExtraction.objects.get(document=document).status == DocumentExtraction.Status.DONE


def test_a_run_left_running_by_a_dead_worker_is_taken_over_once_it_is_stale():
    from datetime import timedelta

    from django.utils import timezone

    from ingestion.services import (
        EXTRACTION_TIME_LIMIT,
        ExtractionInProgress,
        extraction_queue,
        proposals_extract_for_document,
    )

    document = DocumentFactory(body="The coast guard said 14 sailors were rescued on Tuesday.")
    run = DocumentExtraction.objects.create(
        document=document, status=DocumentExtraction.Status.RUNNING, started_at=timezone.now()
    )
    # While the run is fresh, another worker holds it: nobody starts a second one.
    with pytest.raises(ExtractionInProgress):
        proposals_extract_for_document(document_id=document.pk)
    with pytest.raises(ConflictError):
        extraction_queue(document_id=document.pk)

    # Past the task's hard time limit the run is a dead worker's: it can be redone.
    run.started_at = timezone.now() - timedelta(seconds=EXTRACTION_TIME_LIMIT + 1)
    run.save(update_fields=["started_at"])
    assert proposals_extract_for_document(document_id=document.pk) >= 1
    run.refresh_from_db()
    assert run.status != DocumentExtraction.Status.RUNNING


# Binding: one proposal per speaker and figure; unbound figures are not guessed

TWO_SPEAKERS = (
    "Clashes in the hills\n"
    "The ministry said 30 people were hurt, while the hospital said 52 people were treated.\n"
    "The army said 12 rebels were killed, while local medics reckoned that 40 civilians died.\n"
)


def test_each_speaker_gets_a_proposal_with_their_own_figure_and_a_rerun_adds_nothing(editor_user, ingest):
    document = ingest(body=TWO_SPEAKERS, user=editor_user)
    found = sorted((p.proposed_source_name, p.value_low) for p in document.claim_proposals.all())
    assert found == [("", 40), ("army", 12), ("hospital", 52), ("ministry", 30)]
    assert proposals_extract_for_document(document_id=document.pk) == 0


def test_an_unbound_figure_is_never_credited_to_the_outlet_on_accept(editor_user, ingest):
    outlet = SourceFactory(name="Hill Courier", slug="hill-courier")
    document = ingest(body=TWO_SPEAKERS, user=editor_user, outlet=outlet)
    unbound = document.claim_proposals.get(value_low=40)
    assert unbound.speaker_unbound and unbound.accept_blocked_reason
    with pytest.raises(ValidationError, match="choose who stated it"):
        proposal_accept(proposal_id=unbound.pk, user=editor_user)
    assert not Claim.objects.filter(value_low=40).exists()


def test_naming_the_speaker_of_an_unbound_figure_lets_it_be_accepted(editor_user, ingest):
    document = ingest(body=TWO_SPEAKERS, user=editor_user)
    unbound = document.claim_proposals.get(value_low=40)
    medics = SourceFactory(name="Hill medics", slug="hill-medics")
    proposal_update(proposal_id=unbound.pk, user=editor_user, source=medics)
    claim = proposal_accept(proposal_id=unbound.pk, user=editor_user)
    assert claim.attributions.get().source == medics


def test_a_speakers_raised_toll_is_accepted_as_a_revision_of_its_earlier_count(
    editor_user, ingest, ministry, django_capture_on_commit_callbacks
):
    """ "raised its toll again, to 41" counts what the ministry counted
    before, so the revision rule links the two once both are accepted."""
    event = EventFactory(title="Delta floods")
    document = ingest(
        body=(
            "Floods reach the delta\n"
            "The Interior Ministry said 30 people were killed in the floods.\n"
            "Hours later the ministry raised its toll again, to 41.\n"
        ),
        user=editor_user,
    )
    first, revised = proposal_with(document, "30 people"), proposal_with(document, "raised its toll")
    assert (revised.value_low, revised.quantity_subject) == (41, first.quantity_subject)
    with django_capture_on_commit_callbacks(execute=True):
        older = proposal_accept(proposal_id=first.pk, user=editor_user, event=event)
    with django_capture_on_commit_callbacks(execute=True):
        newer = proposal_accept(proposal_id=revised.pk, user=editor_user, event=event)
    relation = ClaimRelation.objects.get(relation_type=ClaimRelation.Type.REVISES)
    assert (relation.from_claim_id, relation.to_claim_id) == (newer.pk, older.pk)
