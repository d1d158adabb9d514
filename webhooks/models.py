"""Webhook endpoints, the events announced to them and each delivery's log.

An event is written once (its JSON body fixed, so every retry and manual
redelivery sends the very same bytes) and delivered to each endpoint that
subscribed to its type, one WebhookDelivery per (endpoint, event).
"""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse

from core import events
from core.models import TimeStampedModel


class EventType(models.TextChoices):
    CLAIM_CREATED = events.CLAIM_CREATED, "A claim was recorded"
    CLAIM_STATUS_CHANGED = events.CLAIM_STATUS_CHANGED, "A claim's verification status changed"
    FLAG_RAISED = events.FLAG_RAISED, "A conflict flag was raised"
    FLAG_RESOLVED = events.FLAG_RESOLVED, "A conflict flag was resolved"
    FLAG_DISMISSED = events.FLAG_DISMISSED, "A conflict flag was dismissed"
    DISPUTE_REOPENED = events.DISPUTE_REOPENED, "A closed conflict was re-opened"
    DOCUMENT_INGESTED = events.DOCUMENT_INGESTED, "A document was stored"
    PROPOSAL_ACCEPTED = events.PROPOSAL_ACCEPTED, "A proposed claim was accepted"


class WebhookEndpoint(TimeStampedModel):
    """A URL of a newsroom's tool that wants to hear about some event types."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="webhook_endpoints"
    )
    url = models.URLField(max_length=500)
    description = models.CharField(max_length=200, blank=True)
    # Kept as given: the HMAC needs the secret itself, not a hash of it. It is
    # shown once, when the endpoint is created, and never by the API again.
    secret = models.CharField(max_length=200)
    event_types = models.JSONField(default=list)
    is_active = models.BooleanField(default=True)
    # Failed attempts in a row; a success sets it back to 0. At
    # WEBHOOK_DISABLE_AFTER_FAILURES the endpoint is switched off.
    consecutive_failures = models.PositiveIntegerField(default=0)
    disabled_at = models.DateTimeField(null=True, blank=True)
    disabled_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        permissions = [("manage_webhookendpoint", "Can register and manage webhook endpoints")]

    def __str__(self) -> str:
        return self.url

    def get_absolute_url(self) -> str:
        return reverse("webhooks:endpoint-detail", kwargs={"pk": self.pk})

    @property
    def secret_hint(self) -> str:
        return f"{self.secret[:9]}…"


class WebhookEvent(models.Model):
    """Something that happened, as announced: its id is the idempotency key a
    receiver uses to ignore a delivery it has already processed."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    event_type = models.CharField(max_length=40, choices=EventType.choices, db_index=True)
    body = models.TextField(help_text="The JSON body, exactly as sent and signed.")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.event_type} {self.id}"


class WebhookDelivery(TimeStampedModel):
    """One event on its way to one endpoint, with the outcome of its last attempt."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to be sent"
        SENDING = "sending", "Being sent"
        SUCCEEDED = "succeeded", "Delivered"
        FAILED = "failed", "Gave up"

    endpoint = models.ForeignKey(WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries")
    event = models.ForeignKey(WebhookEvent, on_delete=models.CASCADE, related_name="deliveries")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    # While sending: the moment after which another worker may take the
    # delivery over (the first one died mid-request).
    locked_until = models.DateTimeField(null=True, blank=True)
    last_status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    last_latency_ms = models.PositiveIntegerField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["endpoint", "event"], name="webhook_delivery_once_per_endpoint"),
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="webhook_delivery_due")]

    def __str__(self) -> str:
        return f"{self.event_id} → {self.endpoint_id} ({self.status})"


class WebhookAttempt(models.Model):
    """One HTTP request made for a delivery: the delivery log's lines."""

    delivery = models.ForeignKey(WebhookDelivery, on_delete=models.CASCADE, related_name="attempt_log")
    number = models.PositiveIntegerField()
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    latency_ms = models.PositiveIntegerField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)
    succeeded = models.BooleanField(default=False)
    manual = models.BooleanField(default=False, help_text="Asked for with the redeliver button.")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"attempt {self.number} of delivery {self.delivery_id}"
