"""In-app notifications, what people follow, and their alert-email choice."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from core.models import TimeStampedModel


class Notification(TimeStampedModel):
    """One thing one person should know about, shown under the bell."""

    class Kind(models.TextChoices):
        FLAG_ASSIGNED = "flag_assigned", "A flag was assigned to you"
        FOLLOWED_FLAG = "followed_flag", "A high or critical flag on something you follow"
        CLAIM_DISPUTED = "claim_disputed", "A claim you recorded was disputed"
        CLAIM_RESOLVED = "claim_resolved", "A conflict on a claim you recorded was closed"
        PROPOSALS_READY = "proposals_ready", "Proposed claims are ready for review"
        WEBHOOK_DISABLED = "webhook_disabled", "Your webhook was switched off"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    message = models.CharField(max_length=500)
    url = models.CharField(max_length=300, blank=True, help_text="The page the notification is about.")
    flag = models.ForeignKey(
        "claims.ConflictFlag", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # A critical flag: what the immediate alert email is about.
    critical = models.BooleanField(default=False)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["user", "read_at"], name="notification_unread"),
            models.Index(
                fields=["user"],
                condition=Q(critical=True, emailed_at__isnull=True),
                name="notification_to_email",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.message[:60]}"


class Follow(TimeStampedModel):
    """Someone follows an event or a source: its high and critical flags notify them."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows")
    event = models.ForeignKey(
        "claims.Event", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    source = models.ForeignKey(
        "sources.Source", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(event__isnull=False, source__isnull=True)
                | Q(event__isnull=True, source__isnull=False),
                name="follow_one_thing",
            ),
            models.UniqueConstraint(
                fields=["user", "event"], condition=Q(event__isnull=False), name="follow_event_once"
            ),
            models.UniqueConstraint(
                fields=["user", "source"], condition=Q(source__isnull=False), name="follow_source_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} follows {'event ' + str(self.event_id) if self.event_id else 'source ' + str(self.source_id)}"


class AlertPreference(TimeStampedModel):
    """Whether someone wants an email at once about critical flags (off unless
    they ask), and when the last one went, for the rate limit."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="alert_preference"
    )
    email_critical = models.BooleanField(default=False, help_text="Email me at once about critical flags.")
    last_email_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["user_id"]

    def __str__(self) -> str:
        return f"Alert preference of user #{self.user_id}"
