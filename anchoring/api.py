"""Document versions over the API: list a story's versions, add a revised
text, and read where the earlier excerpts stand in a version."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api import OutputSerializer, RolePermission
from core.api_input import InputSerializer, record_context
from core.idempotency import IdempotentPosts
from sources.models import Document

from .models import ExcerptAnchor
from .services import document_version_add, document_versions


class DocumentVersionOutputSerializer(OutputSerializer):
    class Meta:
        model = Document
        fields = [
            "id",
            "version",
            "is_latest",
            "previous_version",
            "title",
            "url",
            "published_at",
            "created_at",
        ]
        read_only_fields = fields


class ExcerptAnchorOutputSerializer(OutputSerializer):
    claim_id = serializers.IntegerField(source="attribution.claim_id", read_only=True)
    excerpt = serializers.CharField(source="attribution.excerpt", read_only=True, help_text="As credited.")

    class Meta:
        model = ExcerptAnchor
        fields = [
            "attribution",
            "claim_id",
            "status",
            "change",
            "start",
            "end",
            "score",
            "excerpt",
            "found_text",
        ]
        read_only_fields = fields


class DocumentVersionInputSerializer(InputSerializer):
    body = serializers.CharField(help_text="The source's revised text.")
    title = serializers.CharField(max_length=300, required=False, allow_blank=True)
    published_at = serializers.DateTimeField(required=False, allow_null=True)


class DocumentVersionCreatedSerializer(DocumentVersionOutputSerializer):
    anchors = ExcerptAnchorOutputSerializer(many=True, read_only=True, source="excerpt_anchors")

    class Meta(DocumentVersionOutputSerializer.Meta):
        fields = DocumentVersionOutputSerializer.Meta.fields + ["anchors"]
        read_only_fields = fields


class DocumentVersionsView(IdempotentPosts, APIView):
    """GET: every version of the document's story, oldest first. POST
    (editors): store a revised text as the next version and re-anchor."""

    permission_classes = [RolePermission]
    required_permissions = {"get": ["sources.view_document"], "post": ["sources.add_document"]}

    @extend_schema(
        summary="The versions of a document", responses={200: DocumentVersionOutputSerializer(many=True)}
    )
    def get(self, request, pk: int):
        document = get_object_or_404(Document, pk=pk)
        return Response(DocumentVersionOutputSerializer(document_versions(document), many=True).data)

    @extend_schema(
        summary="Add a revised version of a document",
        description=(
            "Only the latest version takes an update (409 `not_latest_version`); the same text is 409 "
            "`same_text`. The answer lists where each earlier excerpt stands in the new text (docs/versions.md)."
        ),
        request=DocumentVersionInputSerializer,
        responses={201: DocumentVersionCreatedSerializer},
        examples=[
            OpenApiExample(
                "The wire raised the toll",
                value={"body": "The health office said 45 people were killed.", "title": "Toll rises to 45"},
                request_only=True,
            )
        ],
    )
    def post(self, request, pk: int):
        get_object_or_404(Document, pk=pk)
        serializer = DocumentVersionInputSerializer(
            data=request.data, context=record_context(DocumentVersionOutputSerializer)
        )
        serializer.is_valid(raise_exception=True)
        document = document_version_add(document_id=pk, user=request.user, **serializer.validated_data)
        return Response(DocumentVersionCreatedSerializer(document).data, status=status.HTTP_201_CREATED)


class DocumentAnchorsView(APIView):
    """Where each excerpt credited in earlier versions stands in this one."""

    permission_classes = [RolePermission]
    required_permissions = {"get": ["sources.view_document"]}

    @extend_schema(
        summary="Excerpts of earlier versions, anchored in this version",
        responses={200: ExcerptAnchorOutputSerializer(many=True)},
    )
    def get(self, request, pk: int):
        document = get_object_or_404(Document, pk=pk)
        anchors = (
            ExcerptAnchor.objects.filter(document=document)
            .select_related("attribution")
            .order_by("start", "id")
        )
        return Response(ExcerptAnchorOutputSerializer(anchors, many=True).data)
