"""Sources and documents over the API. Each action validates the request's
shape with an input serializer, calls one service, and renders the result
with an output serializer over a selector's queryset."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response

from core.viewsets import ServiceViewSet
from sources import selectors, services

from .filters import DocumentFilter, SourceFilter
from .serializers import (
    DOCUMENT_EXAMPLES,
    SOURCE_EXAMPLES,
    SOURCE_RELIABILITY_EXAMPLES,
    DocumentInputSerializer,
    DocumentOutputSerializer,
    SourceInputSerializer,
    SourceOutputSerializer,
    SourceReliabilitySerializer,
    SourceUpdateSerializer,
)


@extend_schema_view(
    list=extend_schema(summary="List sources", description="Search covers names, sides and countries."),
    retrieve=extend_schema(summary="One source"),
)
class SourceViewSet(ServiceViewSet):
    """Actors who make claims, with their Admiralty reliability grade."""

    serializer_class = SourceOutputSerializer
    filterset_class = SourceFilter
    search_fields = ["name", "side", "country"]
    ordering_fields = ["name", "reliability", "created_at", "updated_at", "attribution_count"]
    ordering = ["name"]
    required_permissions = {
        "list": ["sources.view_source"],
        "retrieve": ["sources.view_source"],
        "create": ["sources.add_source"],
        "partial_update": ["sources.change_source"],
        "reliability": ["sources.change_source"],
        "destroy": ["sources.delete_source"],
    }

    def get_queryset(self):
        return selectors.source_list()

    @extend_schema(
        summary="Register a source (editors)",
        request=SourceInputSerializer,
        responses={201: SourceOutputSerializer},
        examples=SOURCE_EXAMPLES,
    )
    def create(self, request):
        source = services.source_create(user=request.user, **self.validated(SourceInputSerializer))
        return self.render(source.pk, status_code=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Change a source's description (editors)",
        request=SourceUpdateSerializer,
        responses={200: SourceOutputSerializer},
        examples=SOURCE_EXAMPLES,
    )
    def partial_update(self, request, pk=None):
        source = self.get_object()
        services.source_update(
            source_id=source.pk,
            user=request.user,
            unchanged_since=self.unchanged_since(),
            **self.validated(SourceUpdateSerializer, partial=True),
        )
        return self.render(source.pk)

    @extend_schema(
        summary="Grade a source's reliability (editors)",
        request=SourceReliabilitySerializer,
        responses={200: SourceOutputSerializer},
        examples=SOURCE_RELIABILITY_EXAMPLES,
    )
    @action(detail=True, methods=["post"])
    def reliability(self, request, pk=None):
        source = self.get_object()
        data = self.validated(SourceReliabilitySerializer)
        services.source_set_reliability(
            source_id=source.pk, user=request.user, reliability=data["reliability"], reason=data["reason"]
        )
        return self.render(source.pk)

    @extend_schema(summary="Delete a source nobody is credited through (editors)", responses={204: None})
    def destroy(self, request, pk=None):
        source = self.get_object()
        services.source_delete(source_id=source.pk, user=request.user, unchanged_since=self.unchanged_since())
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_view(
    list=extend_schema(summary="List documents", description="Search covers titles, URLs and outlet names."),
    retrieve=extend_schema(summary="One document"),
)
class DocumentViewSet(ServiceViewSet):
    """Articles, statements and posts in which claims appear."""

    serializer_class = DocumentOutputSerializer
    filterset_class = DocumentFilter
    search_fields = ["title", "url", "outlet__name"]
    ordering_fields = ["published_at", "created_at", "updated_at", "title"]
    ordering = ["-published_at", "-created_at"]
    required_permissions = {
        "list": ["sources.view_document"],
        "retrieve": ["sources.view_document"],
        "create": ["sources.add_document"],
        "partial_update": ["sources.change_document"],
        "destroy": ["sources.delete_document"],
    }

    def get_queryset(self):
        return selectors.document_list()

    @extend_schema(
        summary="Store a document (editors)",
        description="The same text or URL twice is refused with 409, naming the stored copy.",
        request=DocumentInputSerializer,
        responses={201: DocumentOutputSerializer},
        examples=DOCUMENT_EXAMPLES,
    )
    def create(self, request):
        document = services.document_create(user=request.user, **self.validated(DocumentInputSerializer))
        return self.render(document.pk, status_code=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Change a document (editors)",
        description="The body cannot change once claims quote it (their offsets point into it).",
        request=DocumentInputSerializer,
        responses={200: DocumentOutputSerializer},
        examples=DOCUMENT_EXAMPLES,
    )
    def partial_update(self, request, pk=None):
        document = self.get_object()
        services.document_update(
            document_id=document.pk,
            user=request.user,
            unchanged_since=self.unchanged_since(),
            **self.validated(DocumentInputSerializer, partial=True),
        )
        return self.render(document.pk)

    @extend_schema(summary="Delete a document no claim quotes (editors)", responses={204: None})
    def destroy(self, request, pk=None):
        document = self.get_object()
        services.document_delete(
            document_id=document.pk, user=request.user, unchanged_since=self.unchanged_since()
        )
        return Response(status=status.HTTP_204_NO_CONTENT)
