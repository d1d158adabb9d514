import django_filters
from django.db.models import Exists, OuterRef

from claims.models import ConflictFlag
from core.api import RecordIdFilter, UpdatedSinceFilterSet

from ..models import Dispute


class DisputeFilter(UpdatedSinceFilterSet):
    status = django_filters.ChoiceFilter(
        choices=[("open", "Open"), ("resolved", "Resolved"), ("dismissed", "Dismissed")],
        method="filter_status",
        label="open: some pair awaits a decision; resolved/dismissed: none does.",
    )
    topic = django_filters.MultipleChoiceFilter(choices=Dispute.Topic.choices)
    event = RecordIdFilter(field_name="event", label="Id of the event.")
    severity_min = django_filters.ChoiceFilter(
        choices=ConflictFlag.Severity.choices,
        field_name="worst",
        lookup_expr="gte",
        label="At least this severity (the worst pair's).",
    )

    class Meta:
        model = Dispute
        fields = ["status", "topic", "event", "severity_min", "updated_since"]

    def filter_status(self, queryset, name, value):
        resolved = Exists(
            ConflictFlag.objects.filter(
                dispute_membership__dispute=OuterRef("pk"), status=ConflictFlag.Status.RESOLVED
            )
        )
        if value == "open":
            return queryset.filter(is_open=True)
        if value == "resolved":
            return queryset.filter(is_open=False).filter(resolved)
        return queryset.filter(is_open=False).exclude(resolved)
