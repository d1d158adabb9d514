from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
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


class ClaimRelation(TimeStampedModel):
    """How two claims bear on each other: one contradicts, corroborates,
    qualifies or duplicates the other."""

    class Type(models.TextChoices):
        CONTRADICTS = "contradicts", "Contradicts"
        CORROBORATES = "corroborates", "Corroborates"
        QUALIFIES = "qualifies", "Qualifies"
        DUPLICATES = "duplicates", "Duplicates"
        # The same originator's later figure for the same thing (from: newer,
        # to: older); recorded by the revision rule, see docs/model.md.
        REVISES = "revises", "Revises"
        # Directed: from the denial ("the army denied retreating") to the
        # claim it denies ("the army retreated"). The denial rule flags it.
        DENIES = "denies", "Denies"

    # A contradicts B means B contradicts A: these are stored once, lower id first.
    SYMMETRIC_TYPES = frozenset({Type.CONTRADICTS, Type.CORROBORATES, Type.DUPLICATES})

    class Origin(models.TextChoices):
        RULE = "rule", "Detected by a rule"
        EDITOR = "editor", "Set by an editor"

    from_claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="relations_from")
    to_claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="relations_to")
    relation_type = models.CharField(max_length=20, choices=Type.choices, db_index=True)
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.EDITOR)
    rationale = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_claim=F("to_claim")),
                name="relation_not_to_itself",
                violation_error_message="A claim cannot be related to itself.",
            ),
            models.CheckConstraint(
                condition=Q(relation_type__in=("qualifies", "revises", "denies"))
                | Q(from_claim__lt=F("to_claim")),
                name="relation_symmetric_stored_once",
                violation_error_message="Symmetric relations are stored with the lower claim id first.",
            ),
            models.UniqueConstraint(
                fields=["from_claim", "to_claim", "relation_type"],
                name="relation_unique_pair",
                violation_error_message="These claims are already related that way.",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.from_claim_id} {self.relation_type} #{self.to_claim_id}"


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


class AuditEntry(models.Model):
    """One line of history: who changed what, when and why.

    Code reads the structured fields (action, from/to, changes, actor, the
    object changed and the related object); `reason` is the editor's own words
    and is for people only. An entry outlives the row it describes: the
    object type and id stay when the claim, flag or source is deleted.
    """

    class Action(models.TextChoices):
        CREATED = "created", "Created"
        STATUS = "status", "Status changed"
        ASSIGNED = "assigned", "Assigned"
        REOPENED = "reopened", "Re-opened"
        NOTE = "note", "Note"
        EDITED = "edited", "Edited"
        DELETED = "deleted", "Deleted"
        GRADED = "graded", "Reliability graded"
        # Written by detection when a flag's rule no longer finds its conflict.
        STALE = "stale", "No longer detected"

    class ObjectType(models.TextChoices):
        CLAIM = "claim", "Claim"
        FLAG = "flag", "Conflict flag"
        EVENT = "event", "Event"
        ATTRIBUTION = "attribution", "Attribution"
        RELATION = "relation", "Relation"
        SOURCE = "source", "Source"
        DOCUMENT = "document", "Document"

    # The claim or flag whose history page shows the entry (at most one;
    # emptied, not deleted, when that row is deleted: the history is evidence).
    claim = models.ForeignKey(Claim, null=True, blank=True, on_delete=models.SET_NULL, related_name="history")
    flag = models.ForeignKey(
        ConflictFlag, null=True, blank=True, on_delete=models.SET_NULL, related_name="history"
    )
    action = models.CharField(max_length=20, choices=Action.choices)
    # What was changed: kept as type and id so it survives a deletion.
    object_type = models.CharField(max_length=20, choices=ObjectType.choices, blank=True)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    # The other object involved, if any: the flag whose resolution changed a
    # claim's status, the attribution added to a claim, the claim a relation
    # points to.
    related_type = models.CharField(max_length=20, choices=ObjectType.choices, blank=True)
    related_id = models.PositiveBigIntegerField(null=True, blank=True)
    # Long enough for any username (150), the longest value written here.
    from_value = models.CharField(max_length=150, blank=True)
    to_value = models.CharField(max_length=150, blank=True)
    # For an edit: {field: [before, after]} as text.
    changes = models.JSONField(default=dict, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Empty when the system (a detection rule, the sweep) acted.",
    )
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name_plural = "audit entries"
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_entry_object")]
        constraints = [
            models.CheckConstraint(
                condition=Q(claim__isnull=True) | Q(flag__isnull=True),
                name="audit_entry_on_one_history",
                violation_error_message="An audit entry belongs to one claim's or one flag's history.",
            ),
        ]

    def __str__(self) -> str:
        subject = f"{self.object_type} #{self.object_id}"
        return f"{subject}: {self.action} {self.from_value} → {self.to_value}"

    @property
    def about_itself(self) -> bool:
        """Whether the entry is about the claim or flag whose history shows it
        (rather than one of its attributions or relations)."""
        return self.object_type in (self.ObjectType.CLAIM, self.ObjectType.FLAG)

    @property
    def changed_fields(self) -> str:
        """The edited fields in words, for the history list."""
        return ", ".join(field.replace("_", " ") for field in self.changes)

    @property
    def actor_display(self) -> str:
        return self.actor.get_username() if self.actor_id else "system"
