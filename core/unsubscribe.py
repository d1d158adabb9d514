"""Signed unsubscribe links: a reader stops an email from the email itself,
without logging in. The digest and the alert emails each have one
(digests/tokens.py, notifications/tokens.py), built from this.

A token is the user's id signed with SECRET_KEY and a timestamp, under a salt
of its own per email, so no other signed value in the project (nor the other
email's link) can pass for it. It expires after `max_age` so an old forwarded
email stops working eventually; every new email carries a fresh one.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core import signing
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

UNSUBSCRIBE_TOKEN_MAX_AGE = timedelta(days=60)


class InvalidUnsubscribeToken(Exception):
    """The token was altered, or signed with another key or salt."""


class ExpiredUnsubscribeToken(InvalidUnsubscribeToken):
    """The token is genuine but older than its link's max_age."""


@dataclass(frozen=True)
class UnsubscribeLink:
    """One email's unsubscribe tokens: `salt` keeps them apart from every other signed value."""

    salt: str
    max_age: timedelta = UNSUBSCRIBE_TOKEN_MAX_AGE

    def token_for(self, user_id: int) -> str:
        return signing.TimestampSigner(salt=self.salt).sign(str(user_id))

    def user_id_from(self, token: str) -> int:
        """The user id a token was made for. Raises ExpiredUnsubscribeToken or
        InvalidUnsubscribeToken."""
        try:
            value = signing.TimestampSigner(salt=self.salt).unsign(token, max_age=self.max_age)
        except signing.SignatureExpired as error:
            raise ExpiredUnsubscribeToken(str(error)) from None
        except signing.BadSignature as error:
            raise InvalidUnsubscribeToken(str(error)) from None
        if not value.isdigit():
            raise InvalidUnsubscribeToken("The token does not name a user.")
        return int(value)


def unsubscribe_view(
    *,
    link: UnsubscribeLink,
    template: str,
    unsubscribe: Callable[..., object],
    is_unsubscribed: Callable[[object], bool] | None = None,
):
    """The page an email's unsubscribe link opens: GET asks to confirm, POST
    calls `unsubscribe(user_id=…)`. The template gets `state` (confirm, done,
    already, expired or invalid), `reader` and `token`; "already" is offered
    only when `is_unsubscribed(reader)` is given and true."""

    # The link is followed from a mail client, often by someone who is not
    # logged in, and RFC 8058 one-click unsubscribes arrive as a POST from the
    # mail provider with no cookies at all. The signed token is the
    # credential, so there is no CSRF token to check: a forged POST would
    # need the token anyway.
    @csrf_exempt
    @require_http_methods(["GET", "POST"])
    def view(request, token: str):
        try:
            user_id = link.user_id_from(token)
        except ExpiredUnsubscribeToken:
            return render(request, template, {"state": "expired"}, status=400)
        except InvalidUnsubscribeToken:
            return render(request, template, {"state": "invalid"}, status=400)
        reader = get_user_model().objects.filter(pk=user_id).first()
        if reader is None:
            return render(request, template, {"state": "invalid"}, status=400)
        if request.method == "POST":
            unsubscribe(user_id=reader.pk)
            return render(request, template, {"state": "done", "reader": reader})
        already = is_unsubscribed is not None and is_unsubscribed(reader)
        return render(
            request,
            template,
            {"state": "already" if already else "confirm", "reader": reader, "token": token},
        )

    return view
