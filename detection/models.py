"""Conflict detection's own data: the lexicons the rules read (editable in the
admin, seeded by data migrations), the editor's suggested event links, and the
sweep's high-water mark.

The rules themselves live in `detection/rules/`; the flags they raise are
`claims.ConflictFlag` rows.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q

from core.models import TimeStampedModel
from core.url_cache import reverse_row

# How many repaired disputes' ids a DisputeStateRepair keeps: enough to look
# into, bounded if a bug left every dispute wrong.
REPAIR_IDS_KEPT = 100


def _normalise_phrase(value: str) -> str:
    return " ".join((value or "").lower().split())


class SubjectSynonym(TimeStampedModel):
    """A word or phrase that counts the same thing as another in a figure's
    quantity subject: "insurgents" means "militants", so "insurgents killed"
    and "militants killed" are compared as one subject."""

    phrase = models.CharField(
        max_length=100, unique=True, help_text="As it appears in a subject, e.g. 'insurgents'."
    )
    canonical = models.CharField(max_length=100, help_text="The word it is compared as, e.g. 'militants'.")
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["canonical", "phrase"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(phrase=F("canonical")),
                name="subject_synonym_not_itself",
                violation_error_message="A synonym must differ from the word it stands for.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.phrase} → {self.canonical}"

    def clean(self) -> None:
        self.phrase = _normalise_phrase(self.phrase)
        self.canonical = _normalise_phrase(self.canonical)
        if not self.phrase or not self.canonical:
            raise ValidationError("Give both the phrase and the word it stands for.")


class ContestedTerm(TimeStampedModel):
    """A loaded word and the words the other side uses for the same thing:
    "redeployment" against "retreat" or "withdrawal". Two claims about one
    event, one using the term and the other a counterpart, are a framing
    conflict."""

    term = models.CharField(max_length=100, unique=True, help_text="e.g. 'redeployment'.")
    counterparts = models.CharField(
        max_length=500,
        help_text="Comma-separated words for the same thing, e.g. 'retreat, withdrawal, withdrew'.",
    )
    note = models.CharField(
        max_length=300, blank=True, help_text="Why the words are contested, for the editor."
    )
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["term"]

    def __str__(self) -> str:
        return f"{self.term} ↔ {self.counterparts}"

    @property
    def counterpart_list(self) -> list[str]:
        return [phrase for phrase in (_normalise_phrase(p) for p in self.counterparts.split(",")) if phrase]

    def clean(self) -> None:
        self.term = _normalise_phrase(self.term)
        if not self.term:
            raise ValidationError({"term": "Give the contested word."})
        if not self.counterpart_list:
            raise ValidationError({"counterparts": "Give at least one counterpart."})
        if self.term in self.counterpart_list:
            raise ValidationError({"counterparts": "A term cannot be its own counterpart."})


class ControlExtentTerm(TimeStampedModel):
    """Wording that says how much of a place a side holds, as a share range in
    percent: "large parts" is 25–80, "only" is 0–15, "all of" is 95–100."""

    phrase = models.CharField(max_length=100, unique=True)
    share_low = models.PositiveSmallIntegerField(help_text="Lowest share (percent) the wording allows.")
    share_high = models.PositiveSmallIntegerField(help_text="Highest share (percent) the wording allows.")
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-share_high", "phrase"]
        constraints = [
            models.CheckConstraint(
                condition=Q(share_low__lte=F("share_high")) & Q(share_high__lte=100),
                name="control_extent_share_ordered",
                violation_error_message="The share runs from low to high, at most 100 percent.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.phrase} ({self.share_low}–{self.share_high}%)"

    def clean(self) -> None:
        self.phrase = _normalise_phrase(self.phrase)
        if self.share_low is not None and self.share_high is not None:
            if self.share_high > 100:
                raise ValidationError({"share_high": "A share is at most 100 percent."})
            if self.share_low > self.share_high:
                raise ValidationError({"share_low": "The low share cannot be above the high share."})


class ControlHolderTerm(TimeStampedModel):
    """A word naming one side of the fight in a territory claim: "insurgents"
    and "rebels" are the opposition, "government forces" and "the army" the
    government."""

    class Side(models.TextChoices):
        GOVERNMENT = "government", "Government side"
        OPPOSITION = "opposition", "Opposition side"

    phrase = models.CharField(max_length=100, unique=True)
    side = models.CharField(max_length=20, choices=Side.choices)

    class Meta:
        ordering = ["side", "phrase"]

    def __str__(self) -> str:
        return f"{self.phrase} ({self.get_side_display()})"

    def clean(self) -> None:
        self.phrase = _normalise_phrase(self.phrase)


class VictimCategoryTerm(TimeStampedModel):
    """A word that says who the victims were: combatants ("militants",
    "soldiers") or non-combatants ("civilians", "children"). Two claims about
    the same event naming victims from different categories disagree about
    who was killed (the victim-status rule)."""

    class Category(models.TextChoices):
        COMBATANT = "combatant", "Combatants"
        NON_COMBATANT = "non_combatant", "Non-combatants"

    phrase = models.CharField(max_length=100, unique=True, help_text="e.g. 'insurgents', 'aid workers'.")
    category = models.CharField(max_length=20, choices=Category.choices)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["category", "phrase"]

    def __str__(self) -> str:
        return f"{self.phrase} ({self.get_category_display()})"

    def clean(self) -> None:
        self.phrase = _normalise_phrase(self.phrase)
        if not self.phrase:
            raise ValidationError({"phrase": "Give the word."})


class ReportingVerbStance(TimeStampedModel):
    """What a reporting verb says about the writer's trust in a claim:
    "claimed" distances, "said" is neutral, "confirmed" endorses. Read by the
    attribution-balance check of each document."""

    class Stance(models.TextChoices):
        DISTANCING = "distancing", "Distancing"
        NEUTRAL = "neutral", "Neutral"
        ENDORSING = "endorsing", "Endorsing"

    verb = models.CharField(
        max_length=100,
        unique=True,
        help_text="One form is enough: 'claim' matches claimed, claims, claiming.",
    )
    stance = models.CharField(max_length=20, choices=Stance.choices)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["stance", "verb"]

    def __str__(self) -> str:
        return f"{self.verb} ({self.get_stance_display()})"

    def clean(self) -> None:
        self.verb = _normalise_phrase(self.verb)
        if not self.verb:
            raise ValidationError({"verb": "Give the verb."})


class EventLinkSuggestion(TimeStampedModel):
    """A claim without an event that looks like it belongs to one (same
    subject, same place, a near date). Offered to the editor; never applied
    without them."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        ACCEPTED = "accepted", "Accepted"
        REJECTED = "rejected", "Rejected"

    claim = models.ForeignKey("claims.Claim", on_delete=models.CASCADE, related_name="event_link_suggestions")
    event = models.ForeignKey("claims.Event", on_delete=models.CASCADE, related_name="link_suggestions")
    # The claim already under that event that made us think so.
    matched_claim = models.ForeignKey(
        "claims.Claim", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField(max_length=500)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            # Suggested once: a rejected suggestion is never offered again.
            models.UniqueConstraint(
                fields=["claim", "event"],
                name="event_link_suggested_once",
                violation_error_message="This event was already suggested for this claim.",
            ),
        ]

    def __str__(self) -> str:
        return f"claim #{self.claim_id} → event #{self.event_id} ({self.status})"


