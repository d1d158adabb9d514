"""The digest's signed unsubscribe link (core/unsubscribe.py): every digest
carries a fresh one; it stops the digest only, never the alert emails."""

from core.unsubscribe import UnsubscribeLink

DIGEST_UNSUBSCRIBE = UnsubscribeLink(salt="digests.unsubscribe")

unsubscribe_token_for = DIGEST_UNSUBSCRIBE.token_for
user_id_from_unsubscribe_token = DIGEST_UNSUBSCRIBE.user_id_from
