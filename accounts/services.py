"""Writes for accounts: users, roles, API tokens and signed-in sessions."""

import logging
import secrets
from importlib import import_module

from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.exceptions import ConflictError

from .models import TOKEN_PREFIX, ApiToken, api_token_hash
from .roles import Role

logger = logging.getLogger(__name__)


def api_token_create(*, user, name: str) -> tuple[ApiToken, str]:
    """Make a new token for `user` and return it with the raw token.

    The raw token is returned only here: the database keeps its hash, so the
    caller must show it to the user now.
    """
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError({"name": "Name the token after what will use it."})
    if len(name) > 100:
        raise ValidationError({"name": "Keep the name under 100 characters."})
    raw_token = TOKEN_PREFIX + secrets.token_urlsafe(30)
    token = ApiToken(user=user, name=name, key_hash=api_token_hash(raw_token), key_start=raw_token[:8])
    try:
        with transaction.atomic():
            token.save()
    except IntegrityError as error:
        if ApiToken.objects.filter(user=user, name=name, revoked_at__isnull=True).exists():
            raise ConflictError(
                f"You already have an active token named '{name}'.", code="duplicate_token"
            ) from error
        raise
    return token, raw_token


@transaction.atomic
def api_token_revoke(*, token_id: int, user) -> ApiToken:
    """Revoke one of `user`'s tokens; scripts using it get 401 from now on.

    Revoking someone else's token (or one that does not exist) raises
    ApiToken.DoesNotExist, so the API answers 404 without confirming it exists.
    """
    token = ApiToken.objects.select_for_update().get(pk=token_id, user=user)
    if token.revoked_at is not None:
        raise ConflictError("This token is already revoked.", code="token_revoked")
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    return token


def user_create(
    *, username: str, email: str = "", role: str, password: str | None = None, staff: bool = False
) -> tuple:
    """Create a person with one newsroom role; return the user and the password
    if one was generated here (to be shown once), else None.

    Refuses a taken username, an unknown role and a weak password with a
    ValidationError naming the field, so a script sees exactly what to fix.
    """
    user_model = get_user_model()
    username = (username or "").strip()
    errors = {}
    if not username:
        errors["username"] = "Give the new user a username."
    elif user_model.objects.filter(username__iexact=username).exists():
        errors["username"] = f"The username '{username}' is taken."
    if role not in Role.values:
        errors["role"] = f"Unknown role '{role}'; choose one of: {', '.join(Role.values)}."
    if errors:
        raise ValidationError(errors)

    generated = None
    if not password:
        generated = password = secrets.token_urlsafe(18)
    user = user_model(username=username, email=(email or "").strip(), is_staff=staff)
    try:
        password_validation.validate_password(password, user=user)
    except ValidationError as error:
        raise ValidationError({"password": error.messages}) from error
    user.set_password(password)
    with transaction.atomic():
        user.save()
        user.groups.add(Group.objects.get(name=role))
    return user, generated


def user_role_set(*, user, role: str | None, reason: str) -> bool:
    """Give `user` exactly one newsroom role (None: no role at all), dropping
    any other; return whether anything changed. Groups that are not roles are
    left alone, and so are the staff and superuser flags (the admin site stays
    a local decision).

    Role changes are not in the audit trail (that records claims and flags),
    so each one is logged with whose, from what, to what and why.
    """
    if role is not None and role not in Role.values:
        raise ValidationError({"role": f"Unknown role '{role}'; choose one of: {', '.join(Role.values)}."})
    wanted = {role} if role else set()
    with transaction.atomic():
        # Locked, so two sign-ins at once cannot leave the user with two roles.
        locked = get_user_model().objects.select_for_update().get(pk=user.pk)
        held = set(locked.groups.filter(name__in=Role.values).values_list("name", flat=True))
        if held == wanted:
            return False
        role_groups = {group.name: group for group in Group.objects.filter(name__in=Role.values)}
        locked.groups.remove(*(role_groups[name] for name in held - wanted))
        locked.groups.add(*(role_groups[name] for name in wanted - held))
    logger.info(
        "Role of %s set to %s (was %s): %s",
        user.get_username(),
        role or "none",
        ", ".join(sorted(held)) or "none",
        reason,
    )
    return True


def user_create_from_identity_provider(*, username: str, email: str, first_name: str, last_name: str):
    """A new person who signed in through single sign-on (accounts/sso.py).

    No usable password: they sign in through the identity provider only, and
    the password reset (which skips such accounts) cannot give them one. The
    username is the provider's suggestion, made unique with a number; an
    existing local account is never joined by username.
    """
    user_model = get_user_model()
    base = "".join(ch for ch in (username or "").strip() if ch.isalnum() or ch in "@.+-_")[:140] or "user"
    with transaction.atomic():
        candidate, number = base, 1
        while user_model.objects.filter(username__iexact=candidate).exists():
            number += 1
            candidate = f"{base}-{number}"
        user = user_model(
            username=candidate,
            email=(email or "").strip(),
            first_name=(first_name or "")[:150],
            last_name=(last_name or "")[:150],
        )
        user.set_unusable_password()
        user.save()
    logger.info("Created %s from a single sign-on", candidate)
    return user


def sessions_clear_expired() -> None:
    """Delete the sessions whose expiry date has passed, as `manage.py clearsessions` does.

    Django never deletes an expired session on its own: a signed-out or timed-out
    editor's row stays in the session table for ever, and the table (read on every
    request) only grows. Deleting rows that are already expired is idempotent, so a
    run repeated or overlapping another changes nothing more. A session engine that
    expires entries by itself (the cache) has nothing to clear.
    """
    engine = import_module(settings.SESSION_ENGINE)
    try:
        engine.SessionStore.clear_expired()
    except NotImplementedError:
        logger.info("Session engine %s expires sessions itself; nothing to clear.", settings.SESSION_ENGINE)
