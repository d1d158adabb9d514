"""Where each credited excerpt stands in later versions of its document."""

from django.db import models

from core.models import TimeStampedModel


class ExcerptAnchor(TimeStampedModel):
    """An attribution's excerpt, looked for in a newer version of its document."""

    class Status(models.TextChoices):
        EXACT = "exact", "Found word for word"
        FUZZY = "fuzzy", "Found, revised"
        ORPHANED = "orphaned", "Not found (orphaned)"

    class Change(models.TextChoices):
        NONE = "", "Unchanged"
        WORDING = "wording", "Wording changed"
        FIGURE = "figure", "Figure changed"
        REMOVED = "removed", "Removed"

    attribution = models.ForeignKey("claims.Attribution", on_delete=models.CASCADE, related_name="anchors")
    document = models.ForeignKey("sources.Document", on_delete=models.CASCADE, related_name="excerpt_anchors")
    status = models.CharField(max_length=10, choices=Status.choices)
    start = models.PositiveIntegerField(null=True, blank=True)
    end = models.PositiveIntegerField(null=True, blank=True)
    score = models.FloatField(default=0.0, help_text="Similarity of the wording found, 1.0 = identical.")
    found_text = models.TextField(blank=True)
    change = models.CharField(max_length=10, choices=Change.choices, blank=True)

    class Meta:
        ordering = ["document_id", "start", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["attribution", "document"], name="excerpt_anchor_once_per_version"
            ),
            models.CheckConstraint(
                condition=models.Q(status="orphaned", start__isnull=True)
                | models.Q(start__isnull=False, end__isnull=False, end__gt=models.F("start")),
                name="excerpt_anchor_span_matches_status",
            ),
        ]

    def __str__(self) -> str:
        return f"attribution {self.attribution_id} in document {self.document_id}: {self.status}"
