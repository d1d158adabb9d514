"""Relations between claims."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from core.models import TimeStampedModel

from .claims import Claim

# How the revision rule's rationale says a `revises` relation links a
# speaker's latest figure to a stale echo: an outlet passing on, after the
# speaker revised it, one of its earlier figures (detection/rules/
# corroboration.py: figure_revisions). The relation then runs from the
# earlier-reported claim to the later one, so "revises" would misread it.
STALE_ECHO_RATIONALE = "passes on, through an outlet, an earlier figure of"


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

    @property
    def is_stale_echo(self) -> bool:
        """The revision rule's link from a speaker's latest figure to an
        outlet's later passing on of a figure it had already revised."""
        return (
            self.relation_type == self.Type.REVISES
            and self.origin == self.Origin.RULE
            and STALE_ECHO_RATIONALE in self.rationale
        )
