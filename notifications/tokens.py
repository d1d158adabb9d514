"""The alert emails' signed unsubscribe link (core/unsubscribe.py), with a salt
of its own so a digest link cannot stop alerts or the reverse."""

from core.unsubscribe import UnsubscribeLink

ALERT_UNSUBSCRIBE = UnsubscribeLink(salt="notifications.alerts.unsubscribe")

unsubscribe_token_for = ALERT_UNSUBSCRIBE.token_for
user_id_from_unsubscribe_token = ALERT_UNSUBSCRIBE.user_id_from
