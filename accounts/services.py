"""Writes for accounts: users and API tokens."""

import secrets

from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.exceptions import ConflictError

from .models import TOKEN_PREFIX, ApiToken, api_token_hash
from .roles import Role


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
