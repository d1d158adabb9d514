from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q

from claims.models import Attribution, Claim
from claims.subjects import is_reference_subject
from core.models import TimeStampedModel
from sources.models import Source


class LexiconTerm(TimeStampedModel):
    """One word or phrase the extractor looks for, kept as data so editors can
    teach it a new reporting verb or a new contested term in the admin.

    The starting set comes from a data migration (0002_starting_lexicon).
    """

    class Lexicon(models.TextChoices):
        REPORTING_VERB = "reporting_verb", "Reporting verb ('said', 'claimed', 'claiming')"
        ACCORDING_TO = "according_to", "Third-party attribution phrase ('according to')"
        RELAY_PHRASE = "relay_phrase", "Relay phrase ('told', 'quoted by', 'carried by')"
        STATEMENT_MARKER = "statement_marker", "Official-statement marker ('in a statement')"
        ANONYMITY_MARKER = "anonymity_marker", "Anonymity marker ('asked not to be named')"
        FRAMING_TERM = "framing_term", "Contested or framing term ('redeployment', 'terrorists')"
        FIGURE_VERB = "figure_verb", "What happened to a counted group ('killed', 'displaced')"
        SOURCE_KIND_HINT = "source_kind_hint", "Word that suggests a new source's kind ('ministry')"
        ATTACK_TERM = "attack_term", "Attack verb or noun, to find who did it ('shelled', 'airstrikes')"

    lexicon = models.CharField(max_length=30, choices=Lexicon.choices, db_index=True)
    term = models.CharField(max_length=100, help_text="Lower-case word or phrase, matched on whole words.")
    value = models.CharField(
        max_length=50,
        blank=True,
        help_text=(
            "For reporting verbs: the base verb to record (e.g. 'claim' for 'claiming' is left "
            "blank to record the word as written). For source-kind hints: the Source kind."
        ),
    )
    is_active = models.BooleanField(default=True)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["lexicon", "term"]
        constraints = [
            models.UniqueConstraint(
                fields=["lexicon", "term"],
                name="lexicon_term_unique",
                violation_error_message="This term is already in that lexicon.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_lexicon_display().split(' (')[0]}: {self.term}"

    def clean(self) -> None:
        # Terms are matched case-insensitively; storing them folded keeps the
        # unique constraint honest ("Said" and "said" are the same term).
        self.term = " ".join((self.term or "").lower().split())
        if not self.term:
            raise ValidationError({"term": "Give the word or phrase to look for."})
        if self.lexicon == self.Lexicon.SOURCE_KIND_HINT and self.value not in Source.Kind.values:
            raise ValidationError({"value": "For a source-kind hint, give one of the Source kinds."})


class DocumentExtraction(TimeStampedModel):
    """The extractor's run over one document: the review page polls it to know
    when to stop waiting for more proposals."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for a worker"
        RUNNING = "running", "Reading the document"
        DONE = "done", "Finished"
        FAILED = "failed", "Failed"

    document = models.OneToOneField("sources.Document", on_delete=models.CASCADE, related_name="extraction")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    proposals_found = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Extraction of document #{self.document_id}: {self.status}"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)


class ClaimProposal(TimeStampedModel):
    """A candidate claim the extractor found in a document, waiting for an
    editor to accept (which creates the Claim and its Attribution), edit or
    reject it."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Proposed"
        ACCEPTED = "accepted", "Accepted"
        REJECTED = "rejected", "Rejected"

    document = models.ForeignKey("sources.Document", on_delete=models.CASCADE, related_name="claim_proposals")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED, db_index=True)

    # What is claimed.
    text = models.TextField(help_text="The claim as the extractor would record it.")
    kind = models.CharField(max_length=20, choices=Claim.Kind.choices, default=Claim.Kind.OTHER)
    value_low = models.PositiveBigIntegerField(null=True, blank=True)
    value_high = models.PositiveBigIntegerField(null=True, blank=True)
    qualifier = models.CharField(max_length=20, choices=Claim.Qualifier.choices, blank=True)
    quantity_subject = models.CharField(max_length=200, blank=True)
    figure_text = models.CharField(
        max_length=100, blank=True, help_text="The figure as written, e.g. 'at least 312'."
    )
    figure_start = models.PositiveIntegerField(
        default=0,
        help_text="Where the figure's number starts in the document body (0: no figure). A sentence "
        "with several figures gives one proposal per speaker and figure.",
    )
    framing_terms = models.JSONField(default=list, blank=True)
    responsible_party = models.CharField(
        max_length=200,
        blank=True,
        help_text="Who the text says did it ('Russian airstrikes', 'the militia'), only from an "
        "explicit agent phrase; blank when the text does not say.",
    )
    is_denial = models.BooleanField(
        default=False,
        help_text="The speaker denies something ('denied that ...', 'rejected ... as false').",
    )
    denied_text = models.TextField(blank=True, help_text="For a denial: what the speaker denies.")

    # Who said it, and how.
    speaker_text = models.CharField(
        max_length=200, blank=True, help_text="The speaker as the text names them ('it', 'Russia')."
    )
    source = models.ForeignKey(
        Source,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="claim_proposals",
        help_text="The existing source the speaker was matched to.",
    )
    proposed_source_name = models.CharField(
        max_length=200,
        blank=True,
        help_text="When no existing source matched: the name for a new one.",
    )
    proposed_source_kind = models.CharField(max_length=20, choices=Source.Kind.choices, blank=True)
    similar_source = models.ForeignKey(
        Source,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A new source whose name is close to this existing one: the editor confirms or picks it.",
    )
    joint_with = models.JSONField(
        default=list,
        blank=True,
        help_text="A joint statement ('Russia and Syria said'): the other speakers, each with a proposal "
        "of its own for the same figure. Accept one, then add the others as sources of its claim.",
    )
    speaker_unbound = models.BooleanField(
        default=False,
        help_text="The figure could not be bound to one of the sentence's speakers: the editor must "
        "say who stated it (it is never credited to the publication or guessed).",
    )
    form = models.CharField(
        max_length=20, choices=Attribution.Form.choices, default=Attribution.Form.PARAPHRASE
    )
    reporting_verb = models.CharField(max_length=50, blank=True)
    relayed_by = models.ForeignKey(Source, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    relayed_by_text = models.CharField(
        max_length=200, blank=True, help_text="Who passed it on, as the text names them."
    )

    # Where it is: offsets into document.body, excerpt == body[start:end].
    excerpt = models.TextField()
    excerpt_start = models.PositiveIntegerField()
    excerpt_end = models.PositiveIntegerField()

    claim = models.ForeignKey(
        Claim, null=True, blank=True, on_delete=models.SET_NULL, related_name="proposals"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["document_id", "excerpt_start", "id"]
        indexes = [models.Index(fields=["document", "status"], name="proposal_document_status")]
        constraints = [
            # Re-running the extractor on a document must not duplicate its
            # proposals: one per passage, speaker and figure.
            models.UniqueConstraint(
                fields=["document", "excerpt_start", "excerpt_end", "speaker_text", "figure_start"],
                name="proposal_unique_per_passage_speaker_figure",
                violation_error_message="This passage is already proposed for this speaker and figure.",
            ),
            models.CheckConstraint(
                condition=Q(excerpt_end__gt=F("excerpt_start")),
                name="proposal_excerpt_offsets_ordered",
                violation_error_message="The excerpt must end after it starts.",
            ),
            models.CheckConstraint(
                condition=Q(value_high__isnull=True)
                | Q(value_low__isnull=True)
                | Q(value_high__gte=F("value_low")),
                name="proposal_value_low_not_above_high",
                violation_error_message="The low value cannot be above the high value.",
            ),
            models.CheckConstraint(
                condition=~Q(status="accepted") | Q(decided_at__isnull=False),
                name="proposal_accepted_has_decision_time",
                violation_error_message="An accepted proposal records when it was accepted.",
            ),
        ]

    def __str__(self) -> str:
        return f"Proposal #{self.pk}: {self.text[:60]}"

    @property
    def speaker_display(self) -> str:
        if self.source_id:
            return self.source.name
        return self.proposed_source_name or "(no speaker found)"

    @property
    def accept_blocked_reason(self) -> str:
        """Why one-click Accept cannot work for this proposal ("" when it can)."""
        if self.speaker_unbound and not (self.source_id or self.proposed_source_name):
            return "Nobody could be credited with this figure: choose who stated it in Edit, then accept."
        if not (self.source_id or self.proposed_source_name or self.document.outlet_id):
            return (
                "No speaker was found and the document has no outlet: choose a source in Edit, then accept."
            )
        if self.kind == "figure" and (self.value_low is None or not self.quantity_subject.strip()):
            return "The figure has no value or nothing counted: complete it in Edit, then accept."
        if self.kind == "figure" and is_reference_subject(self.quantity_subject):
            return (
                f"The figure is only called '{self.quantity_subject.strip()}': "
                "say what it counts in Edit, then accept."
            )
        return ""

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.PROPOSED

    @property
    def figure_display(self) -> str:
        if self.value_low is None:
            return ""
        probe = Claim(
            value_low=self.value_low,
            value_high=self.value_high,
            qualifier=self.qualifier,
            quantity_subject=self.quantity_subject,
        )
        return probe.figure_display
