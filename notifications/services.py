"""Every write about notifications: recording them from domain events,
reading them, following, and the rate-limited alert email."""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from claims.models import Attribution, Claim, ConflictFlag, Event
from core import events
from core.email import email_send
from sources.models import Source

from .models import AlertPreference, Follow, Notification
from .selectors import notification_unread_count_forget
from .tokens import unsubscribe_token_for

logger = logging.getLogger(__name__)

Kind = Notification.Kind


def _name(user) -> str:
    return user.get_username() if user is not None else "The detector"


def _short(text: str, limit: int = 200) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _followers_of_flag(flag: ConflictFlag) -> set[int]:
    """Who follows the event of one of the flag's claims, or a source credited on them."""
    claim_ids = flag.claim_ids
    event_ids = set(
        Claim.objects.filter(pk__in=claim_ids, event__isnull=False).values_list("event_id", flat=True)
    )
    source_ids = set(Attribution.objects.filter(claim_id__in=claim_ids).values_list("source_id", flat=True))
    return set(
        Follow.objects.filter(Q(event_id__in=event_ids) | Q(source_id__in=source_ids)).values_list(
            "user_id", flat=True
        )
    )


def _recipients_and_message(
    event_type: str, actor, subjects: dict
) -> tuple[Kind, set[int], str, str, ConflictFlag | None]:
    flag = subjects.get("flag")
    if event_type == events.FLAG_ASSIGNED and flag is not None and flag.assignee_id:
        message = f"{_name(actor)} assigned you conflict #{flag.pk}: {_short(flag.explanation)}"
        return Kind.FLAG_ASSIGNED, {flag.assignee_id}, message, flag.get_absolute_url(), flag
    if event_type in (events.FLAG_RAISED, events.DISPUTE_REOPENED) and flag is not None:
        if flag.severity < ConflictFlag.Severity.HIGH:
            return Kind.FOLLOWED_FLAG, set(), "", "", None
        verb = "raised" if event_type == events.FLAG_RAISED else "re-opened"
        message = f"{flag.get_severity_display()} conflict #{flag.pk} {verb}: {_short(flag.explanation)}"
        return Kind.FOLLOWED_FLAG, _followers_of_flag(flag), message, flag.get_absolute_url(), flag
    if event_type in (events.FLAG_RESOLVED, events.FLAG_DISMISSED) and flag is not None:
        creators = set(
            Claim.objects.filter(pk__in=flag.claim_ids, created_by__isnull=False).values_list(
                "created_by_id", flat=True
            )
        )
        message = (
            f"{_name(actor)} {flag.status} conflict #{flag.pk} on your claim: {_short(flag.resolution_note)}"
        )
        return Kind.CLAIM_RESOLVED, creators, message, flag.get_absolute_url(), flag
    claim = subjects.get("claim")
    if event_type == events.CLAIM_STATUS_CHANGED and claim is not None and claim.created_by_id:
        if subjects.get("to_status") not in (Claim.Status.DISPUTED, Claim.Status.FALSE):
            return Kind.CLAIM_DISPUTED, set(), "", "", None
        message = f"{_name(actor)} marked your claim #{claim.pk} {subjects['to_status']}: {_short(subjects.get('reason', ''))}"
        return Kind.CLAIM_DISPUTED, {claim.created_by_id}, message, claim.get_absolute_url(), None
    document = subjects.get("document")
    if event_type == events.PROPOSALS_READY and document is not None and document.created_by_id:
        count = subjects.get("count", 0)
        message = f"{count} proposed claim{'s' if count != 1 else ''} ready for review in “{_short(document.title, 120)}”"
        url = reverse("ingestion:proposal-review", kwargs={"pk": document.pk})
        return Kind.PROPOSALS_READY, {document.created_by_id}, message, url, None
    endpoint = subjects.get("endpoint")
    if event_type == events.WEBHOOK_DISABLED and endpoint is not None:
        message = f"Your webhook to {_short(endpoint.url, 120)} was switched off: {endpoint.disabled_reason}"
        return Kind.WEBHOOK_DISABLED, {endpoint.owner_id}, message, endpoint.get_absolute_url(), None
    return Kind.FLAG_ASSIGNED, set(), "", "", None


def notifications_record(event_type: str, *, actor=None, **subjects) -> list[Notification]:
    """The core/events.py subscriber: notify the people an event concerns
    (never the person who did it), inside the publisher's transaction; alert
    emails for critical flags are queued once it commits."""
    kind, user_ids, message, url, flag = _recipients_and_message(event_type, actor, subjects)
    if actor is not None:
        user_ids.discard(actor.pk)
    if not user_ids:
        return []
    critical = flag is not None and flag.severity >= ConflictFlag.Severity.CRITICAL
    made = Notification.objects.bulk_create(
        [
            Notification(
                user_id=user_id, kind=kind, message=message[:500], url=url, flag=flag, critical=critical
            )
            for user_id in sorted(user_ids)
        ]
    )
    notification_unread_count_forget(user_ids=user_ids)
    if critical:
        wanting = list(
            AlertPreference.objects.filter(user_id__in=user_ids, email_critical=True).values_list(
                "user_id", flat=True
            )
        )
        if wanting:
            transaction.on_commit(lambda: _queue_alert_emails(wanting))
    return made


