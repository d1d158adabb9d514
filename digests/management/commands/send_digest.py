"""Send (or preview) the weekly digest by hand.

    manage.py send_digest                         # everyone, for the week that just ended
    manage.py send_digest --week 2024-W48         # everyone, for that week
    manage.py send_digest --user editor --dry-run # show what editor would get, send nothing

Sending goes through the same service as the Monday task, so anyone who
already has that week's digest is not sent it again.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from digests.models import DigestDelivery
from digests.selectors import (
    digest_content_for,
    digest_preference_for,
    digest_recipient_ids,
    digest_skip_reason,
)
from digests.services import SMTP_ERRORS, digest_message_build, digest_send
from digests.weeks import IsoWeek


class Command(BaseCommand):
    help = "Send the weekly digest email (or show it with --dry-run)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--week", help="ISO week to cover, e.g. 2024-W48. Default: the week that just ended."
        )
        parser.add_argument("--user", help="Only this username (even if they would not get it otherwise).")
        parser.add_argument(
            "--dry-run", action="store_true", help="Print each digest instead of sending it; change nothing."
        )

    def handle(self, *args, week=None, user=None, dry_run=False, **options):
        try:
            week = IsoWeek.parse(week) if week else IsoWeek.last_complete()
        except ValueError as error:
            raise CommandError(str(error)) from None
        User = get_user_model()
        if user:
            reader = User.objects.filter(username=user).first()
            if reader is None:
                raise CommandError(f"No user is called {user!r}.")
            readers = [reader]
        else:
            readers = User.objects.filter(pk__in=digest_recipient_ids()).order_by("pk")

        if dry_run:
            for reader in readers:
                self._preview(reader, week, show_body=bool(user))
            return

        failures = 0
        for reader in readers:
            already = DigestDelivery.objects.filter(
                user=reader,
                week=str(week),
                status__in=(DigestDelivery.Status.SENT, DigestDelivery.Status.SKIPPED),
            ).first()
            if already is not None:
                self.stdout.write(f"{reader.get_username()}: {already.status} already, not sent again")
                continue
            try:
                delivery = digest_send(user_id=reader.pk, week=week)
            except SMTP_ERRORS as error:
                failures += 1
                self.stderr.write(f"{reader.get_username()}: failed ({error}); recorded, run again to retry.")
                continue
            self.stdout.write(self._describe(reader, delivery))
        if failures:
            raise CommandError(f"{failures} digest(s) for {week} could not be sent.")

    def _describe(self, reader, delivery: DigestDelivery) -> str:
        name = reader.get_username()
        if delivery.status == DigestDelivery.Status.SENT:
            return f"{name}: sent to {reader.email}: {delivery.subject}"
        if delivery.status == DigestDelivery.Status.SKIPPED:
            return f"{name}: skipped ({delivery.skip_reason})"
        return f"{name}: {delivery.status}, so not sent now"

    def _preview(self, reader, week: IsoWeek, *, show_body: bool) -> None:
        preference = digest_preference_for(reader)
        content = digest_content_for(user=reader, week=week, sections=preference.sections)
        message = digest_message_build(user=reader, week=week, content=content, with_unsubscribe_token=False)
        reason = digest_skip_reason(user=reader, preference=preference, content=content)
        note = f" (would not be sent: {reason[0].lower()}{reason[1:].rstrip('.')})" if reason else ""
        self.stdout.write(f"[dry run] {reader.get_username()} <{reader.email}>: {message.subject}{note}")
        if show_body:
            self.stdout.write(message.body)
