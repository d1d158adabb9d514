"""Shapes of the ingestion API: what a client sends to ingest an article or
decide on a proposal, and what it gets back."""

from drf_spectacular.utils import OpenApiExample, extend_schema_field
from rest_framework import serializers

from claims.models import Attribution, Claim, Event
from core.api import OutputSerializer, StrictPrimaryKeyRelatedField
from core.api_input import InputSerializer
from ingestion.models import ClaimProposal, DocumentExtraction
from sources.models import Source


@extend_schema_field({"type": "string", "format": "binary", "minLength": 1})
class ArticleFileField(serializers.FileField):
    """An uploaded article: the schema says it cannot be empty, as the field checks."""


class DocumentIngestInputSerializer(InputSerializer):
    title = serializers.CharField(max_length=300)
    body = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)
    upload = ArticleFileField(required=False, help_text="A .txt or .html file (multipart), UTF-8 text.")
    url = serializers.URLField(required=False, allow_blank=True, max_length=500)
    outlet = StrictPrimaryKeyRelatedField(queryset=Source.objects.all(), required=False, allow_null=True)
    published_at = serializers.DateTimeField(required=False, allow_null=True)

    def validate(self, attrs):
        has_body = bool((attrs.get("body") or "").strip())
        if has_body and attrs.get("upload") is not None:
            raise serializers.ValidationError({"upload": "Send the text or a file, not both."})
        if not has_body and attrs.get("upload") is None:
            raise serializers.ValidationError(
                {"body": "Send the article's text, or upload a .txt or .html file."}
            )
        return attrs


class ClaimLinkSerializer(serializers.Serializer):
    claim = serializers.IntegerField(source="claim.pk")
    text = serializers.CharField(source="claim.text")
    reason = serializers.CharField()


class ProposalOutputSerializer(OutputSerializer):
    source_name = serializers.CharField(source="source.name", default=None, read_only=True)
    accept_blocked_reason = serializers.CharField(read_only=True)
    probable_claims = serializers.SerializerMethodField()
    suggested_events = serializers.SerializerMethodField()
    probably_denied_claims = serializers.SerializerMethodField()

    class Meta:
        model = ClaimProposal
        fields = [
            "id",
            "document",
            "status",
            "text",
            "kind",
            "value_low",
            "value_high",
            "qualifier",
            "quantity_subject",
            "figure_text",
            "framing_terms",
            "responsible_party",
            "is_denial",
            "denied_text",
            "speaker_text",
            "source",
            "source_name",
            "proposed_source_name",
            "proposed_source_kind",
            "similar_source",
            "speaker_unbound",
            "joint_with",
            "accept_blocked_reason",
            "form",
            "reporting_verb",
            "relayed_by",
            "relayed_by_text",
            "excerpt",
            "excerpt_start",
            "excerpt_end",
            "claim",
            "probable_claims",
            "suggested_events",
            "probably_denied_claims",
        ]
        read_only_fields = fields

    def _links(self, proposal):
        return self.context.get("links", {}).get(proposal.pk)

    def get_probable_claims(self, proposal) -> list[dict]:
        links = self._links(proposal)
        return ClaimLinkSerializer(links.claims if links else [], many=True).data

    def get_suggested_events(self, proposal) -> list[int]:
        links = self._links(proposal)
        return [event.pk for event in links.events] if links else []

    def get_probably_denied_claims(self, proposal) -> list[dict]:
        links = self._links(proposal)
        return ClaimLinkSerializer(links.denied_claims if links else [], many=True).data


class ExtractionOutputSerializer(serializers.ModelSerializer):
    finished = serializers.BooleanField(source="is_finished", read_only=True)

    class Meta:
        model = DocumentExtraction
        fields = ["document", "status", "finished", "started_at", "finished_at", "error", "proposals_found"]
        read_only_fields = fields


