"""Events, claims, attributions, relations, conflict flags and history over
the API. Each write validates the request's shape with an input serializer,
calls one service, and renders the stored result through a selector."""

from django.shortcuts import get_object_or_404
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view
from rest_framework import filters, generics, status
from rest_framework.decorators import action
from rest_framework.response import Response

from claims import selectors, services
from claims.claimreview import claim_review
from claims.models import AuditEntry, Claim, ConflictFlag
from core.api import RolePermission, StrictOrderingFilter
from core.viewsets import ServiceViewSet

from .examples import (
    ATTRIBUTION_EXAMPLES,
    CLAIM_EXAMPLES,
    CLAIM_RESPONSE_EXAMPLES,
    CLAIM_STATUS_EXAMPLES,
    CLAIM_UPDATE_EXAMPLES,
    EVENT_EXAMPLES,
    EVENT_MERGE_EXAMPLES,
    FLAG_ASSIGN_EXAMPLES,
    FLAG_DISMISS_EXAMPLES,
    FLAG_NOTE_EXAMPLES,
    FLAG_RESOLVE_EXAMPLES,
    FLAG_RESPONSE_EXAMPLES,
    RELATION_EXAMPLES,
)
from .filters import (
    CLAIM_SEARCH_FIELDS,
    AttributionFilter,
    AuditEntryFilter,
    ClaimFilter,
    ClaimSearchFilter,
    EventFilter,
    FlagFilter,
    NamedFilterBackend,
    RelationFilter,
)
from .serializers import (
    AttributionInputSerializer,
    AttributionOutputSerializer,
    AuditEntryOutputSerializer,
    ClaimCreateSerializer,
    ClaimInputSerializer,
    ClaimOutputSerializer,
    ClaimStatusSerializer,
    EventDeleteSerializer,
    EventInputSerializer,
    EventMergeSerializer,
    EventOutputSerializer,
    FlagAssignSerializer,
    FlagDismissSerializer,
    FlagNoteSerializer,
    FlagOutputSerializer,
    FlagResolveSerializer,
    RelationInputSerializer,
    RelationOutputSerializer,
)

VIEW_CLAIMS = ["claims.view_claim"]


@extend_schema_view(
    list=extend_schema(summary="List events", description="Search covers titles and places."),
    retrieve=extend_schema(summary="One event"),
)
class EventViewSet(ServiceViewSet):
    """What claims are about: an offensive, a strike, a day of fighting."""

    serializer_class = EventOutputSerializer
    filterset_class = EventFilter
    search_fields = ["title", "place"]
    ordering_fields = ["start_date", "title", "created_at", "updated_at"]
    ordering = ["-start_date", "title"]
    required_permissions = {
        "list": ["claims.view_event"],
        "retrieve": ["claims.view_event"],
        "create": ["claims.add_event"],
        "partial_update": ["claims.change_event"],
        "destroy": ["claims.delete_event"],
        "merge": ["claims.change_event", "claims.delete_event"],
    }

    def get_queryset(self):
        return selectors.event_list()

    @extend_schema(
        summary="Create an event (editors)",
        request=EventInputSerializer,
        responses={201: EventOutputSerializer},
        examples=EVENT_EXAMPLES,
    )
    def create(self, request):
        event = services.event_create(user=request.user, **self.validated(EventInputSerializer))
        return self.render(event.pk, status_code=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Change an event (editors)",
        request=EventInputSerializer,
        responses={200: EventOutputSerializer},
        examples=EVENT_EXAMPLES,
    )
    def partial_update(self, request, pk=None):
        event = self.get_object()
        services.event_update(
            event_id=event.pk,
            user=request.user,
            unchanged_since=self.unchanged_since(),
            **self.validated(EventInputSerializer, partial=True),
        )
        return self.render(event.pk)

    @extend_schema(
        summary="Delete an event (editors)",
        description="An event that still groups claims is refused with 409 (code event_has_claims) "
        "unless ?ungroup_claims=true: its claims then stay, ungrouped. To fold a duplicate "
        "event into another, keeping its claims together, use the merge action.",
        parameters=[EventDeleteSerializer],
        responses={204: None},
    )
    def destroy(self, request, pk=None):
        event = self.get_object()
        options = EventDeleteSerializer(data=request.query_params)
        options.is_valid(raise_exception=True)
        services.event_delete(
            event_id=event.pk,
            user=request.user,
            ungroup_claims=options.validated_data["ungroup_claims"],
            unchanged_since=self.unchanged_since(),
        )
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary="Merge this event into another (editors)",
        description="Every claim of this event moves to the event named in `into`, with a line on "
        "its history, and is rechecked for conflicts with its new neighbours; this event is then "
        "deleted. Answers with the event kept.",
        request=EventMergeSerializer,
        responses={200: EventOutputSerializer},
        examples=EVENT_MERGE_EXAMPLES,
    )
    @action(detail=True, methods=["post"])
    def merge(self, request, pk=None):
        event = self.get_object()
        data = self.validated(EventMergeSerializer)
        kept = services.event_merge(
            event_id=event.pk, into_event_id=data["into"].pk, user=request.user, reason=data["reason"]
        )
        return self.render(kept.pk)


