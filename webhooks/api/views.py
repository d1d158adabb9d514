"""Webhook endpoints over the API: each editor manages their own."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response

from core.api import RolePermission
from core.api_input import EMPTY_BODY, EmptyInputSerializer, record_context
from core.viewsets import ServiceViewSet
from webhooks import selectors, services
from webhooks.models import WebhookEndpoint

from .serializers import (
    ENDPOINT_EXAMPLES,
    ENDPOINT_UPDATE_EXAMPLES,
    WebhookDeliveryOutputSerializer,
    WebhookEndpointCreatedSerializer,
    WebhookEndpointInputSerializer,
    WebhookEndpointOutputSerializer,
    WebhookEndpointUpdateSerializer,
)

MANAGE = ["webhooks.manage_webhookendpoint"]


@extend_schema_view(
    list=extend_schema(summary="Your webhook endpoints"),
    retrieve=extend_schema(summary="One of your webhook endpoints"),
)
class WebhookEndpointViewSet(ServiceViewSet):
    """Editors register endpoints that receive signed events (docs/webhooks.md).
    Like the records, an endpoint's answer carries an ETag and a PATCH or
    DELETE with If-Match naming an older version is a 412 (core/viewsets.py)."""

    serializer_class = WebhookEndpointOutputSerializer
    permission_classes = [RolePermission]
    required_permissions = {
        "list": MANAGE,
        "retrieve": MANAGE,
        "create": MANAGE,
        "partial_update": MANAGE,
        "destroy": MANAGE,
        "deliveries": MANAGE,
        "redeliver": MANAGE,
    }
    filter_backends = []
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    lookup_value_regex = "[0-9]+"
    queryset = WebhookEndpoint.objects.none()
    idempotency_sealed_fields = ("secret",)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return selectors.webhook_endpoints_for(user=self.request.user)

    @extend_schema(
        summary="Register a webhook endpoint",
        description="The answer carries the signing `secret`, once.",
        request=WebhookEndpointInputSerializer,
        responses={201: WebhookEndpointCreatedSerializer},
        examples=ENDPOINT_EXAMPLES,
    )
    def create(self, request):
        serializer = WebhookEndpointInputSerializer(
            data=request.data, context=record_context(WebhookEndpointOutputSerializer)
        )
        serializer.is_valid(raise_exception=True)
        endpoint = services.webhook_endpoint_create(user=request.user, **serializer.validated_data)
        data = WebhookEndpointCreatedSerializer(endpoint).data
        data["secret"] = endpoint.secret
        return Response(data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Change a webhook endpoint",
        description="`is_active: true` switches a disabled endpoint back on and sends what waited.",
        request=WebhookEndpointUpdateSerializer,
        responses={200: WebhookEndpointOutputSerializer},
        examples=ENDPOINT_UPDATE_EXAMPLES,
    )
    def partial_update(self, request, pk=None):
        endpoint = self.get_object()
        serializer = WebhookEndpointUpdateSerializer(
            data=request.data, partial=True, context=record_context(WebhookEndpointOutputSerializer, endpoint)
        )
        serializer.is_valid(raise_exception=True)
        endpoint = services.webhook_endpoint_update(
            endpoint_id=endpoint.pk,
            user=request.user,
            unchanged_since=self.unchanged_since(),
            **serializer.validated_data,
        )
        return Response(WebhookEndpointOutputSerializer(endpoint).data)

    @extend_schema(summary="Delete a webhook endpoint and its delivery log", responses={204: None})
    def destroy(self, request, pk=None):
        endpoint = self.get_object()
        services.webhook_endpoint_delete(
            endpoint_id=endpoint.pk, user=request.user, unchanged_since=self.unchanged_since()
        )
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary="The endpoint's delivery log",
        description="Newest first: status, attempts, last response code and latency, and every attempt.",
        responses={200: WebhookDeliveryOutputSerializer(many=True)},
    )
    @action(detail=True, methods=["get"])
    def deliveries(self, request, pk=None):
        endpoint = self.get_object()
        page = self.paginate_queryset(selectors.webhook_deliveries_for(endpoint=endpoint))
        return self.get_paginated_response(WebhookDeliveryOutputSerializer(page, many=True).data)

    @extend_schema(
        summary="Send a delivery again",
        description="Same event id (idempotency key); the attempt is made by a worker at once. No body needed.",
        request=EMPTY_BODY,
        examples=[OpenApiExample("No body needed", value={}, request_only=True)],
        responses={202: WebhookDeliveryOutputSerializer},
    )
    @action(detail=True, methods=["post"], url_path=r"deliveries/(?P<delivery_pk>[0-9]+)/redeliver")
    def redeliver(self, request, pk=None, delivery_pk=None):
        endpoint = self.get_object()
        EmptyInputSerializer(data=request.data).is_valid(raise_exception=True)
        delivery = get_object_or_404(endpoint.deliveries, pk=delivery_pk)
        services.webhook_delivery_redeliver(delivery_id=delivery.pk, user=request.user)
        delivery = selectors.webhook_deliveries_for(endpoint=endpoint).get(pk=delivery.pk)
        return Response(WebhookDeliveryOutputSerializer(delivery).data, status=status.HTTP_202_ACCEPTED)
