from django.db.models import Prefetch, QuerySet

from .models import WebhookAttempt, WebhookDelivery, WebhookEndpoint


def webhook_endpoints_for(*, user) -> QuerySet[WebhookEndpoint]:
    """An editor's own endpoints (others' secrets and logs are theirs)."""
    return WebhookEndpoint.objects.filter(owner=user)


def webhook_deliveries_for(*, endpoint: WebhookEndpoint) -> QuerySet[WebhookDelivery]:
    """The delivery log, newest first, with each delivery's attempts: two
    queries (three with the page count) whatever the page holds."""
    return (
        WebhookDelivery.objects.filter(endpoint=endpoint)
        .select_related("event")
        .prefetch_related(Prefetch("attempt_log", queryset=WebhookAttempt.objects.order_by("number")))
        .order_by("-created_at", "-id")
    )
