import hashlib

from django.conf import settings
from django.db import models
from django.db.models import Q

from core.models import TimeStampedModel
from core.url_cache import reverse_row


class Source(TimeStampedModel):
    """An actor who makes claims: a ministry, an army, a monitor, residents."""

    class Kind(models.TextChoices):
        GOVERNMENT = "government", "Government"
        MILITARY = "military", "Military"
        ARMED_GROUP = "armed_group", "Armed group"
        NGO_MONITOR = "ngo_monitor", "NGO / monitor"
        NEWS_OUTLET = "news_outlet", "News outlet"
        WIRE_AGENCY = "wire_agency", "Wire agency"
        WITNESS = "witness", "Witness / resident"
        ANONYMOUS = "anonymous", "Anonymous"

    class Affiliation(models.TextChoices):
        PARTY = "party", "Party to the conflict"
        INDEPENDENT = "independent", "Independent"
        UNKNOWN = "unknown", "Unknown"

    class Reliability(models.TextChoices):
        # The Admiralty (NATO) source-reliability scale.
        A = "A", "A: completely reliable"
        B = "B", "B: usually reliable"
        C = "C", "C: fairly reliable"
        D = "D", "D: not usually reliable"
        E = "E", "E: unreliable"
        F = "F", "F: reliability cannot be judged"

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    aliases = models.JSONField(
        default=list,
        blank=True,
        help_text="Other names this source goes by in copy, used to match speakers in text.",
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, db_index=True)
    affiliation = models.CharField(
        max_length=20, choices=Affiliation.choices, default=Affiliation.UNKNOWN, db_index=True
    )
    side = models.CharField(
        max_length=120,
        blank=True,
        help_text="For a party to the conflict: which side (e.g. 'Syrian government and allies').",
    )
    country = models.CharField(max_length=100, blank=True)
    reliability = models.CharField(
        max_length=1, choices=Reliability.choices, default=Reliability.F, db_index=True
    )
    reliability_set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reliability_set_at = models.DateTimeField(null=True, blank=True)
    reliability_reason = models.TextField(blank=True)
    notes = models.TextField(blank=True, help_text="Rich text; sanitised on save.")
    url = models.URLField(max_length=500, blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(affiliation="party") | ~Q(side=""),
                name="source_party_names_its_side",
                violation_error_message="A party to the conflict must name its side.",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse_row("sources:source-detail", key="slug", value=self.slug)

    @property
    def is_party(self) -> bool:
        return self.affiliation == self.Affiliation.PARTY

    def is_opposed_to(self, other: "Source") -> bool:
        """Both are parties to the conflict, on different sides."""
        return self.is_party and other.is_party and self.side.strip().lower() != other.side.strip().lower()


def document_content_hash(body: str) -> str:
    """SHA-256 of the body with whitespace folded, so a re-pasted copy matches."""
    normalised = " ".join(body.split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


class Document(TimeStampedModel):
    """Where claims appear: an article, a statement, a post."""

    title = models.CharField(max_length=300)
    url = models.URLField(max_length=500, blank=True)
    outlet = models.ForeignKey(
        Source,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="published_documents",
        help_text="Who published it, e.g. the wire agency.",
    )
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    retrieved_at = models.DateTimeField(null=True, blank=True)
    body = models.TextField()
    content_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Versions (docs/versions.md): a revised text of the same story is a new
    # Document pointing at the one it updates; each body stays fixed, so
    # attribution offsets stay true in the version they were taken from.
    previous_version = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="next_version"
    )
    version = models.PositiveIntegerField(default=1)
    is_latest = models.BooleanField(default=True, db_index=True)

    class Meta:
        ordering = ["-published_at", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["url"],
                # Versions of one story share its URL; only the latest counts.
                condition=~Q(url="") & Q(is_latest=True),
                name="document_url_unique_when_present",
                violation_error_message="A document with this URL is already stored.",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse_row("sources:document-detail", value=self.pk)
