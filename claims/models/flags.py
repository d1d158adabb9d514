"""Conflict flags: claims the tracker found at odds with each other."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from core.models import TimeStampedModel
from core.url_cache import reverse_row

from .claims import Claim


class ConflictFlag(TimeStampedModel):
    """A conflict between claims, raised by a detection rule for editors."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        ACKNOWLEDGED = "acknowledged", "Acknowledged"
        RESOLVED = "resolved", "Resolved"
        DISMISSED = "dismissed", "Dismissed"

    ACTIVE_STATUSES = (Status.OPEN, Status.ACKNOWLEDGED)
    CLOSED_STATUSES = (Status.RESOLVED, Status.DISMISSED)

    class Severity(models.IntegerChoices):
        LOW = 10, "Low"
        MEDIUM = 20, "Medium"
        HIGH = 30, "High"
        CRITICAL = 40, "Critical"

    class Rule(models.TextChoices):
        """The rule codes a flag may carry. The rules themselves live in
        detection/rules/ (detection.rules.Rule is this class); the codes live
        here, with the column that stores them, because claims may not import
        detection. A new rule adds its code here first."""

        FIGURE_MISMATCH = "figure_mismatch", "Figure mismatch"
        FRAMING_CONFLICT = "framing_conflict", "Framing conflict"
        TERRITORIAL_CONTROL = "territorial_control", "Territorial control"
        PARTY_ONLY_SOURCING = "party_only_sourcing", "Party only sourcing"
        VERIFIED_CONTRADICTION = "verified_contradiction", "Verified contradiction"
        EDITOR_CONTRADICTION = "editor_contradiction", "Editor contradiction"
        # The disagreement rules (detection/rules/disagreement.py).
        VICTIM_STATUS = "victim_status", "Victim status"
        CONTESTED_RESPONSIBILITY = "contested_responsibility", "Contested responsibility"
        DENIAL = "denial", "Denial"
        ATTRIBUTION_BALANCE = "attribution_balance", "Attribution balance"

    rule = models.CharField(
        max_length=50, choices=Rule.choices, db_index=True, help_text="The rule that raised it."
    )
    # The claims involved, lower id first; single-claim rules leave claim_b empty.
    claim_a = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="flags_as_a")
    claim_b = models.ForeignKey(
        Claim, null=True, blank=True, on_delete=models.CASCADE, related_name="flags_as_b"
    )
    severity = models.PositiveSmallIntegerField(
        choices=Severity.choices, default=Severity.MEDIUM, db_index=True
    )
    explanation = models.CharField(max_length=500)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN, db_index=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_flags",
    )
    resolution_note = models.TextField(blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-severity", "created_at", "id"]
        permissions = [("triage_conflictflag", "Can acknowledge, assign, resolve and dismiss conflict flags")]
        indexes = [
            models.Index(fields=["status", "-severity", "created_at"], name="flag_queue"),
            # The default order (most severe, then oldest): lets a page of the
            # whole list be read in order instead of sorting every flag.
            models.Index(fields=["-severity", "created_at", "id"], name="flag_default_order"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(claim_b__isnull=True) | Q(claim_a__lt=F("claim_b")),
                name="flag_claims_ordered",
                violation_error_message="A flag's claims are stored lower id first and must differ.",
            ),
            models.UniqueConstraint(
                fields=["rule", "claim_a", "claim_b"],
                name="flag_unique_rule_pair",
                violation_error_message="This rule has already flagged these claims.",
            ),
            models.UniqueConstraint(
                fields=["rule", "claim_a"],
                condition=Q(claim_b__isnull=True),
                name="flag_unique_rule_single",
                violation_error_message="This rule has already flagged this claim.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_rule_display_name()}: {self.explanation}"

    def get_absolute_url(self) -> str:
        return reverse_row("claims:flag-detail", value=self.pk)

    def get_rule_display_name(self) -> str:
        # A code from before a rule was renamed has no label: show it as words.
        return (
            self.get_rule_display()
            if self.rule in self.Rule.values
            else self.rule.replace("_", " ").capitalize()
        )

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE_STATUSES

    @property
    def claim_ids(self) -> list[int]:
        return [pk for pk in (self.claim_a_id, self.claim_b_id) if pk is not None]
