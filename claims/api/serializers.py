"""Claims, events, attributions, relations, flags and history over the API.

Input serializers check the shape of a request (types, choices, ranges); the
services check everything that needs the database or several fields at once
(low above high, an excerpt outside its document, duplicates). Output
serializers only render what the selectors prefetched.
"""

from django.contrib.auth import get_user_model
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from claims.api.fast import claim_representation, flag_representation
from claims.models import Attribution, AuditEntry, Claim, ClaimRelation, ConflictFlag, Event
from claims.origins import claim_origin_summary, claims_origin_summaries_attach
from claims.selectors import claim_relation_briefs
from core.api import OutputSerializer, StrictCharField, StrictPrimaryKeyRelatedField
from core.api_input import InputSerializer
from sources.api.serializers import SourceBriefSerializer
from sources.models import Document, Source

# The largest values the database columns hold.
MAX_BIG = 2**63 - 1
MAX_OFFSET = 2**31 - 1


class EventOutputSerializer(OutputSerializer):
    claim_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Event
        fields = [
            "id",
            "title",
            "start_date",
            "end_date",
            "place",
            "description",
            "claim_count",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class EventInputSerializer(InputSerializer):
    title = serializers.CharField(max_length=300)
    start_date = serializers.DateField(required=False, allow_null=True)
    end_date = serializers.DateField(required=False, allow_null=True)
    place = serializers.CharField(max_length=200, required=False, allow_blank=True)
    description = serializers.CharField(
        max_length=20000, required=False, allow_blank=True, help_text="Rich text; sanitised on save."
    )


class EventMergeSerializer(InputSerializer):
    into = StrictPrimaryKeyRelatedField(
        queryset=Event.objects.all(), help_text="The id of the event to keep; this event's claims move to it."
    )
    reason = serializers.CharField(
        max_length=2000, required=False, allow_blank=True, default="", help_text="Why, for the history."
    )


class EventDeleteSerializer(InputSerializer):
    ungroup_claims = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Delete the event even though claims are filed under it; they stay, ungrouped.",
    )


class DocumentBriefSerializer(OutputSerializer):
    class Meta:
        model = Document
        fields = ["id", "title", "url", "published_at"]
        read_only_fields = fields


class AttributionOutputSerializer(OutputSerializer):
    source = SourceBriefSerializer(read_only=True)
    document = DocumentBriefSerializer(read_only=True, allow_null=True)
    relayed_by = SourceBriefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Attribution
        fields = [
            "id",
            "claim",
            "source",
            "document",
            "excerpt",
            "excerpt_start",
            "excerpt_end",
            "form",
            "reporting_verb",
            "relayed_by",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class AttributionFieldsSerializer(InputSerializer):
    """An attribution without its claim: nested in a new claim, or with `claim` below."""

    source = StrictPrimaryKeyRelatedField(queryset=Source.objects.all(), help_text="Id of the source.")
    document = StrictPrimaryKeyRelatedField(
        queryset=Document.objects.all(), required=False, allow_null=True, help_text="Id of the document."
    )
    excerpt = serializers.CharField(
        required=False,
        allow_blank=True,
        trim_whitespace=False,
        max_length=20000,
        help_text="The words verbatim. Without offsets, they are looked up in the document.",
    )
    excerpt_start = serializers.IntegerField(
        required=False, allow_null=True, min_value=0, max_value=MAX_OFFSET
    )
    excerpt_end = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=MAX_OFFSET)
    form = serializers.ChoiceField(choices=Attribution.Form.choices, required=False)
    reporting_verb = serializers.CharField(max_length=50, required=False, allow_blank=True)
    relayed_by = StrictPrimaryKeyRelatedField(
        queryset=Source.objects.all(), required=False, allow_null=True, help_text="Who passed the claim on."
    )


class AttributionInputSerializer(AttributionFieldsSerializer):
    claim = StrictPrimaryKeyRelatedField(queryset=Claim.objects.all(), help_text="Id of the claim.")


class RelationBriefSerializer(serializers.Serializer):
    """A relation as seen from one claim."""

    id = serializers.IntegerField()
    relation_type = serializers.ChoiceField(choices=ClaimRelation.Type.choices)
    direction = serializers.ChoiceField(
        choices=[("outgoing", "outgoing"), ("incoming", "incoming")],
        help_text="outgoing: this claim is the relation's from_claim.",
    )
    other_claim = serializers.IntegerField(help_text="Id of the claim at the other end.")
    origin = serializers.ChoiceField(choices=ClaimRelation.Origin.choices)


