"""Every write the digest feature makes: preferences, unsubscribes, and sending
one person's digest for one week exactly once."""

import logging
import smtplib

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from core.email import email_build
from core.lost_updates import VersionCheck, check_unchanged
from core.read_replica import reading_from_replica

from .models import DigestDelivery, DigestPreference, Section, section_field
from .selectors import DigestContent, digest_content_for, digest_preference_for, digest_skip_reason
from .tokens import unsubscribe_token_for
from .weeks import IsoWeek

logger = logging.getLogger(__name__)

# What a mail server going away looks like: worth recording and retrying.
# (SMTPException is an OSError too; both are named so the intent is plain.)
SMTP_ERRORS = (smtplib.SMTPException, OSError)

PREFERENCE_FIELDS = ("subscribed", "skip_empty_weeks", *(section_field(section) for section in Section))

DIGEST_TEMPLATE = "digests/email/digest"


# Preferences


@transaction.atomic
def digest_preference_update(
    *, user, unchanged_since: VersionCheck | None = None, **changes
) -> DigestPreference:
    """Change what `user` receives. Unknown fields and non-booleans are refused;
    so is a change based on settings saved over since (`unchanged_since`, the
    API's If-Match or the page's edit base: StaleEdit), checked under the lock."""
    unknown = sorted(set(changes) - set(PREFERENCE_FIELDS))
    if unknown:
        raise ValidationError({name: "Not a digest preference." for name in unknown})
    wrong_type = [name for name, value in changes.items() if not isinstance(value, bool)]
    if wrong_type:
        raise ValidationError({name: "Must be true or false." for name in wrong_type})
    # Lock the row so two saves (the page and the API) do not interleave.
    preference, _ = DigestPreference.objects.select_for_update().get_or_create(user=user)
    check_unchanged(unchanged_since, preference)
    was_subscribed = preference.subscribed
    for name, value in changes.items():
        setattr(preference, name, value)
    if was_subscribed and not preference.subscribed:
        preference.unsubscribed_at = timezone.now()
    preference.save()
    return preference


@transaction.atomic
def digest_unsubscribe(*, user_id: int) -> DigestPreference:
    """Stop sending the digest to this user (from the email's unsubscribe link).

    Unsubscribing twice is fine: the second time changes nothing.
    """
    user = get_user_model().objects.get(pk=user_id)
    preference, _ = DigestPreference.objects.select_for_update().get_or_create(user=user)
    if preference.subscribed:
        preference.subscribed = False
        preference.unsubscribed_at = timezone.now()
        preference.save(update_fields=["subscribed", "unsubscribed_at", "updated_at"])
    return preference


# Building and sending


def _absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def digest_message_build(
    *,
    user,
    week: IsoWeek,
    content: DigestContent | None = None,
    with_unsubscribe_token: bool = True,
) -> EmailMultiAlternatives:
    """The digest email for `user` and `week`, rendered but not sent.

    Previews made for someone else pass with_unsubscribe_token=False: the
    unsubscribe link then points at the settings page, so an editor looking at
    a colleague's digest never holds a working unsubscribe link for them.
    """
    if content is None:
        content = digest_content_for(user=user, week=week)
    preferences_url = _absolute(reverse("digests:preferences"))
    headers = {
        # RFC 3834: mark as automatic so out-of-office replies stay away.
        "Auto-Submitted": "auto-generated",
    }
    if with_unsubscribe_token:
        unsubscribe_url = _absolute(
            reverse("digests:unsubscribe", kwargs={"token": unsubscribe_token_for(user.pk)})
        )
        # RFC 2369 and RFC 8058: mail clients show an unsubscribe button that
        # POSTs "List-Unsubscribe=One-Click" to this URL without a login.
        headers["List-Unsubscribe"] = f"<{unsubscribe_url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    else:
        unsubscribe_url = preferences_url
    context = {
        "user": user,
        "reader_name": user.get_short_name() or user.get_username(),
        "week": week,
        "content": content,
        "Section": Section,
        "site_url": settings.SITE_URL,
        "dashboard_url": _absolute(reverse("dashboard")),
        "preferences_url": preferences_url,
        "unsubscribe_url": unsubscribe_url,
    }
    return email_build(template=DIGEST_TEMPLATE, context=context, to=[user.email], headers=headers)


