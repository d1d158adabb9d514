"""A user's own API tokens: create (the token is shown once), list, revoke."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from accounts import services
from accounts.models import ApiToken
from core.api_input import record_context
from core.idempotency import IdempotentPosts

from .serializers import (
    TOKEN_EXAMPLES,
    ApiTokenCreatedSerializer,
    ApiTokenInputSerializer,
    ApiTokenOutputSerializer,
)


@extend_schema_view(
    list=extend_schema(summary="Your API tokens", description="Revoked tokens stay listed, with revoked_at."),
    retrieve=extend_schema(summary="One of your API tokens"),
)
class ApiTokenViewSet(
    IdempotentPosts, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Every signed-in user manages their own tokens; nobody sees anyone else's."""

    serializer_class = ApiTokenOutputSerializer
    permission_classes = [permissions.IsAuthenticated]
    filter_backends = []
    http_method_names = ["get", "post", "delete", "head", "options"]
    lookup_value_regex = "[0-9]+"

    queryset = ApiToken.objects.none()  # for the schema; get_queryset gives the user's own
    # A retried create replays the token itself, stored sealed (core/idempotency.py).
    idempotency_sealed_fields = ("token",)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return ApiToken.objects.filter(user=self.request.user)

    @extend_schema(
        summary="Create an API token",
        description="The response carries the token itself, once. Send it as `Authorization: Token <token>`.",
        request=ApiTokenInputSerializer,
        responses={201: ApiTokenCreatedSerializer},
        examples=TOKEN_EXAMPLES,
    )
    def create(self, request):
        if isinstance(request.auth, ApiToken):
            # A leaked token must not be able to mint a successor that
            # survives its revocation: new tokens come from a signed-in person.
            raise PermissionDenied("Create tokens from a signed-in session, not with another token.")
        serializer = ApiTokenInputSerializer(
            data=request.data, context=record_context(ApiTokenOutputSerializer)
        )
        serializer.is_valid(raise_exception=True)
        token, raw_token = services.api_token_create(
            user=request.user, name=serializer.validated_data["name"]
        )
        data = ApiTokenCreatedSerializer(token).data
        data["token"] = raw_token
        return Response(data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Revoke an API token",
        description="Scripts using it get 401 from now on.",
        responses={204: None},
    )
    def destroy(self, request, pk=None):
        token = self.get_object()
        services.api_token_revoke(token_id=token.pk, user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