class OriginSerializer(serializers.Serializer):
    """One independent origin: a non-party source, or one side's parties together."""

    name = serializers.CharField(
        help_text='e.g. "Syrian government and allies (party: Russian Ministry of Defence)".'
    )
    is_party = serializers.BooleanField()
    sources = serializers.ListField(
        child=serializers.CharField(), help_text="The speakers behind this origin."
    )
    republished_by = serializers.ListField(
        child=serializers.CharField(),
        help_text="Sources shown to print the same text word for word (their excerpts share a passage of 12 "
        "or more words in a row with this origin's, in another recorded document): they repeat this origin "
        "and count as no origin of their own.",
    )
    may_repeat = serializers.ListField(
        child=serializers.CharField(),
        help_text="Sources that may repeat this origin's text: their excerpts share such a passage with it, "
        "but a document was not recorded, so copy is possible, not shown. They count as no origin of their "
        "own either.",
    )


class OriginSummarySerializer(serializers.Serializer):
    """Who the claim really comes from (docs/model.md, "Independent origins")."""

    count = serializers.IntegerField(
        help_text="Independent origins: speakers of the claim and of claims corroborating it; relays "
        "ignored; parties on one side count once; sources printing one text count once."
    )
    party_only = serializers.BooleanField(
        help_text="Every origin is a party to the conflict: credibility stays at 3 or worse."
    )
    suggest_corroborated = serializers.BooleanField(
        help_text="Two or more independent origins, at least one not a party: the status 'corroborated' "
        "is suggested for an editor to accept."
    )
    origins = OriginSerializer(many=True)


class ClaimListSerializer(serializers.ListSerializer):
    """A page of claims: their origins are worked out in one query for the
    whole page (claims/origins.py), then each claim renders on its own."""

    def to_representation(self, data):
        claims = list(data.all() if hasattr(data, "all") else data)
        return super().to_representation(claims_origin_summaries_attach(claims))


class ClaimOutputSerializer(OutputSerializer):
    attributions = AttributionOutputSerializer(many=True, read_only=True)
    relations = serializers.SerializerMethodField()
    origins = serializers.SerializerMethodField()
    open_flag_count = serializers.IntegerField(
        read_only=True,
        help_text="Conflict flags on this claim still awaiting a decision (open or acknowledged).",
    )
    created_by = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)
    figure_display = serializers.CharField(read_only=True)
    qualifier = serializers.ChoiceField(
        choices=Claim.Qualifier.choices, allow_blank=True, read_only=True, help_text="Empty unless a figure."
    )

    class Meta:
        model = Claim
        fields = [
            "id",
            "text",
            "kind",
            "event",
            "quantity_subject",
            "value_low",
            "value_high",
            "qualifier",
            "figure_display",
            "place",
            "occurred_on",
            "status",
            "credibility",
            "responsible_party",
            "open_flag_count",
            "attributions",
            "relations",
            "origins",
            "created_by",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields
        list_serializer_class = ClaimListSerializer

    # What changes the fields a PATCH does not take (named in its 400).
    changed_through = {
        "status": "POST /api/v1/claims/{id}/status/ (with a reason)",
        "attributions": "POST /api/v1/attributions/ and DELETE /api/v1/attributions/{id}/",
        "relations": "POST /api/v1/relations/ and DELETE /api/v1/relations/{id}/",
        "open_flag_count": "the flags' actions, POST /api/v1/flags/{id}/resolve/ or /dismiss/",
    }

    @extend_schema_field(OriginSummarySerializer)
    def get_origins(self, claim) -> dict:
        # A list works out its page's origins at once (ClaimListSerializer).
        return claim_origin_summary(claim).as_dict()

    @extend_schema_field(RelationBriefSerializer(many=True))
    def get_relations(self, claim) -> list[dict]:
        # The same rows the claim page shows (claims.selectors.claim_relations).
        return claim_relation_briefs(claim)

    def to_representation(self, claim):
        # The same JSON as DRF's per-field rendering, built directly (claims/api/fast.py).
        return claim_representation(self, claim)


class ClaimInputSerializer(InputSerializer):
    text = serializers.CharField(max_length=5000, help_text="The claim as reported, in one sentence.")
    kind = serializers.ChoiceField(choices=Claim.Kind.choices, required=False)
    event = StrictPrimaryKeyRelatedField(queryset=Event.objects.all(), required=False, allow_null=True)
    quantity_subject = serializers.CharField(max_length=200, required=False, allow_blank=True)
    value_low = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=MAX_BIG)
    value_high = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=MAX_BIG)
    qualifier = serializers.ChoiceField(choices=Claim.Qualifier.choices, required=False, allow_blank=True)
    place = serializers.CharField(max_length=200, required=False, allow_blank=True)
    occurred_on = serializers.DateField(required=False, allow_null=True)
    credibility = serializers.ChoiceField(choices=Claim.Credibility.choices, required=False)
    responsible_party = StrictCharField(
        max_length=200,
        required=False,
        allow_blank=True,
        help_text="Who the claim says did it, e.g. 'Russian air force'. Compared by the contested-responsibility rule.",
    )


