"""Claims: statements as reported."""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Now
from django.utils import timezone

from core.models import TimeStampedModel
from core.url_cache import reverse_row

from ..subjects import is_reference_subject
from .events import Event


class Claim(TimeStampedModel):
    """A statement as reported, e.g. "Russian airstrikes killed 200 militants"."""

    class Kind(models.TextChoices):
        FIGURE = "figure", "Figure (casualties, numbers)"
        FRAMING = "framing", "Framing / characterisation"
        TERRITORY = "territory", "Territorial control"
        OCCURRENCE = "occurrence", "Event occurrence"
        OTHER = "other", "Other"

    class Qualifier(models.TextChoices):
        # How a figure was hedged; the detection rules widen the range accordingly.
        EXACT = "exact", "Exactly"
        ABOUT = "about", "About"
        AT_LEAST = "at_least", "At least"
        UP_TO = "up_to", "Up to"
        RANGE = "range", "Range"

    class Status(models.TextChoices):
        UNVERIFIED = "unverified", "Unverified"
        CORROBORATED = "corroborated", "Corroborated"
        DISPUTED = "disputed", "Disputed"
        VERIFIED = "verified", "Verified"
        FALSE = "false", "False"
        RETRACTED = "retracted", "Retracted"

    class Credibility(models.IntegerChoices):
        # The Admiralty scale's information-credibility half.
        CONFIRMED = 1, "1: confirmed by other sources"
        PROBABLY_TRUE = 2, "2: probably true"
        POSSIBLY_TRUE = 3, "3: possibly true"
        DOUBTFUL = 4, "4: doubtful"
        IMPROBABLE = 5, "5: improbable"
        CANNOT_JUDGE = 6, "6: truth cannot be judged"

    text = models.TextField(help_text="The claim as reported, in one sentence.")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER, db_index=True)
    event = models.ForeignKey(Event, null=True, blank=True, on_delete=models.SET_NULL, related_name="claims")
    quantity_subject = models.CharField(
        max_length=200,
        blank=True,
        help_text="For figures: what is counted, e.g. 'militants killed'. Stored lower-case.",
    )
    value_low = models.PositiveBigIntegerField(null=True, blank=True)
    value_high = models.PositiveBigIntegerField(null=True, blank=True)
    qualifier = models.CharField(max_length=10, choices=Qualifier.choices, blank=True)
    place = models.CharField(
        max_length=200, blank=True, help_text="Where the claim is about (territory, occurrence)."
    )
    occurred_on = models.DateField(null=True, blank=True, help_text="When what the claim describes happened.")
    responsible_party = models.CharField(
        max_length=200,
        blank=True,
        help_text="Who the claim says did it, e.g. 'Russian air force', 'government forces'.",
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.UNVERIFIED, db_index=True)
    credibility = models.PositiveSmallIntegerField(
        choices=Credibility.choices, default=Credibility.CANNOT_JUDGE
    )
    # When what the detection rules compare last changed: the statement, the
    # figure, what is counted, the place, the date, who did it, the credits or
    # an editor's relation (claims/services/recheck.py: _content_changed).
    # Unlike updated_at it is left alone by a move to another event (a merge,
    # an event ungrouped), an edit of the event, a status or a credibility: a
    # closed conflict re-opens only when this is later than its closing
    # (detection/flag_services.py), so an editor's decision stands while its
    # claims still say the same thing.
    # The database default serves rows written in bulk SQL (bench/seed.py).
    content_changed_at = models.DateTimeField(default=timezone.now, db_default=Now(), editable=False)
    # PostgreSQL full-text search (claims/search.py): the claim's words
    # (weight A), its excerpts (B), what it counts and where (C), stemmed in
    # English, behind a GIN index. Kept up to date by database triggers
    # (migration 0004); empty and unused on SQLite, which searches another way.
    search_vector = SearchVectorField(null=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        permissions = [("verify_claim", "Can change a claim's verification status")]
        indexes = [
            # Candidate look-ups in conflict detection: same event, same subject.
            models.Index(fields=["event", "kind"], name="claim_event_kind"),
            models.Index(fields=["quantity_subject", "kind"], name="claim_subject_kind"),
            # The lists' order: a deep page's ids come off this index alone
            # (an index-only scan) instead of a table read per skipped row.
            models.Index(fields=["created_at", "id"], name="claim_created_id"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(value_low__isnull=True) | Q(value_low__gte=0),
                name="claim_value_low_not_negative",
                violation_error_message="A figure cannot be negative.",
            ),
            models.CheckConstraint(
                condition=Q(value_high__isnull=True)
                | Q(value_low__isnull=True)
                | Q(value_high__gte=F("value_low")),
                name="claim_value_low_not_above_high",
                violation_error_message="The low value cannot be above the high value.",
            ),
            models.CheckConstraint(
                condition=~Q(kind="figure")
                | (
                    Q(value_low__isnull=False)
                    & Q(value_high__isnull=False)
                    & ~Q(quantity_subject="")
                    & ~Q(qualifier="")
                ),
                name="claim_figure_has_values_and_subject",
                violation_error_message="A figure claim needs a value, a qualifier and what is counted.",
            ),
            models.CheckConstraint(
                condition=Q(credibility__gte=1) & Q(credibility__lte=6),
                name="claim_credibility_1_to_6",
                violation_error_message="Credibility is 1 (confirmed) to 6 (cannot be judged).",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    def get_absolute_url(self) -> str:
        return reverse_row("claims:claim-detail", value=self.pk)

    def clean(self) -> None:
        errors = {}
        if self.kind == self.Kind.FIGURE:
            if self.value_low is None:
                errors["value_low"] = "A figure claim needs a value."
            if not self.quantity_subject.strip():
                errors["quantity_subject"] = "Say what is counted, e.g. 'militants killed'."
            elif is_reference_subject(self.quantity_subject):
                errors["quantity_subject"] = (
                    f"'{self.quantity_subject.strip()}' does not say what is counted: "
                    "name it, e.g. 'homes flooded' or 'militants killed'."
                )
            if not self.qualifier:
                errors["qualifier"] = "Say how the figure was hedged (exactly, about, at least...)."
        if self.value_low is not None and self.value_high is not None and self.value_high < self.value_low:
            errors["value_high"] = "The high value cannot be below the low value."
        if errors:
            raise ValidationError(errors)

    @property
    def figure_display(self) -> str:
        if self.value_low is None:
            return ""
        if self.value_high is not None and self.value_high != self.value_low:
            number = f"{self.value_low:,}–{self.value_high:,}"
        else:
            number = f"{self.value_low:,}"
        prefix = {
            self.Qualifier.ABOUT: "about ",
            self.Qualifier.AT_LEAST: "at least ",
            self.Qualifier.UP_TO: "up to ",
        }.get(self.qualifier, "")
        return f"{prefix}{number} {self.quantity_subject}".strip()
