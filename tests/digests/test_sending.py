"""Sending the weekly digest: exactly once per reader and week, retries on
mail-server trouble, and the reader's opt-outs."""

import email
import smtplib
from email import policy

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend

from digests.models import DigestDelivery
from digests.selectors import digest_recipient_ids
from digests.services import digest_preference_update, digest_send, digest_unsubscribe
from digests.tasks import MAX_RETRIES, send_digest_to_user, send_weekly_digests
from digests.weeks import IsoWeek
from tests import factories

from .conftest import WEEK


class RefusingBackend(EmailBackend):
    """The in-memory test backend, except that the mail server refuses anything
    for the addresses in `refuse` (address -> how many more times to refuse)."""

    refuse: dict[str, float] = {}
    attempts: list[str] = []

    def send_messages(self, messages):
        for message in messages:
            for address in message.to:
                RefusingBackend.attempts.append(address)
                if RefusingBackend.refuse.get(address, 0) > 0:
                    RefusingBackend.refuse[address] -= 1
                    raise smtplib.SMTPRecipientsRefused({address: (451, b"4.3.0 Try again later")})
        return super().send_messages(messages)


@pytest.fixture
def eager_retries():
    """Let in-process tasks retry as a worker would.

    The test settings make eager tasks raise, so that a failure is never
    hidden; but an eager task that raises cannot retry. With propagation off
    (as in development without a broker), Celery re-runs a retried task at
    once, skipping the countdown.
    """
    from tracker.celery import app

    previous = app.conf.task_eager_propagates
    app.conf.task_eager_propagates = False
    yield
    app.conf.task_eager_propagates = previous


@pytest.fixture
def refusing_mail_server(settings, eager_retries):
    settings.EMAIL_BACKEND = "tests.digests.test_sending.RefusingBackend"
    RefusingBackend.refuse = {}
    RefusingBackend.attempts = []
    yield RefusingBackend
    RefusingBackend.refuse = {}
    RefusingBackend.attempts = []


def test_sending_the_same_digest_twice_sends_one_email(desk_week, monday_morning):
    first = digest_send(user_id=desk_week.factchecker.pk, week=WEEK)
    second = digest_send(user_id=desk_week.factchecker.pk, week=WEEK)

    assert len(mail.outbox) == 1
    assert first.pk == second.pk
    assert second.status == DigestDelivery.Status.SENT
    assert second.attempts == 1


def test_running_the_weekly_task_twice_sends_each_reader_one_email(desk_week, monday_morning):
    assert send_weekly_digests() == 3
    assert send_weekly_digests() == 3

    assert sorted(message.to[0] for message in mail.outbox) == [
        "editor@newsroom.example",
        "factchecker@newsroom.example",
        "viewer@newsroom.example",
    ]
    assert DigestDelivery.objects.filter(week="2024-W48", status=DigestDelivery.Status.SENT).count() == 3


def test_the_weekly_task_covers_the_week_that_just_ended(desk_week, monday_morning):
    send_weekly_digests()

    assert set(DigestDelivery.objects.values_list("week", flat=True)) == {"2024-W48"}
    assert "2024-W48" in mail.outbox[0].subject


def test_a_digest_another_worker_is_sending_is_not_sent_again(desk_week, monday_morning):
    DigestDelivery.objects.create(user=desk_week.viewer, week=str(WEEK), status=DigestDelivery.Status.SENDING)

    delivery = digest_send(user_id=desk_week.viewer.pk, week=WEEK)

    assert mail.outbox == []
    assert delivery.status == DigestDelivery.Status.SENDING


def test_the_subject_names_the_week_and_the_open_conflicts(desk_week, monday_morning):
    digest_send(user_id=desk_week.viewer.pk, week=WEEK)

    assert mail.outbox[0].subject == "Claimtrack weekly digest, 2024-W48: 4 open conflicts"


def test_the_email_has_a_plain_text_and_an_html_part_with_absolute_links(desk_week, monday_morning, settings):
    settings.SITE_URL = "https://claims.newsroom.example"
    digest_send(user_id=desk_week.factchecker.pk, week=WEEK)

    message = mail.outbox[0]
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    flag_url = f"https://claims.newsroom.example/flags/{desk_week.figure_flag.pk}/"
    claim_url = f"https://claims.newsroom.example/claims/{desk_week.russia_figure.pk}/"
    for body in (message.body, html):
        assert flag_url in body
        assert claim_url in body
        assert "https://claims.newsroom.example/sources/" in body
        assert "understates" in body  # how the territory conflict was resolved
        assert "13 days old" in body  # the oldest open conflict
    assert "Flags assigned to you (1)" in html
    assert "FLAGS ASSIGNED TO YOU (1)" in message.body
    # Plain text is not HTML-escaped.
    assert "the army's wording" in message.body
    assert "&#x27;" not in message.body


