"""A refused write that says what role it needs and whom to ask.

A viewer who tries a write (a script with a viewer's token, a bookmarked
edit page) used to read "Your role does not allow this." and nothing more:
no way to tell a missing role from a bug, nor whom to ask. Every role refusal
now carries the user's role, the roles that would allow the action and whom
to ask, in one shape for the API's 403 body (`error.role`) and the web UI's
403 page (core.views.permission_denied).

The roles live in accounts (a layer above core), so the refusal is built by
the ROLE_REFUSAL hook that accounts registers; without it (an install
without accounts) the refusal is the plain message.
"""

from django.core.exceptions import PermissionDenied

from core.hooks import ROLE_REFUSAL, hook_receivers

PLAIN_MESSAGE = "Your role does not allow this."


class RoleRequired(PermissionDenied):
    """PermissionDenied naming the role needed: `your_role` (None: no role),
    `needed_roles` (weakest first; empty when no newsroom role allows it) and
    `ask` (whom to ask for it)."""

    def __init__(self, message: str, *, your_role: str | None, needed_roles: list[str], ask: str):
        super().__init__(message)
        self.message = message
        self.your_role = your_role
        self.needed_roles = list(needed_roles)
        self.ask = ask

    def as_detail(self) -> dict:
        """The API's `error.role` object."""
        return {"yours": self.your_role, "needed": self.needed_roles, "ask": self.ask}


def role_refusal(user, permissions: list[str], *, saying: str = "") -> PermissionDenied:
    """The exception to raise when `user` lacks one of `permissions`
    ("app_label.codename"). `saying`: a service's own words for the refusal
    ("Only editors can add documents."), kept before the role's sentence, so
    a refusal raised inside a service carries the same role, roles needed and
    whom to ask as the views' and the API's checks (`error.role`)."""
    for receiver in hook_receivers(ROLE_REFUSAL):
        refusal = receiver(user=user, permissions=list(permissions))
        if saying and isinstance(refusal, RoleRequired):
            return RoleRequired(
                f"{saying} {refusal.message}",
                your_role=refusal.your_role,
                needed_roles=refusal.needed_roles,
                ask=refusal.ask,
            )
        return refusal
    return PermissionDenied(saying or PLAIN_MESSAGE)
