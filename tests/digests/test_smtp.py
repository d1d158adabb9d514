"""One digest through a real SMTP server (aiosmtpd on 127.0.0.1), parsed back
with the standard library's email package, as a mail client would."""

import email
import socket
from email import policy

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message as MessageHandler

from digests.models import DigestDelivery
from digests.services import digest_send
from tests.conftest import skip_or_fail

from .conftest import WEEK


class Inbox(MessageHandler):
    """Keeps every message the server accepts."""

    def __init__(self):
        super().__init__()
        self.messages: list[email.message.EmailMessage] = []
        self.envelopes: list[tuple[str, list[str]]] = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        self.messages.append(email.message_from_bytes(envelope.original_content, policy=policy.default))
        return "250 Message accepted for delivery"

    def handle_message(self, message):  # pragma: no cover - handle_DATA above does the work
        pass


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    try:
        controller.start()
    except (OSError, RuntimeError) as error:
        skip_or_fail(f"cannot start a local SMTP server: {error}")
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 10
    try:
        yield inbox
    finally:
        controller.stop()


def test_a_digest_sent_over_smtp_arrives_as_plain_text_and_html(
    desk_week, monday_morning, smtp_server, settings
):
    settings.SITE_URL = "https://claims.newsroom.example"

    delivery = digest_send(user_id=desk_week.factchecker.pk, week=WEEK)

    assert delivery.status == DigestDelivery.Status.SENT
    [received] = smtp_server.messages
    assert smtp_server.envelopes[0][1] == ["factchecker@newsroom.example"]
    assert received["Subject"] == "Claimtrack weekly digest, 2024-W48: 4 open conflicts"
    assert received["To"] == "factchecker@newsroom.example"
    assert received.get_content_type() == "multipart/alternative"

    text_part = received.get_body(preferencelist=("plain",))
    html_part = received.get_body(preferencelist=("html",))
    assert text_part is not None and html_part is not None
    text, html = text_part.get_content(), html_part.get_content()
    assert "NEW CONFLICTS: 4 (1 critical, 1 high, 1 medium, 1 low)" in text
    assert f"https://claims.newsroom.example/flags/{desk_week.figure_flag.pk}/" in text
    assert "<h1" in html and "Week 2024-W48" in html
    assert f'href="https://claims.newsroom.example/flags/{desk_week.figure_flag.pk}/"' in html

    # The long header is folded onto a continuation line; unfolded, it is the URL in <>.
    unsubscribe = str(received["List-Unsubscribe"]).strip()
    assert unsubscribe.startswith("<https://claims.newsroom.example/digests/unsubscribe/")
    assert received["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert received["Auto-Submitted"] == "auto-generated"
    assert unsubscribe.strip("<>") in text


def test_a_mail_server_that_is_down_is_recorded_as_a_failure(desk_week, monday_morning, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = free_port()  # nothing listens here
    settings.EMAIL_TIMEOUT = 5

    with pytest.raises(OSError):
        digest_send(user_id=desk_week.viewer.pk, week=WEEK)

    delivery = DigestDelivery.objects.get(user=desk_week.viewer)
    assert delivery.status == DigestDelivery.Status.FAILED
    assert "ConnectionRefusedError" in delivery.last_error
