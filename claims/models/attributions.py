"""Attributions: who a claim is credited to, with the words and where they stand."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q

from core.models import TimeStampedModel

from .claims import Claim


class Attribution(TimeStampedModel):
    """Who said a claim, how, and where: the link from a claim to its source."""

    class Form(models.TextChoices):
        DIRECT_QUOTE = "direct_quote", "Direct quote"
        STATEMENT = "statement", "Official statement"
        PARAPHRASE = "paraphrase", "Paraphrase"
        ACCORDING_TO = "according_to", "According to a third party"
        ANONYMOUS = "anonymous", "Anonymous"

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="attributions")
    source = models.ForeignKey("sources.Source", on_delete=models.PROTECT, related_name="attributions")
    document = models.ForeignKey(
        "sources.Document",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="attributions",
    )
    excerpt = models.TextField(blank=True, help_text="The words in the document, verbatim.")
    excerpt_start = models.PositiveIntegerField(null=True, blank=True)
    excerpt_end = models.PositiveIntegerField(null=True, blank=True)
    # A quote selector (W3C Web Annotation / Hypothesis): the text just before
    # and after the excerpt, so it can be found again in a revised version of
    # the document (anchoring/quotes.py).
    quote_prefix = models.CharField(max_length=32, blank=True)
    quote_suffix = models.CharField(max_length=32, blank=True)
    form = models.CharField(max_length=20, choices=Form.choices, default=Form.PARAPHRASE)
    reporting_verb = models.CharField(
        max_length=50, blank=True, help_text="'claimed', 'acknowledged', 'said'..."
    )
    relayed_by = models.ForeignKey(
        "sources.Source",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="relayed_attributions",
        help_text="Who passed the claim on, e.g. the wire agency reporting a statement.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["claim_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["claim", "source", "document"],
                name="attribution_unique_per_document",
                violation_error_message="This source is already credited with this claim in this document.",
            ),
            # NULLs never clash in a unique constraint, so the case with no
            # document needs its own.
            models.UniqueConstraint(
                fields=["claim", "source"],
                condition=Q(document__isnull=True),
                name="attribution_unique_without_document",
                violation_error_message="This source is already credited with this claim.",
            ),
            models.CheckConstraint(
                condition=Q(excerpt_start__isnull=True, excerpt_end__isnull=True)
                | Q(
                    excerpt_start__isnull=False, excerpt_end__isnull=False, excerpt_end__gt=F("excerpt_start")
                ),
                name="attribution_excerpt_offsets_ordered",
                violation_error_message="The excerpt must end after it starts.",
            ),
            models.CheckConstraint(
                condition=Q(excerpt_start__isnull=True) | Q(document__isnull=False),
                name="attribution_offsets_need_document",
                violation_error_message="Excerpt offsets need the document they point into.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source} — {self.claim}"

    def clean(self) -> None:
        errors = {}
        has_start = self.excerpt_start is not None
        has_end = self.excerpt_end is not None
        if has_start != has_end:
            errors["excerpt_end"] = "Give both the start and the end of the excerpt, or neither."
        elif has_start:
            if self.document_id is None:
                errors["document"] = "Excerpt offsets need the document they point into."
            elif self.excerpt_end <= self.excerpt_start:
                errors["excerpt_end"] = "The excerpt must end after it starts."
            elif self.excerpt_end > len(self.document.body):
                errors["excerpt_end"] = (
                    f"The excerpt ends at {self.excerpt_end}, past the end of the document "
                    f"({len(self.document.body)} characters)."
                )
            elif self.document.body[self.excerpt_start : self.excerpt_end] != self.excerpt:
                errors["excerpt"] = "The excerpt does not match the document text at those offsets."
        if errors:
            raise ValidationError(errors)
