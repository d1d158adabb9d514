from django.conf import settings
from django.db import models
from django.db.models import Q

from core.models import TimeStampedModel


class Section(models.TextChoices):
    """The parts of a digest a reader can switch on or off, in the order they appear."""

    NEW_CLAIMS = "new_claims", "New claims"
    NEW_CONFLICTS = "new_conflicts", "New conflicts"
    OPEN_CONFLICTS = "open_conflicts", "Conflicts still open"
    RESOLVED_CONFLICTS = "resolved_conflicts", "Conflicts resolved"
    DISPUTED_SOURCES = "disputed_sources", "Sources with the most disputed claims"
    MY_FLAGS = "my_flags", "Flags assigned to you"


def section_field(section: str) -> str:
    """The DigestPreference field that switches `section` on or off."""
    return f"include_{section}"


class DigestPreference(TimeStampedModel):
    """What one person wants from the weekly digest.

    A user without a row gets the defaults: subscribed, every section, and a
    one-line digest even in a week with nothing new.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_preference"
    )
    subscribed = models.BooleanField(default=True, help_text="Receive the weekly digest email.")
    skip_empty_weeks = models.BooleanField(
        default=False,
        help_text="Send nothing in a week with no new claims, conflicts or resolutions.",
    )
    include_new_claims = models.BooleanField(default=True)
    include_new_conflicts = models.BooleanField(default=True)
    include_open_conflicts = models.BooleanField(default=True)
    include_resolved_conflicts = models.BooleanField(default=True)
    include_disputed_sources = models.BooleanField(default=True)
    include_my_flags = models.BooleanField(default=True)
    unsubscribed_at = models.DateTimeField(
        null=True, blank=True, help_text="When the reader last unsubscribed (link or settings)."
    )

    class Meta:
        ordering = ["user_id"]

    def __str__(self) -> str:
        state = "subscribed" if self.subscribed else "unsubscribed"
        return f"Digest preferences of user #{self.user_id} ({state})"

    @property
    def sections(self) -> list[str]:
        """The sections this reader wants, in digest order."""
        return [section.value for section in Section if getattr(self, section_field(section))]


class DigestDelivery(TimeStampedModel):
    """One person's digest for one ISO week: the record that makes sending exactly-once.

    The row is created before anything is sent, under a unique constraint on
    (user, week), and a sender only goes on after moving it from pending (or
    failed, for a retry) to sending in a single conditional UPDATE. A second
    task for the same person and week finds the row already sending or sent
    and stops.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"
        SKIPPED = "skipped", "Skipped"

    # A sender may claim a row in these states; SENT and SKIPPED are final,
    # SENDING belongs to whoever claimed it.
    CLAIMABLE_STATUSES = (Status.PENDING, Status.FAILED)

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_deliveries"
    )
    week = models.CharField(max_length=8, help_text='The ISO week covered, e.g. "2024-W48".')
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    subject = models.CharField(max_length=300, blank=True)
    skip_reason = models.CharField(max_length=200, blank=True)
    last_error = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-week", "user_id"]
        verbose_name_plural = "digest deliveries"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "week"],
                name="digest_delivery_once_per_user_week",
                violation_error_message="This person already has a digest for this week.",
            ),
            models.CheckConstraint(
                condition=~Q(status="sent") | Q(sent_at__isnull=False),
                name="digest_delivery_sent_has_time",
                violation_error_message="A sent digest records when it was sent.",
            ),
        ]

    def __str__(self) -> str:
        return f"Digest {self.week} for user #{self.user_id}: {self.status}"
