"""Signed unsubscribe tokens, so a reader can stop the digest from the email
itself without logging in.

The token is the user's id signed with SECRET_KEY and a timestamp. It expires
after UNSUBSCRIBE_TOKEN_MAX_AGE so that an old forwarded email stops working
eventually; every new digest carries a fresh one.
"""

from datetime import timedelta

from django.core import signing

UNSUBSCRIBE_TOKEN_MAX_AGE = timedelta(days=60)
# A salt of its own, so no other signed value in the project can pass as an
# unsubscribe token.
_SALT = "digests.unsubscribe"


class InvalidUnsubscribeToken(Exception):
    """The token was altered, or signed with another key."""


class ExpiredUnsubscribeToken(InvalidUnsubscribeToken):
    """The token is genuine but older than UNSUBSCRIBE_TOKEN_MAX_AGE."""


def unsubscribe_token_for(user_id: int) -> str:
    return signing.TimestampSigner(salt=_SALT).sign(str(user_id))


def user_id_from_unsubscribe_token(token: str) -> int:
    """The user id a token was made for. Raises ExpiredUnsubscribeToken or
    InvalidUnsubscribeToken."""
    signer = signing.TimestampSigner(salt=_SALT)
    try:
        value = signer.unsign(token, max_age=UNSUBSCRIBE_TOKEN_MAX_AGE)
    except signing.SignatureExpired as error:
        raise ExpiredUnsubscribeToken(str(error)) from None
    except signing.BadSignature as error:
        raise InvalidUnsubscribeToken(str(error)) from None
    if not value.isdigit():
        raise InvalidUnsubscribeToken("The token does not name a user.")
    return int(value)
