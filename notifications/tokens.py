"""Signed unsubscribe links for the alert emails: the digest's mechanism
(digests/tokens.py: the user id signed with SECRET_KEY and a timestamp, an
expiry, a salt of its own) so a digest link cannot stop alerts or the reverse."""

from datetime import timedelta

from django.core import signing

UNSUBSCRIBE_TOKEN_MAX_AGE = timedelta(days=60)
_SALT = "notifications.alerts.unsubscribe"


class InvalidUnsubscribeToken(Exception):
    pass


class ExpiredUnsubscribeToken(InvalidUnsubscribeToken):
    pass


def unsubscribe_token_for(user_id: int) -> str:
    return signing.TimestampSigner(salt=_SALT).sign(str(user_id))


def user_id_from_unsubscribe_token(token: str) -> int:
    try:
        value = signing.TimestampSigner(salt=_SALT).unsign(token, max_age=UNSUBSCRIBE_TOKEN_MAX_AGE)
    except signing.SignatureExpired as error:
        raise ExpiredUnsubscribeToken(str(error)) from None
    except signing.BadSignature as error:
        raise InvalidUnsubscribeToken(str(error)) from None
    if not value.isdigit():
        raise InvalidUnsubscribeToken("The token does not name a user.")
    return int(value)
