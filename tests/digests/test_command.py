"""manage.py send_digest [--week 2024-W48] [--user NAME] [--dry-run]"""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from digests.models import DigestDelivery
from digests.services import digest_unsubscribe


def run(*args) -> str:
    out = StringIO()
    call_command("send_digest", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_a_dry_run_shows_the_digest_and_sends_nothing(desk_week, monday_morning):
    output = run("--week", "2024-W48", "--user", "factchecker", "--dry-run")

    assert mail.outbox == []
    assert not DigestDelivery.objects.exists()
    assert (
        "[dry run] factchecker <factchecker@newsroom.example>: Claimtrack weekly digest, 2024-W48" in output
    )
    assert "NEW CONFLICTS: 4 (1 critical, 1 high, 1 medium, 1 low)" in output


def test_a_dry_run_for_everyone_lists_each_reader_and_who_would_be_skipped(desk_week, monday_morning):
    digest_unsubscribe(user_id=desk_week.viewer.pk)

    output = run("--dry-run", "--week", "2024-W48")

    assert mail.outbox == []
    assert "[dry run] editor" in output
    assert "[dry run] factchecker" in output
    assert "viewer" not in output


def test_it_sends_one_readers_digest(desk_week, monday_morning):
    output = run("--week", "2024-W48", "--user", "viewer")

    [message] = mail.outbox
    assert message.to == ["viewer@newsroom.example"]
    assert "viewer: sent to viewer@newsroom.example" in output


def test_it_sends_everyone_the_week_that_just_ended_by_default(desk_week, monday_morning):
    run()

    assert len(mail.outbox) == 3
    assert set(DigestDelivery.objects.values_list("week", flat=True)) == {"2024-W48"}


def test_running_it_again_sends_nothing_twice(desk_week, monday_morning):
    run("--week", "2024-W48")

    output = run("--week", "2024-W48")

    assert len(mail.outbox) == 3
    assert "viewer: sent already, not sent again" in output


def test_a_named_reader_who_unsubscribed_is_skipped(desk_week, monday_morning):
    digest_unsubscribe(user_id=desk_week.viewer.pk)

    output = run("--user", "viewer")

    assert mail.outbox == []
    assert "viewer: skipped (Unsubscribed.)" in output


def test_it_refuses_a_malformed_week(db):
    with pytest.raises(CommandError, match="write it like 2024-W48"):
        run("--week", "48")


def test_it_refuses_an_unknown_user(db):
    with pytest.raises(CommandError, match="No user is called 'nobody'"):
        run("--user", "nobody")
