"""Ingestion over the API: submit an article, follow its extraction run and
its proposals, and accept, edit-then-accept or reject each proposal. The
views check the same permissions as the pages and call the same services,
which check them again."""

from django.db import transaction
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from core.api import RolePermission
from core.api_input import EMPTY_BODY, EmptyInputSerializer
from core.idempotency import IdempotentPosts
from core.parsers import JSONParser
from ingestion import selectors, services
from ingestion.models import ClaimProposal, DocumentExtraction
from sources.models import Document

from .serializers import (
    ACCEPT_EXAMPLES,
    EDIT_EXAMPLES,
    INGEST_EXAMPLES,
    REJECT_EXAMPLES,
    AcceptedOutputSerializer,
    DocumentIngestInputSerializer,
    ExtractionOutputSerializer,
    ExtractionRunOutputSerializer,
    IngestedOutputSerializer,
    ProposalAcceptInputSerializer,
    ProposalEditInputSerializer,
    ProposalOutputSerializer,
)


class IngestionAPIView(IdempotentPosts, APIView):
    permission_classes = [RolePermission]

    def validated(self, serializer_class):
        serializer = serializer_class(data=self.request.data)
        serializer.is_valid(raise_exception=True)
        return serializer


class DocumentIngestView(IngestionAPIView):
    # JSON (the API's depth-checked parser) for pasted text, multipart for a file.
    parser_classes = [JSONParser, MultiPartParser]
    required_permissions = {"post": ["sources.add_document"]}

    @extend_schema(
        summary="Submit an article for extraction (editors)",
        description=(
            "Text (JSON or form) or an upload (multipart, .txt or .html) with a title and optionally the "
            "URL, outlet and publication time. The document is stored and the extractor queued; follow "
            "`extraction_url` until `finished` is true. The same text or URL twice is refused with 409."
        ),
        request={
            "application/json": DocumentIngestInputSerializer,
            "multipart/form-data": DocumentIngestInputSerializer,
        },
        responses={202: IngestedOutputSerializer},
        examples=INGEST_EXAMPLES,
    )
    def post(self, request):
        data = self.validated(DocumentIngestInputSerializer).validated_data
        document = services.document_ingest(user=request.user, **data)
        extraction = DocumentExtraction.objects.get(document=document)
        url = reverse("api:document-extraction", kwargs={"pk": document.pk})
        return Response(
            {
                "document": document.pk,
                "extraction": ExtractionOutputSerializer(extraction).data,
                "extraction_url": url,
            },
            status=status.HTTP_202_ACCEPTED,
            headers={"Location": url},
        )


class ExtractionRunView(IngestionAPIView):
    required_permissions = {"get": ["sources.view_document"]}

    @extend_schema(
        summary="An extraction run's status and its proposals",
        description=(
            "`proposals` lists every proposal in text order with what it probably repeats "
            "(`probable_claims`) and where it probably belongs (`suggested_events`). "
            "`accept_blocked_reason` says why a plain accept would be refused."
        ),
        responses={200: ExtractionRunOutputSerializer},
    )
    def get(self, request, pk: int):
        document = get_object_or_404(Document.objects.select_related("outlet"), pk=pk)
        extraction = get_object_or_404(DocumentExtraction, document=document)
        proposals = list(selectors.proposals_for_document(document_id=document.pk))
        links = selectors.proposal_links(document=document, proposals=proposals)
        return Response(
            {
                "extraction": ExtractionOutputSerializer(extraction).data,
                "proposals": ProposalOutputSerializer(proposals, many=True, context={"links": links}).data,
            }
        )


def _proposal_response(proposal_id: int, claim_id: int | None, status_code: int) -> Response:
    proposal = selectors.proposals_for_document(
        document_id=ClaimProposal.objects.values_list("document_id", flat=True).get(pk=proposal_id)
    ).get(pk=proposal_id)
    body = {"claim": claim_id, "proposal": ProposalOutputSerializer(proposal).data}
    return Response(body, status=status_code)


def _accept(proposal, user, data: dict):
    """Accept with what the accept or edit-then-accept body chose (both share its fields)."""
    return services.proposal_accept(
        proposal_id=proposal.pk,
        user=user,
        event=data.get("event"),
        existing_claim_id=data["existing_claim"].pk if data.get("existing_claim") else None,
        denied_claim_id=data["denied_claim"].pk if data.get("denied_claim") else None,
    )


class ProposalAcceptView(IngestionAPIView):
    required_permissions = {"post": ["claims.add_claim"]}

    @extend_schema(
        summary="Accept a proposal (fact-checkers, editors)",
        description=(
            "Creates the claim and its attribution, or with `existing_claim` adds the proposal as a new "
            "attribution of a claim the tracker holds. A speaker who is not a source yet needs an editor."
        ),
        request=ProposalAcceptInputSerializer,
        responses={201: AcceptedOutputSerializer},
        examples=ACCEPT_EXAMPLES,
    )
    def post(self, request, pk: int):
        proposal = get_object_or_404(ClaimProposal, pk=pk)
        data = self.validated(ProposalAcceptInputSerializer).validated_data
        claim = _accept(proposal, request.user, data)
        return _proposal_response(proposal.pk, claim.pk, status.HTTP_201_CREATED)


class ProposalEditAcceptView(IngestionAPIView):
    required_permissions = {"post": ["claims.add_claim"]}

    @extend_schema(
        summary="Correct a proposal, then accept it (fact-checkers, editors)",
        description="The same corrections as the review page; if anything is refused, nothing changes.",
        request=ProposalEditInputSerializer,
        responses={201: AcceptedOutputSerializer},
        examples=EDIT_EXAMPLES,
    )
    def post(self, request, pk: int):
        proposal = get_object_or_404(ClaimProposal, pk=pk)
        serializer = self.validated(ProposalEditInputSerializer)
        data = serializer.validated_data
        with transaction.atomic():
            services.proposal_update(proposal_id=proposal.pk, user=request.user, **serializer.changes())
            claim = _accept(proposal, request.user, data)
        return _proposal_response(proposal.pk, claim.pk, status.HTTP_201_CREATED)


class ProposalRejectView(IngestionAPIView):
    required_permissions = {"post": ["claims.add_claim"]}

    @extend_schema(
        summary="Reject a proposal (fact-checkers, editors)",
        description="It is not proposed again when the document is read again.",
        # No fields: the body may be empty (or {}); anything in it is refused.
        request=EMPTY_BODY,
        responses={200: AcceptedOutputSerializer},
        examples=REJECT_EXAMPLES,
    )
    def post(self, request, pk: int):
        proposal = get_object_or_404(ClaimProposal, pk=pk)
        self.validated(EmptyInputSerializer)
        services.proposal_reject(proposal_id=proposal.pk, user=request.user)
        return _proposal_response(proposal.pk, None, status.HTTP_200_OK)