class ProposalAcceptInputSerializer(InputSerializer):
    existing_claim = StrictPrimaryKeyRelatedField(
        queryset=Claim.objects.all(),
        required=False,
        allow_null=True,
        help_text="Add the proposal as a new attribution of this claim instead of a new claim.",
    )
    event = StrictPrimaryKeyRelatedField(
        queryset=Event.objects.all(), required=False, allow_null=True, help_text="File the new claim here."
    )
    denied_claim = StrictPrimaryKeyRelatedField(
        queryset=Claim.objects.all(),
        required=False,
        allow_null=True,
        help_text="For a denial proposal: the claim it denies (a 'denies' relation is recorded).",
    )

    def validate(self, attrs):
        if attrs.get("existing_claim") and attrs.get("event"):
            raise serializers.ValidationError(
                {"event": "An existing claim keeps its own event; choose one or the other."}
            )
        return attrs


class ProposalEditInputSerializer(ProposalAcceptInputSerializer):
    """The corrections the review page allows, then accept."""

    text = serializers.CharField(required=False)
    kind = serializers.ChoiceField(choices=Claim.Kind.choices, required=False)
    source = StrictPrimaryKeyRelatedField(queryset=Source.objects.all(), required=False, allow_null=True)
    proposed_source_name = serializers.CharField(required=False, allow_blank=True, max_length=200)
    proposed_source_kind = serializers.ChoiceField(
        choices=Source.Kind.choices, required=False, allow_blank=True
    )
    form = serializers.ChoiceField(choices=Attribution.Form.choices, required=False)
    reporting_verb = serializers.CharField(required=False, allow_blank=True, max_length=50)
    relayed_by = StrictPrimaryKeyRelatedField(queryset=Source.objects.all(), required=False, allow_null=True)
    value_low = serializers.IntegerField(required=False, allow_null=True, min_value=0)
    value_high = serializers.IntegerField(required=False, allow_null=True, min_value=0)
    qualifier = serializers.ChoiceField(choices=Claim.Qualifier.choices, required=False, allow_blank=True)
    quantity_subject = serializers.CharField(required=False, allow_blank=True, max_length=200)
    responsible_party = serializers.CharField(required=False, allow_blank=True, max_length=200)
    excerpt_start = serializers.IntegerField(required=False, min_value=0)
    excerpt_end = serializers.IntegerField(required=False, min_value=1)

    def changes(self) -> dict:
        return {
            k: v
            for k, v in self.validated_data.items()
            if k not in ("existing_claim", "event", "denied_claim")
        }


class IngestedOutputSerializer(serializers.Serializer):
    document = serializers.IntegerField()
    extraction = ExtractionOutputSerializer()
    extraction_url = serializers.CharField()


class ExtractionRunOutputSerializer(serializers.Serializer):
    extraction = ExtractionOutputSerializer()
    proposals = ProposalOutputSerializer(many=True)


REJECT_EXAMPLES = [OpenApiExample("No body needed", value={}, request_only=True)]


class AcceptedOutputSerializer(serializers.Serializer):
    claim = serializers.IntegerField()
    proposal = ProposalOutputSerializer()


INGEST_EXAMPLES = [
    OpenApiExample(
        "Pasted text",
        value={
            "title": "Ferry capsizes off the islands",
            "url": "https://news.example/2026/11/ferry",
            "outlet": 3,
            "body": "Ferry capsizes off the islands\nThe coast guard said 96 survivors were pulled "
            "from the water, while the port authority put the number at 90.\n",
        },
        request_only=True,
    ),
    OpenApiExample(
        "Queued",
        value={
            "document": 41,
            "extraction": {
                "document": 41,
                "status": "pending",
                "finished": False,
                "started_at": None,
                "finished_at": None,
                "error": "",
                "proposals_found": 0,
            },
            "extraction_url": "/api/v1/documents/41/extraction/",
        },
        response_only=True,
        status_codes=["202"],
    ),
]
ACCEPT_EXAMPLES = [
    OpenApiExample("A new claim", value={}, request_only=True),
    OpenApiExample("A new claim under an event", value={"event": 7}, request_only=True),
    OpenApiExample(
        "Another source of a claim the tracker holds", value={"existing_claim": 118}, request_only=True
    ),
    OpenApiExample("A denial of a claim the tracker holds", value={"denied_claim": 118}, request_only=True),
]
EDIT_EXAMPLES = [
    OpenApiExample(
        "Credit the figure to an existing source and narrow the excerpt",
        value={"source": 12, "value_low": 52, "qualifier": "exact", "excerpt_start": 120, "excerpt_end": 161},
        request_only=True,
    )
]