def test_the_html_part_is_readable_in_dark_mode(desk_week, monday_morning):
    digest_send(user_id=desk_week.viewer.pk, week=WEEK)

    [(html, _)] = mail.outbox[0].alternatives
    assert '<meta name="color-scheme" content="light dark">' in html
    assert "prefers-color-scheme: dark" in html
    # Every text block sets its own colour rather than trusting the client's default.
    assert 'style="margin:0 0 12px; color:#1f2328;"' in html
    assert "background-color:#ffffff" in html


def test_every_email_carries_a_one_click_unsubscribe_header(desk_week, monday_morning, settings):
    settings.SITE_URL = "https://claims.newsroom.example"
    digest_send(user_id=desk_week.viewer.pk, week=WEEK)

    headers = mail.outbox[0].extra_headers
    assert headers["List-Unsubscribe"].startswith("<https://claims.newsroom.example/digests/unsubscribe/")
    assert headers["List-Unsubscribe"].endswith("/>")
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe_url = headers["List-Unsubscribe"].strip("<>")
    assert unsubscribe_url in mail.outbox[0].body


def test_an_unsubscribed_reader_gets_no_digest(desk_week, monday_morning):
    digest_unsubscribe(user_id=desk_week.viewer.pk)

    send_weekly_digests()

    assert "viewer@newsroom.example" not in [message.to[0] for message in mail.outbox]
    assert len(mail.outbox) == 2


def test_a_reader_who_unsubscribes_after_the_fan_out_is_skipped_and_it_is_recorded(desk_week, monday_morning):
    digest_unsubscribe(user_id=desk_week.viewer.pk)

    delivery = digest_send(user_id=desk_week.viewer.pk, week=WEEK)

    assert mail.outbox == []
    assert delivery.status == DigestDelivery.Status.SKIPPED
    assert delivery.skip_reason == "Unsubscribed."


def test_a_week_with_nothing_new_still_sends_a_one_line_digest(desk_week):
    quiet_week = IsoWeek(2024, 49)
    with time_machine.travel("2024-12-09 07:00Z", tick=False):
        digest_send(user_id=desk_week.viewer.pk, week=quiet_week)

    [message] = mail.outbox
    assert message.subject == "Claimtrack weekly digest, 2024-W49: 4 open conflicts (nothing new)"
    assert "Nothing new this week: no new claims, no new conflicts and nothing resolved." in message.body
    assert "NEW CLAIMS" not in message.body


def test_a_reader_who_skips_empty_weeks_gets_nothing_in_a_quiet_week(desk_week):
    digest_preference_update(user=desk_week.viewer, skip_empty_weeks=True)
    with time_machine.travel("2024-12-09 07:00Z", tick=False):
        delivery = digest_send(user_id=desk_week.viewer.pk, week=IsoWeek(2024, 49))

    assert mail.outbox == []
    assert delivery.status == DigestDelivery.Status.SKIPPED


def test_a_reader_who_skips_empty_weeks_still_gets_a_busy_week(desk_week, monday_morning):
    digest_preference_update(user=desk_week.viewer, skip_empty_weeks=True)

    digest_send(user_id=desk_week.viewer.pk, week=WEEK)

    assert len(mail.outbox) == 1


def test_a_reader_gets_only_the_sections_they_chose(desk_week, monday_morning):
    digest_preference_update(user=desk_week.factchecker, include_new_claims=False, include_my_flags=False)

    digest_send(user_id=desk_week.factchecker.pk, week=WEEK)

    body = mail.outbox[0].body
    assert "NEW CLAIMS" not in body
    assert "FLAGS ASSIGNED TO YOU" not in body
    assert "NEW CONFLICTS: 4 (1 critical, 1 high, 1 medium, 1 low)" in body


def test_a_refused_send_is_retried_and_then_delivered(desk_week, monday_morning, refusing_mail_server):
    refusing_mail_server.refuse["viewer@newsroom.example"] = 2

    send_digest_to_user.delay(desk_week.viewer.pk, "2024-W48")

    delivery = DigestDelivery.objects.get(user=desk_week.viewer)
    assert delivery.status == DigestDelivery.Status.SENT
    assert delivery.attempts == 3
    assert refusing_mail_server.attempts.count("viewer@newsroom.example") == 3
    assert len(mail.outbox) == 1


