"""Password reset by email: the request, its rate limit and the message.

Django's token generator does the hard part: a reset link carries the user's
id and a token signed with SECRET_KEY over the password hash and the last
log-in, so it stops working once used (the password changes) and after
PASSWORD_RESET_TIMEOUT seconds. What is added here:

- No account enumeration: the page says the same thing, with the same status,
  whether or not an account has that address; the message goes out from a
  task, so the answer does not wait on the mail server either.
- A rate limit per client address and per email address (cache counters for
  an hour, PASSWORD_RESET_PER_ADDRESS_PER_HOUR / _PER_EMAIL_PER_HOUR). If the
  cache is down the request is allowed and the outage logged, as for the API
  throttle (core/throttles.py).
"""

import hashlib
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from core.cache_outage import CACHE_UNAVAILABLE
from core.email import email_send

logger = logging.getLogger(__name__)

RATE_WINDOW_SECONDS = 3600


class PasswordResetRateLimited(Exception):
    """Too many reset requests from this address or for this email address."""


def _over_limit(key: str, limit: int) -> bool:
    try:
        cache.add(key, 0, timeout=RATE_WINDOW_SECONDS)
        return cache.incr(key) > limit
    except CACHE_UNAVAILABLE as error:
        logger.warning("Password reset rate limit unavailable, allowing the request: %s", error)
        return False
    except ValueError:  # the key expired between add and incr: a fresh window
        return False


def password_reset_request(*, email: str, client_address: str | None) -> None:
    """Queue a reset message to each active account with this email address.

    Says nothing about whether such an account exists. Raises
    PasswordResetRateLimited when this address or this email asked too often.
    """
    email = (email or "").strip()
    email_key = hashlib.sha256(email.lower().encode()).hexdigest()
    limited_address = _over_limit(
        f"password-reset:address:{client_address or 'unknown'}", settings.PASSWORD_RESET_PER_ADDRESS_PER_HOUR
    )
    limited_email = _over_limit(
        f"password-reset:email:{email_key}", settings.PASSWORD_RESET_PER_EMAIL_PER_HOUR
    )
    if limited_address or limited_email:
        raise PasswordResetRateLimited()
    users = get_user_model().objects.filter(email__iexact=email, is_active=True)
    for user in users:
        if user.has_usable_password():
            from .tasks import send_password_reset_email

            user_id = user.pk
            transaction.on_commit(lambda user_id=user_id: send_password_reset_email.delay(user_id))


def password_reset_email_send(*, user_id: int) -> bool:
    """Send one reset message with a fresh link; False if the account is gone
    or can no longer be reset."""
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.has_usable_password() or not user.email:
        return False
    path = reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    email_send(
        template="accounts/email/password_reset",
        context={
            "user": user,
            "reset_url": settings.SITE_URL + path,
            "valid_minutes": settings.PASSWORD_RESET_TIMEOUT // 60,
        },
        to=[user.email],
    )
    return True
