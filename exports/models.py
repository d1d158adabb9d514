"""A background export of claims: asked for on the exports page or the API,
written to storage by a Celery task, downloaded through a signed link that
expires, deleted after EXPORT_RETENTION_HOURS."""

import uuid

from django.conf import settings
from django.db import models

from core.models import TimeStampedModel


class ClaimExport(TimeStampedModel):
    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        JSON = "json", "JSON"

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for a worker"
        RUNNING = "running", "Writing"
        DONE = "done", "Ready"
        FAILED = "failed", "Failed"
        EXPIRED = "expired", "Expired"

    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    format = models.CharField(max_length=8, choices=Format.choices)
    # The claim list's filters as query parameters ({"status": ["disputed"]}),
    # applied when the task runs (claims.api.filters.ClaimFilter).
    filters = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    # Set by each run when it starts: a run whose token is no longer the
    # export's (a redelivered task took over) must not record its file.
    run_token = models.UUIDField(null=True, blank=True)
    claims_total = models.PositiveIntegerField(null=True, blank=True)
    claims_written = models.PositiveIntegerField(default=0)
    rows_written = models.PositiveIntegerField(default=0)
    file_name = models.CharField(max_length=255, blank=True)
    size_bytes = models.PositiveBigIntegerField(null=True, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    error = models.TextField(blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    # The "your export is ready" notice: shown until the requester has seen it.
    ready_seen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["requested_by", "-created_at"], name="export_by_requester")]

    def __str__(self) -> str:
        return f"Export #{self.pk} ({self.format}, {self.get_status_display()})"

    @property
    def progress(self) -> float | None:
        """0 to 1 while writing; None before the total is known."""
        if self.status == self.Status.DONE:
            return 1.0
        if not self.claims_total:
            return None if self.claims_total is None else 1.0
        return min(self.claims_written / self.claims_total, 1.0)

    @property
    def percent(self) -> int:
        return round((self.progress or 0) * 100)

    @property
    def filters_text(self) -> str:
        """The filters as an editor reads them: "status: disputed, false; updated_since: …"."""
        return "; ".join(
            f"{name}: {', '.join(map(str, value)) if isinstance(value, (list, tuple)) else value}"
            for name, value in self.filters.items()
        )

    @staticmethod
    def new_file_name(export_id: int, export_format: str) -> str:
        # A random part, so a file name cannot be guessed from the export's id.
        return f"claims-export-{export_id}-{uuid.uuid4().hex}.{export_format}"