def _queue_alert_emails(user_ids) -> None:
    from .tasks import send_alert_email

    for user_id in user_ids:
        try:
            send_alert_email.delay(user_id)
        except Exception:
            logger.warning("Could not queue the alert email for user %s; the beat job will.", user_id)


# Reading and following


@transaction.atomic
def notification_mark_read(*, user, notification_id: int | None = None) -> int:
    """Mark one of the user's notifications read, or all of them (None)."""
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if notification_id is not None:
        unread = unread.filter(pk=notification_id)
    notification_unread_count_forget(user_ids=[user.pk])
    return unread.update(read_at=timezone.now(), updated_at=timezone.now())


@transaction.atomic
def follow_toggle(*, user, event: Event | None = None, source: Source | None = None) -> bool:
    """Follow the event or source, or stop following it. Returns whether the
    user follows it now."""
    if (event is None) == (source is None):
        raise ValueError("Follow exactly one event or one source.")
    lookup = {"user": user, "event": event} if event is not None else {"user": user, "source": source}
    deleted, _ = Follow.objects.filter(**lookup).delete()
    if deleted:
        return False
    Follow.objects.get_or_create(**lookup)
    return True


@transaction.atomic
def alert_preference_update(*, user, email_critical: bool) -> AlertPreference:
    preference, _ = AlertPreference.objects.select_for_update().get_or_create(user=user)
    if preference.email_critical != email_critical:
        preference.email_critical = email_critical
        preference.unsubscribed_at = None if email_critical else timezone.now()
        preference.save(update_fields=["email_critical", "unsubscribed_at", "updated_at"])
    return preference


def alert_unsubscribe(*, user_id: int) -> AlertPreference:
    """The email's unsubscribe link: no more alert emails (twice is fine)."""
    from django.contrib.auth import get_user_model

    return alert_preference_update(user=get_user_model().objects.get(pk=user_id), email_critical=False)


# The alert email


def alert_interval() -> timedelta:
    return timedelta(minutes=settings.NOTIFICATIONS_ALERT_EMAIL_MINUTES)


def alert_email_send(*, user_id: int) -> bool:
    """Send the user one email listing every critical-flag notification not
    yet emailed, unless one went out less than the interval ago (the beat job
    sends the batch once the interval has passed). The preference row is
    locked, so two workers never both send; a failed send rolls the marks
    back and the task retries. Returns whether an email was sent."""
    with transaction.atomic():
        preference = AlertPreference.objects.select_for_update().filter(user_id=user_id).first()
        if preference is None or not preference.email_critical or not preference.user.email:
            return False
        now = timezone.now()
        if preference.last_email_at and now - preference.last_email_at < alert_interval():
            return False
        pending = list(
            Notification.objects.filter(user_id=user_id, critical=True, emailed_at__isnull=True).order_by(
                "created_at"
            )
        )
        if not pending:
            return False
        user = preference.user
        unsubscribe_url = settings.SITE_URL + reverse(
            "notifications:unsubscribe", kwargs={"token": unsubscribe_token_for(user.pk)}
        )
        email_send(
            template="notifications/email/critical_alert",
            context={
                "user": user,
                "notifications": pending,
                "site_url": settings.SITE_URL,
                "list_url": settings.SITE_URL + reverse("notifications:list"),
                "unsubscribe_url": unsubscribe_url,
                "minutes": settings.NOTIFICATIONS_ALERT_EMAIL_MINUTES,
            },
            to=[user.email],
            headers={
                "Auto-Submitted": "auto-generated",
                "List-Unsubscribe": f"<{unsubscribe_url}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
        )
        Notification.objects.filter(pk__in=[n.pk for n in pending]).update(emailed_at=now)
        preference.last_email_at = now
        preference.save(update_fields=["last_email_at", "updated_at"])
    return True


def alert_emails_due_user_ids() -> list[int]:
    """Users with critical notifications not yet emailed whose interval has passed."""
    cutoff = timezone.now() - alert_interval()
    return list(
        AlertPreference.objects.filter(email_critical=True)
        .filter(Q(last_email_at__isnull=True) | Q(last_email_at__lte=cutoff))
        .filter(user__notifications__critical=True, user__notifications__emailed_at__isnull=True)
        .values_list("user_id", flat=True)
        .distinct()
    )