class SweepState(models.Model):
    """Where the periodic sweep got to: claims changed after `high_water_mark`
    are rechecked on the next run."""

    name = models.CharField(max_length=50, unique=True)
    high_water_mark = models.DateTimeField(null=True, blank=True)
    last_started_at = models.DateTimeField(null=True, blank=True)
    last_finished_at = models.DateTimeField(null=True, blank=True)
    last_checked = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name}: up to {self.high_water_mark}"


class Dispute(TimeStampedModel):
    """One disputed question for the editors' queue: a toll of an event (all
    its disagreeing figures for one counted subject, in one place on one day
    when its claims give them), who the victims were, who is responsible, how the
    event is framed, who controls the place. Groups the pairwise flags that
    bear on it (`DisputeFlag`); the flags stay, for precision and the API.

    Whether a dispute is open follows its flags (open while any is open or
    acknowledged). That state, the pair counts and the worst severity are
    stored on the row (`is_open`, `open_pairs`, `pair_count`, `worst`) so the
    queue reads page 1 from an index instead of aggregating every dispute's
    flags (~70 ms a request at 5,000 disputes); every write that changes a
    filed flag's status, severity or membership recomputes them in its own
    transaction (`dispute_services.dispute_state_refresh`), so a pair closed
    on its own page is never out of step. `decision` records the editor's
    last verdict on the dispute as a whole.
    """

    class Topic(models.TextChoices):
        FIGURE = "figure", "Figures"
        VICTIMS = "victims", "Who the victims were"
        RESPONSIBILITY = "responsibility", "Who is responsible"
        FRAMING = "framing", "Framing"
        CONTROL = "control", "Territorial control"
        DENIAL = "denial", "Denial"
        CONTRADICTION = "contradiction", "Recorded contradiction"
        SOURCING = "sourcing", "Sourcing"
        ATTRIBUTION = "attribution", "Attribution balance"
        OTHER = "other", "Other"

    class Decision(models.TextChoices):
        RESOLVED = "resolved", "Resolved"
        DISMISSED = "dismissed", "Dismissed"

    # What makes two flags the same question, e.g. "figure:12:militants killed".
    key = models.CharField(max_length=300, unique=True)
    topic = models.CharField(max_length=20, choices=Topic.choices, db_index=True)
    # An event deleted or merged away leaves its disputes: their pairs are
    # re-filed under their claims' new keys by the next check, and the
    # decisions, notes and "re-filed" lines stay readable on the dispute page.
    event = models.ForeignKey(
        "claims.Event", null=True, blank=True, on_delete=models.SET_NULL, related_name="disputes"
    )
    subject = models.CharField(max_length=200, blank=True, help_text="What is counted, for figure disputes.")
    # A dispute's scope, when its claims all give one: where (as a claim
    # writes it; the key holds its place_key) and, for tolls, control and
    # denials, which day (dispute_services.SCOPED_BY_PLACE, SCOPED_BY_DAY).
    place = models.CharField(
        max_length=200, blank=True, help_text="Where the disputed thing happened, when its claims all say."
    )
    occurred_on = models.DateField(
        null=True, blank=True, help_text="The day the disputed thing happened, when its claims all say."
    )
    flags = models.ManyToManyField("claims.ConflictFlag", through="DisputeFlag", related_name="disputes")
    decision = models.CharField(max_length=20, choices=Decision.choices, blank=True)
    resolution_note = models.TextField(blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    # Derived from the flags filed here; written only by dispute_state_refresh.
    is_open = models.BooleanField(default=False, help_text="Some pair is open or acknowledged.")
    open_pairs = models.PositiveIntegerField(default=0)
    pair_count = models.PositiveIntegerField(default=0)
    worst = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="The most severe open pair's severity, or any pair's once all are closed.",
    )

    class Meta:
        ordering = ["-updated_at", "id"]
        indexes = [
            # The queue's ORDER BY (dispute_selectors.dispute_queue): page 1 is
            # an index scan, open disputes first, most severe, then oldest.
            models.Index(fields=["-is_open", "-worst", "created_at", "id"], name="dispute_queue_order"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse_row("detection:dispute-detail", value=self.pk)

    @property
    def scope_label(self) -> str:
        """Where and when, for telling two questions of one event apart: "Aleppo, 3 Oct 2026"."""
        day = f"{self.occurred_on.day} {self.occurred_on:%b %Y}" if self.occurred_on else ""
        return ", ".join(part for part in (self.place, day) if part)

    @property
    def title(self) -> str:
        where = f" in {self.event.title}" if self.event_id else ""
        scope = f" — {self.scope_label}" if self.scope_label else ""
        if self.topic == self.Topic.FIGURE and self.subject:
            return f"How many {self.subject}{where}{scope}"
        return f"{self.get_topic_display()}{where}{scope}"


class DisputeStateRepair(TimeStampedModel):
    """A run of the scheduled repair that found disputes whose stored state
    (is_open, open_pairs, pair_count, worst) no longer matched their flags,
    and recomputed them. Written only when something was repaired: a row here
    means some write reached the flags without refreshing their disputes (a
    hand edit in the database, a new write path missing the flags_changed
    hook), which an operator should look into; /metrics counts them."""

    checked = models.PositiveIntegerField(help_text="Disputes compared with their flags.")
    repaired = models.PositiveIntegerField(help_text="Disputes whose stored state was wrong.")
    dispute_ids = models.JSONField(
        default=list, help_text=f"The first {REPAIR_IDS_KEPT} repaired disputes' ids, to look into."
    )
    flags_filed = models.PositiveIntegerField(
        default=0, help_text="Conflicts found in no dispute, so missing from the queue, and filed."
    )

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        filed = f", {self.flags_filed} unfiled conflict(s) filed" if self.flags_filed else ""
        return f"{self.repaired} of {self.checked} dispute(s) repaired{filed} on {self.created_at:%Y-%m-%d %H:%M}"


class DisputeFlag(models.Model):
    """A pairwise flag's place in a dispute (each flag belongs to one)."""

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="memberships")
    flag = models.OneToOneField(
        "claims.ConflictFlag", on_delete=models.CASCADE, related_name="dispute_membership"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["dispute_id", "flag_id"]

    def __str__(self) -> str:
        return f"flag #{self.flag_id} in dispute #{self.dispute_id}"


class DisputeNote(models.Model):
    """A line of a dispute's own history: decided as a whole, re-opened
    because a new claim disagrees, or re-filed because its claims' scope
    changed. The pairs' own history is in AuditEntry."""

    class Action(models.TextChoices):
        RESOLVED = "resolved", "Resolved"
        DISMISSED = "dismissed", "Dismissed"
        REOPENED = "reopened", "Re-opened"
        # Its pairs moved to or from another dispute, or it was renamed,
        # because their claims' event, counted subject, place or day changed.
        REFILED = "refiled", "Re-filed"

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="notes")
    action = models.CharField(max_length=20, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Empty when the detector acted.",
    )
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"dispute #{self.dispute_id}: {self.action}"

    @property
    def actor_display(self) -> str:
        return self.actor.get_username() if self.actor_id else "system"
