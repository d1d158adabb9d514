"""Disputes over the API: one entry per disputed question, with its figures,
sources and pairs; resolving or dismissing one closes its open pairs."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework.decorators import action

from core.viewsets import ServiceViewSet

from ..dispute_selectors import dispute_queue
from ..dispute_services import dispute_dismiss, dispute_resolve
from .filters import DisputeFilter
from .serializers import (
    DISPUTE_DISMISS_EXAMPLES,
    DISPUTE_RESOLVE_EXAMPLES,
    DisputeDismissSerializer,
    DisputeOutputSerializer,
    DisputeResolveSerializer,
)

TRIAGE = ["claims.triage_conflictflag"]


@extend_schema_view(
    list=extend_schema(
        summary="List disputes",
        description=(
            "One entry per disputed question (an event's toll for one counted subject, who the victims "
            "were, who is responsible, framing, control...), open ones first, most severe first. Each "
            "carries its claims (figures and sources) and its pairwise flags; `minor` marks figure gaps "
            "under 1.5 times between sources not on opposite sides."
        ),
    ),
    retrieve=extend_schema(summary="One dispute"),
)
class DisputeViewSet(ServiceViewSet):
    serializer_class = DisputeOutputSerializer
    filterset_class = DisputeFilter
    http_method_names = ["get", "post", "head", "options"]
    # The queue's own order (open first, worst first, oldest first) unless asked otherwise.
    ordering = None
    ordering_fields = ["created_at", "updated_at", "id"]
    required_permissions = {
        "list": ["claims.view_conflictflag"],
        "retrieve": ["claims.view_conflictflag"],
        "resolve": TRIAGE,
        "dismiss": TRIAGE,
    }

    def get_queryset(self):
        return dispute_queue()

    @extend_schema(
        summary="Resolve a dispute: every open pair is resolved with the same note",
        description="Refused with 409 when nothing in the dispute is open.",
        request=DisputeResolveSerializer,
        responses={200: DisputeOutputSerializer},
        examples=DISPUTE_RESOLVE_EXAMPLES,
    )
    @action(detail=True, methods=["post"])
    def resolve(self, request, pk=None):
        dispute = self.get_object()
        data = self.validated(DisputeResolveSerializer)
        dispute_resolve(dispute_id=dispute.pk, user=request.user, note=data["note"])
        return self.render(dispute.pk)

    @extend_schema(
        summary="Dismiss a dispute: every open pair is dismissed with the same reason",
        description="Refused with 409 when nothing in the dispute is open.",
        request=DisputeDismissSerializer,
        responses={200: DisputeOutputSerializer},
        examples=DISPUTE_DISMISS_EXAMPLES,
    )
    @action(detail=True, methods=["post"])
    def dismiss(self, request, pk=None):
        dispute = self.get_object()
        data = self.validated(DisputeDismissSerializer)
        dispute_dismiss(dispute_id=dispute.pk, user=request.user, reason=data["reason"])
        return self.render(dispute.pk)
