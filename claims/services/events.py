"""Writes to events (the groups claims are filed under)."""

from datetime import date

from django.db import transaction

from core.lost_updates import VersionCheck, check_unchanged
from core.richtext import sanitize_rich_text
from core.services import model_update
from live.announce import announce

from ..models import AuditEntry, Event
from .history import _audit_event
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
def event_delete(*, event_id: int, user=None, unchanged_since: VersionCheck | None = None) -> None:
    """Delete an event; its claims stay, ungrouped, and are rechecked."""
    event = Event.objects.select_for_update().get(pk=event_id)
    check_unchanged(unchanged_since, event)
    claim_ids = list(event.claims.values_list("id", flat=True))
    title = event.title
    event.delete()
    _audit_event(event_id, action=AuditEntry.Action.DELETED, user=user, from_value=title)
    claims_recheck(claim_ids=claim_ids)