CLAIMREVIEW_EXAMPLE = OpenApiExample(
    "A disputed casualty figure",
    value={
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": "https://claimtrack.example/claims/12/",
        "claimReviewed": "The ministry said its strikes killed 200 militants.",
        "datePublished": "2015-10-19",
        "author": {"@type": "Organization", "name": "Claimtrack", "url": "https://claimtrack.example/"},
        "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": "Organization", "name": "Defence ministry"},
            "datePublished": "2015-10-17",
            "appearance": [
                {"@type": "CreativeWork", "headline": "Strikes reported", "url": "https://wire.example/1"}
            ],
        },
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": 2,
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": "Disputed",
        },
    },
    response_only=True,
)


@extend_schema_view(
    list=extend_schema(
        summary="List claims",
        description="Each claim carries its attributions (with sources and documents), its relations "
        "and the number of conflict flags awaiting a decision. Search covers the claim text and the "
        "names of credited sources.",
        examples=CLAIM_RESPONSE_EXAMPLES,
    ),
    retrieve=extend_schema(summary="One claim", examples=CLAIM_RESPONSE_EXAMPLES),
)
class ClaimViewSet(ServiceViewSet):
    """Claims as reported, who made them, and how they stand."""

    serializer_class = ClaimOutputSerializer
    filterset_class = ClaimFilter
    filter_backends = [NamedFilterBackend, ClaimSearchFilter, StrictOrderingFilter]
    search_fields = CLAIM_SEARCH_FIELDS
    ordering_fields = [
        "created_at",
        "updated_at",
        "value_low",
        "status",
        "credibility",
        "open_flag_count",
        "id",
    ]
    ordering = ["-created_at", "-id"]
    required_permissions = {
        "list": VIEW_CLAIMS,
        "retrieve": VIEW_CLAIMS,
        "claimreview": VIEW_CLAIMS,
        "create": ["claims.add_claim"],
        "partial_update": ["claims.change_claim"],
        "set_status": ["claims.verify_claim"],
        "destroy": ["claims.delete_claim"],
    }

    def get_queryset(self):
        return selectors.claim_list_for_api()

    @extend_schema(
        summary="Record a claim with its attributions (fact-checkers, editors)",
        description="The claim and its attributions are saved together or not at all; a conflict check "
        "runs once they are stored. A figure needs value_low, quantity_subject and a qualifier (exact "
        "when one value is given).",
        request=ClaimCreateSerializer,
        responses={201: ClaimOutputSerializer},
        examples=CLAIM_EXAMPLES,
    )
    def create(self, request):
        data = dict(self.validated(ClaimCreateSerializer))
        attributions = [dict(a) for a in data.pop("attributions", [])]
        claim = services.claim_create(created_by=request.user, attributions=attributions, **data)
        return self.render(claim.pk, status_code=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Edit a claim (fact-checkers, editors)",
        description="Its verification status changes through the status action.",
        request=ClaimInputSerializer,
        responses={200: ClaimOutputSerializer},
        examples=CLAIM_UPDATE_EXAMPLES,
    )
    def partial_update(self, request, pk=None):
        claim = self.get_object()
        services.claim_update(
            claim_id=claim.pk,
            user=request.user,
            unchanged_since=self.unchanged_since(),
            **self.validated(ClaimInputSerializer, partial=True),
        )
        return self.render(claim.pk)

    @extend_schema(
        summary="Change a claim's verification status (editors)",
        description="The history records who changed it, from what, to what, and why.",
        request=ClaimStatusSerializer,
        responses={200: ClaimOutputSerializer},
        examples=CLAIM_STATUS_EXAMPLES,
    )
    @action(detail=True, methods=["post"], url_path="status", url_name="status")
    def set_status(self, request, pk=None):
        claim = self.get_object()
        data = self.validated(ClaimStatusSerializer)
        services.claim_set_status(
            claim_id=claim.pk, user=request.user, status=data["status"], reason=data["reason"]
        )
        return self.render(claim.pk)

    @extend_schema(
        summary="Delete a claim with its attributions, relations and flags (editors)", responses={204: None}
    )
    def destroy(self, request, pk=None):
        claim = self.get_object()
        services.claim_delete(claim_id=claim.pk, user=request.user, unchanged_since=self.unchanged_since())
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary="The claim as schema.org ClaimReview JSON-LD",
        description="reviewRating follows the verification status: verified 5 True, corroborated 4, "
        "unverified 3, disputed 2, false 1, retracted 1 (see docs/api.md).",
        responses={200: OpenApiTypes.OBJECT},
        examples=[CLAIMREVIEW_EXAMPLE],
        filters=False,
    )
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def claimreview(self, request, pk=None):
        claim = get_object_or_404(Claim, pk=pk)
        self.check_object_permissions(request, claim)
        return Response(claim_review(selectors.claim_for_claimreview(claim.pk)))


