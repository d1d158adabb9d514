from drf_spectacular.utils import OpenApiExample
from rest_framework import serializers

from core.api import OutputSerializer
from core.api_input import InputSerializer
from webhooks.models import EventType, WebhookAttempt, WebhookDelivery, WebhookEndpoint


class WebhookEndpointOutputSerializer(OutputSerializer):
    secret_hint = serializers.CharField(read_only=True, help_text="The secret's first characters.")
    event_types = serializers.ListField(
        child=serializers.ChoiceField(choices=EventType.choices), read_only=True
    )

    class Meta:
        model = WebhookEndpoint
        fields = [
            "id",
            "url",
            "description",
            "event_types",
            "is_active",
            "consecutive_failures",
            "disabled_at",
            "disabled_reason",
            "secret_hint",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    # What changes the fields a PATCH does not take (named in its 400).
    changed_through = {
        **dict.fromkeys(
            ("consecutive_failures", "disabled_at", "disabled_reason"),
            "the deliveries themselves; PATCH is_active: true switches a disabled endpoint back on",
        ),
        "secret_hint": "PATCH secret (the hint is its first characters)",
    }


class WebhookEndpointCreatedSerializer(WebhookEndpointOutputSerializer):
    secret = serializers.CharField(
        read_only=True, help_text="The signing secret. Shown once, now: store it in your receiver."
    )

    class Meta(WebhookEndpointOutputSerializer.Meta):
        fields = WebhookEndpointOutputSerializer.Meta.fields + ["secret"]
        read_only_fields = fields


class WebhookEndpointInputSerializer(InputSerializer):
    url = serializers.URLField(max_length=500, help_text="https, on a public address (docs/webhooks.md).")
    event_types = serializers.ListField(
        child=serializers.ChoiceField(choices=EventType.choices),
        allow_empty=False,
        min_length=1,
        max_length=20,
    )
    secret = serializers.CharField(
        max_length=200,
        required=False,
        allow_blank=True,
        help_text="At least 16 characters; empty: one is made.",
    )
    description = serializers.CharField(max_length=200, required=False, allow_blank=True)


class WebhookEndpointUpdateSerializer(InputSerializer):
    url = serializers.URLField(max_length=500, required=False)
    event_types = serializers.ListField(
        child=serializers.ChoiceField(choices=EventType.choices),
        allow_empty=False,
        min_length=1,
        max_length=20,
        required=False,
    )
    secret = serializers.CharField(max_length=200, required=False, allow_blank=True)
    description = serializers.CharField(max_length=200, required=False, allow_blank=True)
    is_active = serializers.BooleanField(
        required=False, help_text="true switches a disabled endpoint back on."
    )


class WebhookAttemptOutputSerializer(OutputSerializer):
    class Meta:
        model = WebhookAttempt
        fields = ["number", "status_code", "latency_ms", "error", "succeeded", "manual", "created_at"]
        read_only_fields = fields


class WebhookDeliveryOutputSerializer(OutputSerializer):
    event_id = serializers.UUIDField(source="event.id", read_only=True, help_text="The idempotency key.")
    event_type = serializers.CharField(source="event.event_type", read_only=True)
    attempt_log = WebhookAttemptOutputSerializer(many=True, read_only=True)

    class Meta:
        model = WebhookDelivery
        fields = [
            "id",
            "event_id",
            "event_type",
            "status",
            "attempts",
            "last_status_code",
            "last_latency_ms",
            "last_error",
            "next_attempt_at",
            "delivered_at",
            "created_at",
            "attempt_log",
        ]
        read_only_fields = fields


ENDPOINT_EXAMPLES = [
    OpenApiExample(
        "A chat bot hearing about conflicts",
        value={
            "url": "https://bots.example.org/claimtrack",
            "event_types": ["flag.raised", "flag.resolved", "dispute.reopened"],
            "description": "Desk chat channel",
        },
        request_only=True,
    )
]

ENDPOINT_UPDATE_EXAMPLES = [
    OpenApiExample("Switch a disabled endpoint back on", value={"is_active": True}, request_only=True),
    OpenApiExample(
        "Hear about documents too",
        value={"event_types": ["flag.raised", "flag.resolved", "document.ingested"]},
        request_only=True,
    ),
]
