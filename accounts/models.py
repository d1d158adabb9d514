"""API tokens for scripts that talk to the REST API.

A user may hold several named tokens (one per script or laptop) and revoke
each on its own. Only a SHA-256 hash of a token is stored: the token itself is
shown once, when it is created, and cannot be recovered afterwards.
"""

import hashlib

from django.conf import settings
from django.db import models

# Tokens look like "ct_<40 url-safe characters>"; the prefix makes a leaked
# token easy to recognise in logs and secret scanners.
TOKEN_PREFIX = "ct_"


def api_token_hash(raw_token: str) -> str:
    """SHA-256 is enough here: tokens are long random strings, not passwords,
    so there is nothing to brute-force and lookups stay one indexed query."""
    return hashlib.sha256(raw_token.encode("utf-8")).hexdigest()


class ApiToken(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, help_text="What the token is for, e.g. 'nightly sync script'.")
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    # The first characters of the token, to tell tokens apart in lists.
    key_start = models.CharField(max_length=12, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "API token"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "name"],
                condition=models.Q(revoked_at__isnull=True),
                name="api_token_name_unique_per_user",
                violation_error_message="You already have an active token with this name.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.key_start}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
