"""The alert emails' signed unsubscribe link (core/unsubscribe.py), with a salt
of its own so a digest link cannot stop alerts or the reverse."""

from core.unsubscribe import (  # noqa: F401  (what callers catch)
    UNSUBSCRIBE_TOKEN_MAX_AGE,
    ExpiredUnsubscribeToken,
    InvalidUnsubscribeToken,
    UnsubscribeLink,
)

ALERT_UNSUBSCRIBE = UnsubscribeLink(salt="notifications.alerts.unsubscribe")

unsubscribe_token_for = ALERT_UNSUBSCRIBE.token_for
user_id_from_unsubscribe_token = ALERT_UNSUBSCRIBE.user_id_from
