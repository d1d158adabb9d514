from drf_spectacular.utils import OpenApiExample
from rest_framework import serializers

from accounts.models import ApiToken
from core.api import OutputSerializer
from core.api_input import InputSerializer


class ApiTokenOutputSerializer(OutputSerializer):
    is_active = serializers.BooleanField(read_only=True)

    class Meta:
        model = ApiToken
        fields = ["id", "name", "key_start", "created_at", "last_used_at", "revoked_at", "is_active"]
        read_only_fields = fields


class ApiTokenCreatedSerializer(ApiTokenOutputSerializer):
    token = serializers.CharField(read_only=True, help_text="The token itself. Shown once: store it now.")

    class Meta(ApiTokenOutputSerializer.Meta):
        fields = ApiTokenOutputSerializer.Meta.fields + ["token"]
        read_only_fields = fields


class ApiTokenInputSerializer(InputSerializer):
    name = serializers.CharField(max_length=100, help_text="What will use the token, e.g. 'nightly sync'.")


TOKEN_EXAMPLES = [OpenApiExample("A script's token", value={"name": "nightly sync"}, request_only=True)]
