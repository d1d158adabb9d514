"""Reads for the weekly digest: who gets one, and what goes in it.

Each section costs one or two queries (a count, then the rows it lists), with
its joins decided here, so a digest costs the same sixteen or so queries
whatever the week held (four of them for the changed events' figure summaries).
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.roles import Role, user_role
from claims.models import Claim, ConflictFlag, Event
from sources.models import Source

from .models import DigestPreference, Section
from .weeks import IsoWeek

# How many rows each list section shows; the counts above them are exact.
MOST_CONTESTED_CLAIMS = 5
LIST_LIMIT = 10
DISPUTED_SOURCES_LIMIT = 5


def digest_skip_reason(*, user, preference: DigestPreference, content=None) -> str:
    """Why `user` would get no digest, in words for the delivery log; "" if
    they would get one. The one place these rules live: the send, the dry run
    and the preview page all ask here. Pass the week's `content` to apply the
    empty-week rule too (it is the costly part, so it is read last)."""
    if not (user.is_active and user.email):
        return "No active account with an email."
    if user_role(user) is None:
        # The digest quotes claims and conflicts: only the newsroom may read it.
        return "No newsroom role."
    if not preference.subscribed:
        return "Unsubscribed."
    if content is not None and content.nothing_new and preference.skip_empty_weeks:
        return "Nothing new this week, and empty digests are switched off."
    return ""


def digest_preference_for(user) -> DigestPreference:
    """The user's preferences, or the defaults (unsaved) if they never changed them."""
    preference = DigestPreference.objects.filter(user=user).first()
    return preference or DigestPreference(user=user)


def digest_recipient_ids() -> QuerySet:
    """Ids of everyone who should get this week's digest, in a stable order.

    Active accounts with an email address and a newsroom role (so they may read
    claims at all), minus those who unsubscribed. No preference row means
    subscribed: everyone on the desk gets the digest unless they opt out.
    """
    User = get_user_model()
    has_role = Q(is_superuser=True) | Q(groups__name__in=[role.value for role in Role])
    return (
        User.objects.filter(has_role, is_active=True)
        .exclude(email="")
        .exclude(digest_preference__subscribed=False)
        .order_by("pk")
        .values_list("pk", flat=True)
        .distinct()
    )


def _flag_count_subquery() -> Coalesce:
    """How many flags, of any status, name the outer claim on either side.

    A subquery rather than Count() over both reverse relations, which would
    multiply the two joins together and overcount.
    """
    flags = ConflictFlag.objects.filter(Q(claim_a=OuterRef("pk")) | Q(claim_b=OuterRef("pk")))
    counted = flags.order_by().values(marker=Value(1)).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def disputed_claims() -> QuerySet:
    """Claims an editor would call disputed: marked disputed or false, or part of
    a conflict that is still open or acknowledged."""
    in_open_conflict = Exists(
        ConflictFlag.objects.filter(status__in=ConflictFlag.ACTIVE_STATUSES).filter(
            Q(claim_a=OuterRef("pk")) | Q(claim_b=OuterRef("pk"))
        )
    )
    return Claim.objects.filter(
        Q(status__in=(Claim.Status.DISPUTED, Claim.Status.FALSE)) | Q(in_open_conflict)
    )


def sources_with_most_disputed_claims(*, limit: int = DISPUTED_SOURCES_LIMIT) -> list[Source]:
    """Sources ranked by how many of the claims attributed to them are disputed.

    Each source carries `disputed_count` and `claim_count`.
    """
    disputed_ids = disputed_claims().values("pk")
    return list(
        Source.objects.annotate(
            disputed_count=Count(
                "attributions__claim",
                filter=Q(attributions__claim__in=disputed_ids),
                distinct=True,
            ),
            claim_count=Count("attributions__claim", distinct=True),
        )
        .filter(disputed_count__gt=0)
        .order_by("-disputed_count", "name")[:limit]
    )


def _flags_with_claims() -> QuerySet:
    return ConflictFlag.objects.select_related("claim_a", "claim_b")


@dataclass
class SeverityCount:
    severity: int
    label: str
    count: int


@dataclass
class DigestContent:
    """Everything one person's digest for one week says. Sections the reader
    switched off are left empty and not queried."""

    week: IsoWeek
    sections: list[str]
    built_at: datetime
    open_conflict_count: int
    new_claim_count: int = 0
    most_contested_claims: list[Claim] = field(default_factory=list)
    new_conflict_count: int = 0
    new_conflicts_by_severity: list[SeverityCount] = field(default_factory=list)
    new_conflicts: list[ConflictFlag] = field(default_factory=list)
    open_conflicts: list[ConflictFlag] = field(default_factory=list)
    resolved_conflict_count: int = 0
    resolved_conflicts: list[ConflictFlag] = field(default_factory=list)
    disputed_sources: list[Source] = field(default_factory=list)
    assigned_flags: list[ConflictFlag] = field(default_factory=list)
    # Figure summaries of the events whose figures changed this week (part of
    # the new-claims section): [(event, [FigureSummary, ...]), ...].
    changed_event_figures: list = field(default_factory=list)

    @property
    def nothing_new(self) -> bool:
        """No new claims, no new conflicts and nothing resolved, in the sections the
        reader takes. Still-open conflicts and assigned flags are not news."""
        return not (self.new_claim_count or self.new_conflict_count or self.resolved_conflict_count)


