"""The history: one AuditEntry per change, naming its actor."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from .claims import Claim
from .flags import ConflictFlag


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