class ClaimCreateSerializer(ClaimInputSerializer):
    attributions = AttributionFieldsSerializer(many=True, required=False, max_length=100)


class ClaimStatusSerializer(InputSerializer):
    status = serializers.ChoiceField(choices=Claim.Status.choices)
    reason = serializers.CharField(max_length=5000, help_text="Why the status changes; kept in the history.")


class RelationOutputSerializer(OutputSerializer):
    created_by = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)

    class Meta:
        model = ClaimRelation
        fields = [
            "id",
            "from_claim",
            "to_claim",
            "relation_type",
            "origin",
            "rationale",
            "created_by",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class RelationInputSerializer(InputSerializer):
    from_claim = StrictPrimaryKeyRelatedField(queryset=Claim.objects.all())
    to_claim = StrictPrimaryKeyRelatedField(queryset=Claim.objects.all())
    relation_type = serializers.ChoiceField(choices=ClaimRelation.Type.choices)
    rationale = serializers.CharField(max_length=5000, required=False, allow_blank=True)


class ClaimBriefSerializer(OutputSerializer):
    class Meta:
        model = Claim
        fields = ["id", "text", "status"]
        read_only_fields = fields


class FlagOutputSerializer(OutputSerializer):
    claim_a = ClaimBriefSerializer(read_only=True)
    claim_b = ClaimBriefSerializer(read_only=True, allow_null=True)
    assignee = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)
    resolved_by = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)

    class Meta:
        model = ConflictFlag
        fields = [
            "id",
            "rule",
            "claim_a",
            "claim_b",
            "severity",
            "explanation",
            "status",
            "assignee",
            "resolution_note",
            "resolved_by",
            "resolved_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def to_representation(self, flag):
        # The same JSON as DRF's per-field rendering, built directly (claims/api/fast.py).
        return flag_representation(self, flag)


class FlagNoteSerializer(InputSerializer):
    note = serializers.CharField(max_length=5000, required=False, allow_blank=True)


class FlagAssignSerializer(InputSerializer):
    assignee = serializers.SlugRelatedField(
        slug_field="username",
        queryset=get_user_model().objects.filter(is_active=True),
        allow_null=True,
        help_text="Username to give the flag to, or null to unassign.",
    )
    note = serializers.CharField(max_length=5000, required=False, allow_blank=True)

    def validate_assignee(self, user):
        # Same rule as the web UI's assignee list: only people who can act on conflicts.
        if user is not None and not user.has_perm("claims.triage_conflictflag"):
            raise serializers.ValidationError("This person's role cannot act on conflicts.")
        return user


class FlagResolveSerializer(InputSerializer):
    note = serializers.CharField(max_length=5000, help_text="How the conflict was resolved.")
    mark_claim_id = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=MAX_BIG, help_text="One of the flag's claims."
    )
    mark_status = serializers.ChoiceField(
        choices=[(Claim.Status.DISPUTED, "Disputed"), (Claim.Status.FALSE, "False")], required=False
    )

    def validate(self, attrs):
        # A status with no claim to put it on was dropped without a word: the
        # flag resolved and both claims kept their status.
        if "mark_status" in attrs and attrs.get("mark_claim_id") is None:
            raise serializers.ValidationError(
                {"mark_claim_id": ["Name the claim to mark (mark_status alone changes nothing)."]}
            )
        return attrs


class FlagDismissSerializer(InputSerializer):
    reason = serializers.CharField(max_length=5000, help_text="Why this is not a real conflict.")


class AuditEntryOutputSerializer(OutputSerializer):
    actor = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True, help_text="Null when the system acted."
    )

    class Meta:
        model = AuditEntry
        fields = ["id", "claim", "flag", "action", "object_type", "object_id", "related_type", "related_id"]
        fields += ["from_value", "to_value", "changes", "actor", "reason", "created_at"]
        read_only_fields = fields
