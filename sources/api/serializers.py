"""Input serializers check the shape of a request; the services do the rest.
Output serializers render what the selectors fetched (no queries of their own)."""

from drf_spectacular.utils import OpenApiExample
from rest_framework import serializers

from core.api import OutputSerializer, StrictPrimaryKeyRelatedField
from core.api_input import InputSerializer
from sources.models import Document, Source


class SourceBriefSerializer(OutputSerializer):
    class Meta:
        model = Source
        fields = ["id", "slug", "name", "kind", "affiliation", "side", "reliability"]
        read_only_fields = fields


class SourceOutputSerializer(OutputSerializer):
    reliability_set_by = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)
    attribution_count = serializers.IntegerField(read_only=True, help_text="Attributions crediting it.")

    class Meta:
        model = Source
        fields = [
            "id",
            "slug",
            "name",
            "aliases",
            "kind",
            "affiliation",
            "side",
            "country",
            "reliability",
            "reliability_reason",
            "reliability_set_by",
            "reliability_set_at",
            "notes",
            "url",
            "attribution_count",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    # What changes the fields a PATCH does not take (named in its 400).
    changed_through = dict.fromkeys(
        ("reliability", "reliability_reason", "reliability_set_by", "reliability_set_at"),
        "POST /api/v1/sources/{id}/reliability/ (with a reason)",
    )


class SourceInputSerializer(InputSerializer):
    name = serializers.CharField(max_length=200)
    kind = serializers.ChoiceField(choices=Source.Kind.choices)
    affiliation = serializers.ChoiceField(choices=Source.Affiliation.choices, required=False)
    side = serializers.CharField(max_length=120, required=False, allow_blank=True)
    country = serializers.CharField(max_length=100, required=False, allow_blank=True)
    reliability = serializers.ChoiceField(choices=Source.Reliability.choices, required=False)
    reliability_reason = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    notes = serializers.CharField(
        required=False, allow_blank=True, max_length=20000, help_text="Rich text; sanitised on save."
    )
    url = serializers.URLField(max_length=500, required=False, allow_blank=True)
    aliases = serializers.ListField(
        child=serializers.CharField(max_length=200), required=False, max_length=50
    )


class SourceUpdateSerializer(SourceInputSerializer):
    """Descriptive fields only; the reliability grade has its own action."""

    reliability = None
    reliability_reason = None


class SourceReliabilitySerializer(InputSerializer):
    reliability = serializers.ChoiceField(choices=Source.Reliability.choices)
    reason = serializers.CharField(max_length=5000, help_text="Why the source gets this grade.")


class DocumentOutputSerializer(OutputSerializer):
    outlet = SourceBriefSerializer(read_only=True, allow_null=True)
    created_by = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)

    class Meta:
        model = Document
        fields = [
            "id",
            "title",
            "url",
            "outlet",
            "published_at",
            "retrieved_at",
            "body",
            "content_hash",
            "version",
            "previous_version",
            "is_latest",
            "created_by",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    changed_through = dict.fromkeys(
        ("version", "previous_version", "is_latest"), "POST /api/v1/documents/{id}/versions/ (a new version)"
    )


class DocumentInputSerializer(InputSerializer):
    title = serializers.CharField(max_length=300)
    body = serializers.CharField(max_length=1_000_000, trim_whitespace=False)
    url = serializers.URLField(max_length=500, required=False, allow_blank=True)
    outlet = StrictPrimaryKeyRelatedField(
        queryset=Source.objects.all(),
        required=False,
        allow_null=True,
        help_text="Id of the publishing source.",
    )
    published_at = serializers.DateTimeField(required=False, allow_null=True)
    retrieved_at = serializers.DateTimeField(required=False, allow_null=True)


SOURCE_EXAMPLE = {
    "name": "Syrian Observatory for Human Rights",
    "kind": "ngo_monitor",
    "affiliation": "independent",
    "country": "United Kingdom",
    "aliases": ["SOHR", "the Observatory"],
    "notes": "<p>Monitor relying on a network of contacts on the ground.</p>",
}
SOURCE_EXAMPLES = [OpenApiExample("A monitoring group", value=SOURCE_EXAMPLE, request_only=True)]
SOURCE_RELIABILITY_EXAMPLES = [
    OpenApiExample(
        "Grade a source",
        value={"reliability": "B", "reason": "Figures matched later UN counts in past offensives."},
        request_only=True,
    )
]
DOCUMENT_EXAMPLES = [
    OpenApiExample(
        "A wire report",
        value={
            "title": "Strikes reported on supply routes north of the city",
            "url": "https://wire.example/2015/10/strikes-supply-routes",
            "outlet": 3,
            "published_at": "2015-10-17T09:30:00Z",
            "body": "The defence ministry said its aircraft hit 40 targets overnight. ...",
        },
        request_only=True,
    )
]
