"""The signed unsubscribe link every email builds on (core/unsubscribe.py)."""

import pytest
from django.core import signing

from core.unsubscribe import ExpiredUnsubscribeToken, InvalidUnsubscribeToken, UnsubscribeLink

DIGEST = UnsubscribeLink(salt="test.digest")
ALERTS = UnsubscribeLink(salt="test.alerts")


def test_a_token_names_the_user_it_was_made_for():
    assert DIGEST.user_id_from(DIGEST.token_for(42)) == 42


def test_one_emails_token_does_not_unsubscribe_from_another():
    with pytest.raises(InvalidUnsubscribeToken):
        ALERTS.user_id_from(DIGEST.token_for(42))


def test_a_signed_value_that_is_not_a_user_id_is_refused():
    token = signing.TimestampSigner(salt="test.digest").sign("not-a-user")
    with pytest.raises(InvalidUnsubscribeToken, match="does not name a user"):
        DIGEST.user_id_from(token)


def test_an_old_token_has_expired(time_machine):
    time_machine.move_to("2026-01-01 08:00Z", tick=False)
    token = DIGEST.token_for(42)
    time_machine.move_to("2026-03-15 08:00Z", tick=False)
    with pytest.raises(ExpiredUnsubscribeToken):
        DIGEST.user_id_from(token)