def test_a_send_that_keeps_failing_is_recorded_and_the_others_still_get_theirs(
    desk_week, monday_morning, refusing_mail_server
):
    refusing_mail_server.refuse["factchecker@newsroom.example"] = float("inf")

    send_weekly_digests()

    failed = DigestDelivery.objects.get(user=desk_week.factchecker)
    assert failed.status == DigestDelivery.Status.FAILED
    assert failed.attempts == MAX_RETRIES + 1
    assert "SMTPRecipientsRefused" in failed.last_error
    assert failed.sent_at is None
    assert sorted(message.to[0] for message in mail.outbox) == [
        "editor@newsroom.example",
        "viewer@newsroom.example",
    ]


def test_a_failed_digest_is_sent_when_the_run_is_repeated(desk_week, monday_morning, refusing_mail_server):
    refusing_mail_server.refuse["factchecker@newsroom.example"] = MAX_RETRIES + 1
    send_weekly_digests()
    assert len(mail.outbox) == 2

    send_weekly_digests()

    assert len(mail.outbox) == 3
    delivery = DigestDelivery.objects.get(user=desk_week.factchecker)
    assert delivery.status == DigestDelivery.Status.SENT
    assert delivery.last_error == ""


def test_only_active_people_with_a_role_and_an_address_are_sent_a_digest(desk_week):
    no_role = factories.UserFactory(username="visitor")
    no_address = factories.viewer(username="nomail", email="")
    gone = factories.viewer(username="gone", is_active=False)
    opted_out = factories.editor(username="quiet")
    digest_preference_update(user=opted_out, subscribed=False)

    recipients = set(digest_recipient_ids())

    assert {desk_week.editor.pk, desk_week.factchecker.pk, desk_week.viewer.pk} <= recipients
    assert not recipients & {no_role.pk, no_address.pk, gone.pk, opted_out.pk}


def test_the_message_parses_as_multipart_alternative(desk_week, monday_morning):
    digest_send(user_id=desk_week.viewer.pk, week=WEEK)

    parsed = email.message_from_bytes(mail.outbox[0].message().as_bytes(), policy=policy.default)
    assert parsed.get_content_type() == "multipart/alternative"
    assert [part.get_content_type() for part in parsed.iter_parts()] == ["text/plain", "text/html"]


def test_an_account_without_a_newsroom_role_is_never_sent_the_digest(desk_week, monday_morning):
    outsider = factories.UserFactory(username="outsider")

    delivery = digest_send(user_id=outsider.pk, week=WEEK)

    assert mail.outbox == []
    assert delivery.status == DigestDelivery.Status.SKIPPED
    assert delivery.skip_reason == "No newsroom role."


def test_markup_in_a_conflict_is_escaped_in_the_html_and_left_as_written_in_the_text(
    desk_week, monday_morning
):
    desk_week.framing_flag.explanation = 'Army says "redeployment" <script>alert(1)</script>'
    desk_week.framing_flag.save(update_fields=["explanation"])

    digest_send(user_id=desk_week.viewer.pk, week=WEEK)

    message = mail.outbox[0]
    [(html, _)] = message.alternatives
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'Army says "redeployment" <script>alert(1)</script>' in message.body


class HangsUpBadlyBackend(EmailBackend):
    """Like Django's SMTP backend, it closes a connection it opened itself at
    the end of send_messages; the server takes the message, then the
    connection fails on QUIT."""

    is_open = False

    def open(self):
        if self.is_open:
            return False
        self.is_open = True
        return True

    def send_messages(self, messages):
        opened_here = self.open()
        try:
            return super().send_messages(messages)
        finally:
            if opened_here:
                self.close()

    def close(self):
        self.is_open = False
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


def test_an_error_after_the_server_took_the_message_does_not_send_it_again(
    desk_week, monday_morning, settings
):
    settings.EMAIL_BACKEND = "tests.digests.test_sending.HangsUpBadlyBackend"

    first = digest_send(user_id=desk_week.viewer.pk, week=WEEK)
    second = digest_send(user_id=desk_week.viewer.pk, week=WEEK)

    assert len(mail.outbox) == 1
    assert first.status == second.status == DigestDelivery.Status.SENT
