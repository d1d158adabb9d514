"""Web UI for ingestion: add an article, review what the extractor proposes.
Writes go through ingestion/services.py; permissions are checked here and
again in the services."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from claims.forms import add_service_errors
from claims.models import Event
from claims.views import form_status, requires
from core.exceptions import ConflictError
from sources.models import Document

from . import selectors
from .forms import DocumentIngestForm, ProposalEditForm
from .models import ClaimProposal, DocumentExtraction
from .services import (
    document_ingest,
    extraction_queue,
    proposal_accept,
    proposal_reject,
    proposal_update,
    user_can_add_sources,
    user_can_review,
)


@requires("sources.add_document")
def document_add(request):
    form = DocumentIngestForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            document = document_ingest(
                title=data["title"],
                user=request.user,
                body=data["body"] if not data.get("upload") else "",
                upload=data.get("upload"),
                url=data["url"],
                outlet=data["outlet"],
                published_at=data["published_at"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except ConflictError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "Document stored; the extractor is reading it now.")
            return redirect("ingestion:proposal-review", pk=document.pk)
    return render(request, "ingestion/document_add.html", {"form": form}, status=form_status(form))


def document_page_panel(*, request, document: Document) -> dict:
    """The receiver of the document_page hook (ingestion/apps.py)."""
    return proposals_panel_context(request, document)


def proposals_panel_context(request, document: Document) -> dict:
    """What ingestion/_proposals_panel.html needs, for any page that shows it."""
    extraction = DocumentExtraction.objects.filter(document=document).first()
    proposals = list(selectors.proposals_for_document(document_id=document.pk))
    links = selectors.proposal_links(document=document, proposals=proposals)
    for proposal in proposals:
        proposal.links = links.get(proposal.pk)
    return {
        "document": document,
        "extraction": extraction,
        "proposals": proposals,
        "open_count": sum(1 for p in proposals if p.is_open),
        "can_review": user_can_review(request.user),
        "can_add_sources": user_can_add_sources(request.user),
        "still_reading": extraction is not None and not extraction.is_finished,
    }


@requires("sources.view_document")
def proposal_review(request, pk: int):
    document = get_object_or_404(Document.objects.select_related("outlet"), pk=pk)
    return render(request, "ingestion/proposal_review.html", proposals_panel_context(request, document))


@requires("sources.view_document")
def proposals_panel(request, pk: int):
    """The proposals list alone, fetched by proposals.js while the extractor runs."""
    document = get_object_or_404(Document.objects.select_related("outlet"), pk=pk)
    return render(request, "ingestion/_proposals_panel.html", proposals_panel_context(request, document))


def _back_to_review(proposal_or_document_id: int):
    return redirect(
        reverse("ingestion:proposal-review", kwargs={"pk": proposal_or_document_id}) + "#proposals"
    )


def _accept_choices(data) -> dict:
    """What the editor chose on the review page: an existing claim this
    proposal repeats, or an event for the new claim. A bad id is a form
    error, never a crash."""
    choices = {}
    for field, key in (
        ("existing_claim", "existing_claim_id"),
        ("event", "event"),
        ("denied_claim", "denied_claim_id"),
    ):
        raw = (data.get(field) or "").strip()
        if not raw:
            continue
        if not raw.isdigit():
            raise ValidationError({field: "Choose from the list."})
        choices[key] = int(raw)
    if "event" in choices:
        event = Event.objects.filter(pk=choices["event"]).first()
        if event is None:
            raise ValidationError({"event": "That event does not exist (any more)."})
        choices["event"] = event
    return choices


@require_POST
@requires("claims.add_claim")
def proposal_accept_view(request, pk: int):
    proposal = get_object_or_404(ClaimProposal, pk=pk)
    try:
        claim = proposal_accept(proposal_id=proposal.pk, user=request.user, **_accept_choices(request.POST))
    except (ConflictError, PermissionDenied) as error:
        messages.error(request, getattr(error, "message", None) or str(error))
    except ValidationError as error:
        messages.error(
            request, "This proposal needs correcting before it can be accepted: " + " ".join(error.messages)
        )
        return redirect("ingestion:proposal-edit", pk=proposal.pk)
    else:
        messages.success(request, f"Claim #{claim.pk} recorded.")
    return _back_to_review(proposal.document_id)


@require_POST
@requires("claims.add_claim")
def proposal_reject_view(request, pk: int):
    proposal = get_object_or_404(ClaimProposal, pk=pk)
    try:
        proposal_reject(proposal_id=proposal.pk, user=request.user)
    except ConflictError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Proposal rejected.")
    return _back_to_review(proposal.document_id)


@requires("claims.add_claim")
def proposal_edit(request, pk: int):
    """Correct a proposal and accept it in one step."""
    proposal = get_object_or_404(ClaimProposal.objects.select_related("document", "source"), pk=pk)
    if not proposal.is_open:
        messages.error(request, f"This proposal was already {proposal.status}.")
        return _back_to_review(proposal.document_id)
    denied_choices = []
    if proposal.is_denial:
        links = selectors.proposal_links(document=proposal.document, proposals=[proposal])
        denied_choices = [link.claim for link in links[proposal.pk].denied_claims]
    form = ProposalEditForm(
        request.POST or None,
        initial=ProposalEditForm.initial_for(proposal),
        document_body=proposal.document.body,
        denied_choices=denied_choices,
    )
    if request.method == "POST" and form.is_valid():
        try:
            proposal_update(proposal_id=proposal.pk, user=request.user, **form.proposal_changes())
            claim = proposal_accept(
                proposal_id=proposal.pk,
                user=request.user,
                event=form.cleaned_data["event"],
                denied_claim_id=form.cleaned_data.get("denied_claim"),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except (ConflictError, PermissionDenied) as error:
            form.add_error(None, getattr(error, "message", None) or str(error))
        else:
            messages.success(request, f"Claim #{claim.pk} recorded.")
            return _back_to_review(proposal.document_id)
    passage_start, passage = _passage_around(proposal)
    return render(
        request,
        "ingestion/proposal_edit.html",
        {
            "proposal": proposal,
            "form": form,
            "can_add_sources": user_can_add_sources(request.user),
            "passage": passage,
            "passage_start": passage_start,
        },
        status=form_status(form),
    )


# Paragraphs shown around the excerpt for selecting it: enough to move the
# excerpt to a neighbouring sentence, never the whole of a long document.
PASSAGE_PARAGRAPHS = 1


def _passage_around(proposal: ClaimProposal) -> tuple[int, str]:
    body = proposal.document.body
    start = proposal.excerpt_start
    for _ in range(PASSAGE_PARAGRAPHS + 1):
        start = body.rfind("\n", 0, max(0, start - 1)) + 1 if start > 0 else 0
    end = proposal.excerpt_end
    for _ in range(PASSAGE_PARAGRAPHS + 1):
        found = body.find("\n", end + 1)
        end = len(body) if found == -1 else found
    return start, body[start:end]


@require_POST
@requires("sources.add_document")
def extraction_rerun(request, pk: int):
    document = get_object_or_404(Document, pk=pk)
    try:
        extraction_queue(document_id=document.pk, user=request.user)
    except ConflictError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "The extractor will read the document again; existing proposals are kept.")
    return _back_to_review(document.pk)
