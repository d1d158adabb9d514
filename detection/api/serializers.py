from drf_spectacular.utils import OpenApiExample, extend_schema_field
from rest_framework import serializers

from claims.models import ConflictFlag
from core.api_input import InputSerializer

from ..dispute_selectors import dispute_view
from ..models import Dispute


class DisputedClaimSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="claim.pk")
    text = serializers.CharField(source="claim.text")
    status = serializers.CharField(source="claim.status")
    figure = serializers.CharField(help_text="The figure as reported, e.g. 'at least 20 militants killed'.")
    sources = serializers.ListField(child=serializers.CharField(), help_text="Names of the credited sources.")


class DisputePairSerializer(serializers.ModelSerializer):
    minor = serializers.SerializerMethodField(
        help_text="A figure gap under 1.5 times between sources not on opposite sides."
    )

    class Meta:
        model = ConflictFlag
        fields = ["id", "rule", "claim_a", "claim_b", "severity", "status", "explanation", "minor"]
        read_only_fields = fields

    def get_minor(self, flag) -> bool:
        return self.context.get("minor_ids") is not None and flag.pk in self.context["minor_ids"]


class DisputeOutputSerializer(serializers.ModelSerializer):
    title = serializers.CharField(read_only=True)
    status = serializers.SerializerMethodField(help_text="open, resolved or dismissed.")
    severity = serializers.IntegerField(
        source="worst", read_only=True, help_text="The worst pair's severity."
    )
    decision = serializers.CharField(
        read_only=True,
        help_text=(
            "The editors' last verdict on the dispute as a whole: resolved, dismissed, or empty while "
            "undecided or re-opened."
        ),
    )
    open_pairs = serializers.IntegerField(read_only=True)
    pair_count = serializers.IntegerField(read_only=True)
    claims = serializers.SerializerMethodField()
    pairs = serializers.SerializerMethodField()
    resolved_by = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)

    class Meta:
        model = Dispute
        fields = [
            "id",
            "topic",
            "title",
            "event",
            "subject",
            "place",
            "occurred_on",
            "status",
            "severity",
            "open_pairs",
            "pair_count",
            "claims",
            "pairs",
            "decision",
            "resolution_note",
            "resolved_by",
            "resolved_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def _view(self, dispute):
        cache = self.context.setdefault("_views", {})
        if dispute.pk not in cache:
            cache[dispute.pk] = dispute_view(dispute)
        return cache[dispute.pk]

    def get_status(self, dispute) -> str:
        return self._view(dispute).status

    @extend_schema_field(DisputedClaimSerializer(many=True))
    def get_claims(self, dispute):
        return DisputedClaimSerializer(self._view(dispute).claims, many=True).data

    @extend_schema_field(DisputePairSerializer(many=True))
    def get_pairs(self, dispute):
        view = self._view(dispute)
        minor_ids = {flag.pk for flag in view.minor_pairs}
        return DisputePairSerializer(
            view.pairs + view.minor_pairs, many=True, context={"minor_ids": minor_ids}
        ).data


class DisputeResolveSerializer(InputSerializer):
    note = serializers.CharField(max_length=5000, help_text="Every open pair is resolved with this note.")


class DisputeDismissSerializer(InputSerializer):
    reason = serializers.CharField(
        max_length=5000, help_text="Every open pair is dismissed with this reason."
    )


DISPUTE_RESOLVE_EXAMPLES = [
    OpenApiExample(
        "Resolve a toll dispute",
        value={"note": "The monitor's count is confirmed by hospital records; the ministry's is not."},
        request_only=True,
    )
]
DISPUTE_DISMISS_EXAMPLES = [
    OpenApiExample(
        "Dismiss", value={"reason": "The figures count different days of fighting."}, request_only=True
    )
]