def _delivery_finish(delivery: DigestDelivery, *, status: str, **fields) -> DigestDelivery:
    for name, value in fields.items():
        setattr(delivery, name, value)
    delivery.status = status
    delivery.save(update_fields=["status", *fields, "updated_at"])
    return delivery


def _delivery_claim(delivery: DigestDelivery) -> bool:
    """Claim the work: whether this caller is the one to send (the record is
    re-read either way)."""
    # Only the caller whose conditional UPDATE changes exactly one row goes
    # on; everyone else sees it sending, sent or skipped and stops. This is
    # what makes a retried, duplicated or re-run task send nothing twice.
    claimed = DigestDelivery.objects.filter(
        pk=delivery.pk, status__in=DigestDelivery.CLAIMABLE_STATUSES
    ).update(
        status=DigestDelivery.Status.SENDING,
        attempts=F("attempts") + 1,
        updated_at=timezone.now(),
    )
    delivery.refresh_from_db()
    return claimed == 1


def _digest_message_or_skip_reason(*, user, week: IsoWeek) -> tuple[EmailMultiAlternatives | None, str]:
    """The person's digest message for the week, or why they get none."""
    preference = digest_preference_for(user)
    # Who gets a digest is decided in one place (digest_skip_reason); the
    # week's content is read only for someone who would get one.
    skip_reason = digest_skip_reason(user=user, preference=preference)
    content = None
    if not skip_reason:
        # The week has ended: its content may come from a read replica (core/read_replica.py).
        with reading_from_replica():
            content = digest_content_for(user=user, week=week, sections=preference.sections)
    skip_reason = skip_reason or digest_skip_reason(user=user, preference=preference, content=content)
    if skip_reason:
        return None, skip_reason
    return digest_message_build(user=user, week=week, content=content), ""


def digest_send(*, user_id: int, week: IsoWeek) -> DigestDelivery | None:
    """Send `user_id` their digest for `week`, at most once however often it is called.

    Returns the delivery record (None if the user is gone). SMTP errors are
    recorded on the record (status failed) and raised again for the caller to
    retry; a later call may claim a failed record and try again.
    """
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None:
        return None
    # The unique constraint on (user, week) means two racing callers end up
    # with the same row; get_or_create re-reads it if the insert loses.
    delivery, _ = DigestDelivery.objects.get_or_create(user=user, week=str(week))

    if not _delivery_claim(delivery):
        logger.info("Digest %s for user %s is already %s; not sending.", week, user_id, delivery.status)
        return delivery

    connection = None
    try:
        message, skip_reason = _digest_message_or_skip_reason(user=user, week=week)
        if skip_reason:
            return _delivery_finish(delivery, status=DigestDelivery.Status.SKIPPED, skip_reason=skip_reason)
        # Open the connection ourselves: send_messages() then leaves it open,
        # so an error while hanging up (after the server accepted the message)
        # cannot be mistaken for a failed send and cause a second one.
        connection = get_connection(fail_silently=False)
        connection.open()
        message.connection = connection
        connection.send_messages([message])
    except Exception as error:
        if connection is not None:
            connection.fail_silently = True
            connection.close()
        # Recorded whatever went wrong, so the row never sits in "sending" for
        # a send that did not happen; SMTP errors are then retried by the task.
        _delivery_finish(
            delivery, status=DigestDelivery.Status.FAILED, last_error=f"{type(error).__name__}: {error}"
        )
        if isinstance(error, SMTP_ERRORS):
            logger.warning("Digest %s for user %s failed to send: %s", week, user_id, error)
        raise
    # Outside the try: once the server has accepted the message, nothing may
    # mark it failed (and so sendable again).
    try:
        connection.close()
    except SMTP_ERRORS as error:
        logger.warning("Digest %s for user %s was sent; hanging up failed: %s", week, user_id, error)
    return _delivery_finish(
        delivery,
        status=DigestDelivery.Status.SENT,
        sent_at=timezone.now(),
        subject=message.subject,
        last_error="",
    )