def _changed_event_figures(week: IsoWeek) -> list:
    """The figure summaries (detection/figure_summary.py) of events with a
    figure claim recorded or changed during the week, at most LIST_LIMIT
    events: four queries whatever the week held."""
    from detection.figure_summary import events_figure_summaries

    changed = Claim.objects.filter(
        Q(created_at__gte=week.starts_at, created_at__lt=week.ends_at)
        | Q(updated_at__gte=week.starts_at, updated_at__lt=week.ends_at),
        kind=Claim.Kind.FIGURE,
        event__isnull=False,
    )
    events = list(
        Event.objects.filter(pk__in=changed.values("event_id")).order_by("title", "id")[:LIST_LIMIT]
    )
    if not events:
        return []
    summaries = events_figure_summaries(events=events)
    return [(event, summaries[event.pk]) for event in events if summaries.get(event.pk)]


def digest_content_for(*, user, week: IsoWeek, sections: list[str] | None = None) -> DigestContent:
    """Build one person's digest for `week` from the claims and conflicts tables.

    "New" means created during the week (Monday 00:00 to Monday 00:00 in the
    newsroom's time zone); "still open" and the source ranking are as of now.
    """
    if sections is None:
        sections = digest_preference_for(user).sections
    now = timezone.now()
    in_week = Q(created_at__gte=week.starts_at, created_at__lt=week.ends_at)
    active = ConflictFlag.objects.filter(status__in=ConflictFlag.ACTIVE_STATUSES)
    content = DigestContent(week=week, sections=sections, built_at=now, open_conflict_count=active.count())

    if Section.NEW_CLAIMS in sections:
        _new_claims_add(content, in_week)
    if Section.NEW_CONFLICTS in sections:
        _new_conflicts_add(content, in_week)
    if Section.OPEN_CONFLICTS in sections and content.open_conflict_count:
        content.open_conflicts = list(
            _flags_with_claims()
            .filter(status__in=ConflictFlag.ACTIVE_STATUSES)
            .select_related("assignee")
            .order_by("created_at", "id")[:LIST_LIMIT]
        )
        for flag in content.open_conflicts:
            flag.age_days = (now - flag.created_at).days
    if Section.RESOLVED_CONFLICTS in sections:
        _resolved_conflicts_add(content)
    if Section.DISPUTED_SOURCES in sections:
        content.disputed_sources = sources_with_most_disputed_claims()
    if Section.MY_FLAGS in sections:
        content.assigned_flags = list(
            _flags_with_claims()
            .filter(assignee=user, status__in=ConflictFlag.ACTIVE_STATUSES)
            .order_by("-severity", "created_at", "id")[:LIST_LIMIT]
        )
        for flag in content.assigned_flags:
            flag.age_days = (now - flag.created_at).days
    return content


def _new_claims_add(content: DigestContent, in_week: Q) -> None:
    """The week's new claims: how many, the most contested, and the events whose figures changed."""
    new_claims = Claim.objects.filter(in_week)
    content.new_claim_count = new_claims.count()
    if content.new_claim_count:
        content.most_contested_claims = list(
            new_claims.annotate(flag_count=_flag_count_subquery())
            .filter(flag_count__gt=0)
            .order_by("-flag_count", "-created_at", "-id")[:MOST_CONTESTED_CLAIMS]
        )
    content.changed_event_figures = _changed_event_figures(content.week)


def _new_conflicts_add(content: DigestContent, in_week: Q) -> None:
    """The week's new conflicts: counted by severity, and listed most severe first."""
    new_flags = ConflictFlag.objects.filter(in_week)
    by_severity = dict(
        new_flags.order_by().values_list("severity").annotate(n=Count("pk")).values_list("severity", "n")
    )
    content.new_conflicts_by_severity = [
        SeverityCount(severity=severity.value, label=severity.label, count=by_severity[severity.value])
        for severity in reversed(ConflictFlag.Severity)
        if by_severity.get(severity.value)
    ]
    content.new_conflict_count = sum(by_severity.values())
    if content.new_conflict_count:
        content.new_conflicts = list(
            _flags_with_claims().filter(in_week).order_by("-severity", "created_at", "id")[:LIST_LIMIT]
        )


def _resolved_conflicts_add(content: DigestContent) -> None:
    """Conflicts closed (resolved or dismissed) during the week."""
    week = content.week
    closed_in_week = ConflictFlag.objects.filter(
        status__in=ConflictFlag.CLOSED_STATUSES,
        resolved_at__gte=week.starts_at,
        resolved_at__lt=week.ends_at,
    )
    content.resolved_conflict_count = closed_in_week.count()
    if content.resolved_conflict_count:
        content.resolved_conflicts = list(
            closed_in_week.select_related("claim_a", "claim_b", "resolved_by").order_by("resolved_at", "id")[
                :LIST_LIMIT
            ]
        )


def digest_reader_choices() -> QuerySet:
    """Accounts an editor may preview a digest for: active people with a role."""
    User = get_user_model()
    has_role = Q(is_superuser=True) | Q(groups__name__in=[role.value for role in Role])
    return User.objects.filter(has_role, is_active=True).distinct().order_by("username")