@extend_schema_view(
    list=extend_schema(summary="List attributions", description="Search covers excerpts and source names."),
    retrieve=extend_schema(summary="One attribution"),
)
class AttributionViewSet(ServiceViewSet):
    """Who said a claim, how, and where."""

    serializer_class = AttributionOutputSerializer
    filterset_class = AttributionFilter
    search_fields = ["excerpt", "source__name"]
    ordering_fields = ["created_at", "updated_at", "id"]
    ordering = ["claim_id", "id"]
    http_method_names = ["get", "post", "delete", "head", "options"]
    required_permissions = {
        "list": ["claims.view_attribution"],
        "retrieve": ["claims.view_attribution"],
        "create": ["claims.add_attribution"],
        "destroy": ["claims.delete_attribution"],
    }

    def get_queryset(self):
        return selectors.attribution_list()

    @extend_schema(
        summary="Credit a claim to a source (fact-checkers, editors)",
        description="Give the excerpt, its offsets, or both: offsets must fall inside the document "
        "and the excerpt must match the text there.",
        request=AttributionInputSerializer,
        responses={201: AttributionOutputSerializer},
        examples=ATTRIBUTION_EXAMPLES,
    )
    def create(self, request):
        data = dict(self.validated(AttributionInputSerializer))
        attribution = services.attribution_create(user=request.user, **data)
        return self.render(attribution.pk, status_code=status.HTTP_201_CREATED)

    @extend_schema(summary="Remove a credit (editors)", responses={204: None})
    def destroy(self, request, pk=None):
        attribution = self.get_object()
        services.attribution_delete(
            attribution_id=attribution.pk, user=request.user, unchanged_since=self.unchanged_since()
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_view(
    list=extend_schema(summary="List relations between claims"),
    retrieve=extend_schema(summary="One relation"),
)
class RelationViewSet(ServiceViewSet):
    """How two claims bear on each other. Symmetric relations are stored once,
    lower claim id first."""

    serializer_class = RelationOutputSerializer
    filterset_class = RelationFilter
    search_fields = ["rationale"]
    ordering_fields = ["created_at", "updated_at", "id"]
    ordering = ["-created_at", "-id"]
    http_method_names = ["get", "post", "delete", "head", "options"]
    required_permissions = {
        "list": ["claims.view_claimrelation"],
        "retrieve": ["claims.view_claimrelation"],
        "create": ["claims.add_claimrelation"],
        "destroy": ["claims.delete_claimrelation"],
    }

    def get_queryset(self):
        return selectors.relation_list()

    @extend_schema(
        summary="Relate two claims (fact-checkers, editors)",
        description="The same relation twice is refused with 409.",
        request=RelationInputSerializer,
        responses={201: RelationOutputSerializer},
        examples=RELATION_EXAMPLES,
    )
    def create(self, request):
        data = self.validated(RelationInputSerializer)
        relation = services.relation_create(created_by=request.user, **data)
        return self.render(relation.pk, status_code=status.HTTP_201_CREATED)

    @extend_schema(summary="Remove a relation (editors)", responses={204: None})
    def destroy(self, request, pk=None):
        relation = self.get_object()
        services.relation_delete(
            relation_id=relation.pk, user=request.user, unchanged_since=self.unchanged_since()
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


def _flag_action_schema(summary: str, request, examples):
    return extend_schema(
        summary=summary,
        description="Refused with 409 when the flag is already closed (or already in that state).",
        request=request,
        responses={200: FlagOutputSerializer},
        examples=examples,
    )


TRIAGE = ["claims.triage_conflictflag"]


@extend_schema_view(
    list=extend_schema(
        summary="List conflict flags",
        description="Ordered most severe first by default. `?claim=` gives the flags involving a claim.",
        examples=FLAG_RESPONSE_EXAMPLES,
    ),
    retrieve=extend_schema(summary="One conflict flag", examples=FLAG_RESPONSE_EXAMPLES),
)
class FlagViewSet(ServiceViewSet):
    """Conflicts between claims raised by the detection rules, and what
    editors decided about them."""

    serializer_class = FlagOutputSerializer
    filterset_class = FlagFilter
    search_fields = ["explanation", "rule"]
    ordering_fields = ["severity", "created_at", "updated_at", "status", "id"]
    ordering = ["-severity", "created_at", "id"]
    filter_backends = [NamedFilterBackend, filters.SearchFilter, StrictOrderingFilter]
    http_method_names = ["get", "post", "head", "options"]
    required_permissions = {
        "list": ["claims.view_conflictflag"],
        "retrieve": ["claims.view_conflictflag"],
        "acknowledge": TRIAGE,
        "assign": TRIAGE,
        "resolve": TRIAGE,
        "dismiss": TRIAGE,
        "reopen": TRIAGE,
    }

    def get_queryset(self):
        return selectors.flag_list_for_api()

    def _flag(self) -> ConflictFlag:
        return self.get_object()

    @_flag_action_schema("Say someone is looking at the conflict", FlagNoteSerializer, FLAG_NOTE_EXAMPLES)
    @action(detail=True, methods=["post"])
    def acknowledge(self, request, pk=None):
        flag = self._flag()
        data = self.validated(FlagNoteSerializer)
        services.flag_acknowledge(flag_id=flag.pk, user=request.user, note=data.get("note", ""))
        return self.render(flag.pk)

    @_flag_action_schema(
        "Give the conflict to someone (or null to unassign)", FlagAssignSerializer, FLAG_ASSIGN_EXAMPLES
    )
    @action(detail=True, methods=["post"])
    def assign(self, request, pk=None):
        flag = self._flag()
        data = self.validated(FlagAssignSerializer)
        services.flag_assign(
            flag_id=flag.pk, user=request.user, assignee=data["assignee"], note=data.get("note", "")
        )
        return self.render(flag.pk)

    @_flag_action_schema(
        "Resolve the conflict, optionally marking one of its claims disputed or false",
        FlagResolveSerializer,
        FLAG_RESOLVE_EXAMPLES,
    )
    @action(detail=True, methods=["post"])
    def resolve(self, request, pk=None):
        flag = self._flag()
        data = self.validated(FlagResolveSerializer)
        extra = {"mark_status": data["mark_status"]} if "mark_status" in data else {}
        services.flag_resolve(
            flag_id=flag.pk,
            user=request.user,
            note=data["note"],
            mark_claim_id=data.get("mark_claim_id"),
            **extra,
        )
        return self.render(flag.pk)

    @_flag_action_schema("Dismiss: not a real conflict", FlagDismissSerializer, FLAG_DISMISS_EXAMPLES)
    @action(detail=True, methods=["post"])
    def dismiss(self, request, pk=None):
        flag = self._flag()
        data = self.validated(FlagDismissSerializer)
        services.flag_dismiss(flag_id=flag.pk, user=request.user, reason=data["reason"])
        return self.render(flag.pk)

    @extend_schema(
        summary="Put a closed flag back in the queue",
        description="Refused with 409 when the flag is not closed.",
        request=FlagDismissSerializer,
        responses={200: FlagOutputSerializer},
        examples=[
            OpenApiExample(
                "Reopen", value={"reason": "A new report revives the question."}, request_only=True
            )
        ],
    )
    @action(detail=True, methods=["post"])
    def reopen(self, request, pk=None):
        flag = self._flag()
        data = self.validated(FlagDismissSerializer)
        services.flag_reopen(flag_id=flag.pk, user=request.user, reason=data["reason"])
        return self.render(flag.pk)


class _HistoryView(generics.ListAPIView):
    """The audit trail of one claim or flag, oldest first."""

    serializer_class = AuditEntryOutputSerializer
    queryset = AuditEntry.objects.none()  # for the schema; get_queryset gives the real rows
    permission_classes = [RolePermission]
    filterset_class = AuditEntryFilter
    filter_backends = [DjangoFilterBackend, StrictOrderingFilter]
    ordering_fields = ["created_at", "id"]
    ordering = ["created_at", "id"]
    required_permissions = {"get": ["claims.view_auditentry"], "head": ["claims.view_auditentry"]}


@extend_schema(
    summary="History of a claim", description="Who created it and every status change, oldest first."
)
class ClaimHistoryView(_HistoryView):
    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        claim = get_object_or_404(Claim, pk=self.kwargs["pk"])
        return selectors.claim_history(claim.pk)


@extend_schema(
    summary="History of a conflict flag", description="Every status change and assignment, oldest first."
)
class FlagHistoryView(_HistoryView):
    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        flag = get_object_or_404(ConflictFlag, pk=self.kwargs["pk"])
        return selectors.flag_history(flag.pk)
