"""Events: what claims are grouped under."""

from django.db import models
from django.db.models import F, Q

from core.models import TimeStampedModel
from core.url_cache import reverse_row


class Event(TimeStampedModel):
    """What claims are about: "Russian airstrikes on insurgent supply lines, Friday"."""

    title = models.CharField(max_length=300)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    place = models.CharField(max_length=200, blank=True)
    description = models.TextField(blank=True, help_text="Rich text; sanitised on save.")

    class Meta:
        ordering = ["-start_date", "title"]
        indexes = [
            # The event pickers' newest 100 (core.forms.FastSelect): read off
            # the index instead of sorting every event (241 ms at 50,000).
            models.Index(F("start_date").desc(nulls_last=True), F("id").desc(), name="event_newest_first"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="event_ends_after_it_starts",
                violation_error_message="The end date cannot be before the start date.",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse_row("claims:event-detail", value=self.pk)
