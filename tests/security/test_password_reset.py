"""Password reset by email: no account enumeration, rate-limited, and links
that work once and expire (accounts/password_reset.py)."""

import datetime as dt
import re

import pytest
import time_machine
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from tests.factories import editor

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-new-long-passphrase-2026"


@pytest.fixture(autouse=True)
def fresh_counters():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def night_editor(db):
    return editor(username="night-editor", email="night@newsroom.example")


def ask(client, email: str, address: str = "203.0.113.7"):
    return client.post(reverse("password_reset"), {"email": email}, REMOTE_ADDR=address)


def reset_link() -> str:
    [message] = mail.outbox
    return re.search(r"https?://\S+/accounts/password-reset/\S+/", message.body).group(0)


def path_of(link: str) -> str:
    return "/" + link.split("/", 3)[3]


def test_an_unknown_address_gets_the_same_answer_and_no_mail(
    client, night_editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        known = ask(client, "night@newsroom.example")
    known_page = client.get(known["Location"])
    sent_for_known = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        unknown = ask(client, "nobody@newsroom.example")
    unknown_page = client.get(unknown["Location"])

    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert known_page.content == unknown_page.content
    assert sent_for_known == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["night@newsroom.example"]


def test_the_link_sets_a_new_password_once(client, night_editor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ask(client, "NIGHT@newsroom.example")
    link = path_of(reset_link())

    form_page = client.get(link, follow=True)
    set_password = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    again = client.get(link, follow=True)

    assert set_password.status_code == 302
    night_editor.refresh_from_db()
    assert night_editor.check_password(NEW_PASSWORD)
    assert b"This link no longer works" in again.content


def test_the_link_expires(client, night_editor, settings, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ask(client, "night@newsroom.example")
    link = path_of(reset_link())

    later = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT + 60)
    with time_machine.travel(later, tick=False):
        page = client.get(link, follow=True)

    assert b"This link no longer works" in page.content


def test_requests_are_limited_per_address_whatever_the_email(client, settings):
    settings.PASSWORD_RESET_PER_ADDRESS_PER_HOUR = 3
    statuses = [ask(client, f"someone{n}@newsroom.example").status_code for n in range(4)]
    other_address = ask(client, "someone9@newsroom.example", address="198.51.100.20")
    assert statuses == [302, 302, 302, 429]
    assert other_address.status_code == 302


def test_requests_are_limited_per_email_whatever_the_address(
    client, night_editor, settings, django_capture_on_commit_callbacks
):
    settings.PASSWORD_RESET_PER_EMAIL_PER_HOUR = 2
    with django_capture_on_commit_callbacks(execute=True):
        statuses = [
            ask(client, "night@newsroom.example", address=f"192.0.2.{n}").status_code for n in range(3)
        ]
    assert statuses == [302, 302, 429]
    assert len(mail.outbox) == 2


def test_the_login_page_links_to_the_reset(client):
    assert reverse("password_reset").encode() in client.get(reverse("login")).content
