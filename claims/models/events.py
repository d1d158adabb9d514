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
        # The event pickers' newest 100 (core.forms.FastSelect) are read off
        # an index on (start_date DESC NULLS LAST, id DESC) instead of sorting
        # every event (241 ms at 50,000). It is made on PostgreSQL only, by
        # migration claims/0013, and not declared here: SQLite cannot index
        # NULLS LAST, and would try to rebuild a declared one whenever it
        # rebuilds the table.
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
