"""Writes to events (the groups claims are filed under)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.defaultfilters import pluralize
from django.utils import timezone

from core.exceptions import ConflictError
from core.lost_updates import VersionCheck, check_unchanged
from core.richtext import sanitize_rich_text
from core.services import model_update
from live.announce import announce

from ..models import AuditEntry, Claim, Event
from .history import _audit, _audit_event
from .recheck import claims_recheck


@transaction.atomic
def event_create(
    *,
    title: str,
    user=None,
    start_date: date | None = None,
    end_date: date | None = None,
    place: str = "",
    description: str = "",
) -> Event:
    """Create an event that claims can be grouped under."""
    event = Event(
        title=" ".join((title or "").split()),
        start_date=start_date,
        end_date=end_date,
        place=(place or "").strip(),
        description=sanitize_rich_text(description),
    )
    event.full_clean()
    event.save()
    _audit_event(event.pk, action=AuditEntry.Action.CREATED, user=user, to_value=event.title)
    return event


@transaction.atomic
def event_update(
    *, event_id: int, user=None, unchanged_since: VersionCheck | None = None, **changes
) -> Event:
    """Change an event; its claims are rechecked because 'same event' changed meaning."""
    event = Event.objects.select_for_update().get(pk=event_id)
    check_unchanged(unchanged_since, event)
    edited = model_update(
        instance=event,
        data=changes,
        allowed=("title", "start_date", "end_date", "place", "description"),
        normalise={"description": sanitize_rich_text},
    )
    if edited:
        _audit_event(event.pk, action=AuditEntry.Action.EDITED, user=user, changes=edited)
    announce(kind="event", event_ids=[event.pk])
    claims_recheck(claim_ids=list(event.claims.values_list("id", flat=True)))
    return event


@transaction.atomic
def event_delete(
    *, event_id: int, user=None, ungroup_claims: bool = False, unchanged_since: VersionCheck | None = None
) -> None:
    """Delete an event. One that still groups claims is deleted only when the
    caller says its claims may stay ungrouped (`ungroup_claims`): an event
    deleted by mistake would otherwise take a desk's timeline, its figure
    summaries and its disputes with it, without a word. A duplicate event is
    merged instead (event_merge), which keeps its claims together."""
    event = Event.objects.select_for_update().get(pk=event_id)
    check_unchanged(unchanged_since, event)
    claim_ids = list(Claim.objects.select_for_update().filter(event_id=event_id).values_list("id", flat=True))
    if claim_ids and not ungroup_claims:
        count = len(claim_ids)
        raise ConflictError(
            f"“{event.title}” still groups {count} claim{pluralize(count)}. Merge it into another "
            "event to keep them together, or delete it with its claims ungrouped.",
            code="event_has_claims",
        )
    title = event.title
    event.delete()
    _audit_event(event_id, action=AuditEntry.Action.DELETED, user=user, from_value=title)
    # Each ungrouped claim's own history says which event it left.
    for claim in Claim.objects.filter(pk__in=claim_ids).order_by("pk"):
        _audit(claim=claim, action=AuditEntry.Action.EDITED, actor=user, changes={"event": [title, ""]})
    claims_recheck(claim_ids=claim_ids)


@transaction.atomic
def event_merge(*, event_id: int, into_event_id: int, user=None, reason: str = "") -> Event:
    """Fold a duplicate event into another and delete it.

    Two desks that each opened "the airstrikes around Aleppo" end up with one
    timeline: every claim of the duplicate moves to `into_event_id`, with a
    line on its own history saying from which event, and is rechecked against
    its new neighbours (same-event conflicts and agreements the split hid).
    The duplicate's history records where it went, with the editor's
    `reason` if given. Returns the kept event.
    """
    reason = " ".join((reason or "").split())
    if event_id == into_event_id:
        raise ValidationError({"into": "An event cannot be merged into itself."})
    # Both rows locked in id order, as any two merges touching them would.
    events = Event.objects.select_for_update().filter(pk__in=(event_id, into_event_id)).order_by("pk")
    found = {event.pk: event for event in events}
    if event_id not in found:
        raise Event.DoesNotExist(f"Event {event_id} does not exist.")
    if into_event_id not in found:
        raise ValidationError({"into": "That event no longer exists: it may have been merged or deleted."})
    duplicate, kept = found[event_id], found[into_event_id]
    moved = list(Claim.objects.select_for_update().filter(event_id=duplicate.pk).order_by("pk"))
    Claim.objects.filter(pk__in=[claim.pk for claim in moved]).update(event=kept, updated_at=timezone.now())
    for claim in moved:
        claim.event = kept
        _audit(
            claim=claim,
            action=AuditEntry.Action.EDITED,
            actor=user,
            changes={"event": [duplicate.title, kept.title]},
            related_type=AuditEntry.ObjectType.EVENT,
            related_id=duplicate.pk,
            reason=reason,
        )
    _audit_event(
        kept.pk,
        action=AuditEntry.Action.EDITED,
        user=user,
        changes={"merged_in": [f"#{duplicate.pk} {duplicate.title}", f"{len(moved)} claims"]},
        related_type=AuditEntry.ObjectType.EVENT,
        related_id=duplicate.pk,
        reason=reason,
    )
    _audit_event(
        duplicate.pk,
        action=AuditEntry.Action.DELETED,
        user=user,
        from_value=duplicate.title,
        to_value=f"merged into #{kept.pk} {kept.title}",
        related_type=AuditEntry.ObjectType.EVENT,
        related_id=kept.pk,
        reason=reason,
    )
    duplicate.delete()
    announce(kind="event", event_ids=[duplicate.pk, kept.pk])
    claims_recheck(claim_ids=[claim.pk for claim in moved])
    return kept
