from django.conf import settings
from django.db import models


class TimeStampedModel(models.Model):
    """Base for every domain model: when a row was made and last changed.

    `updated_at` is indexed because the conflict sweep and the API's
    `?updated_since=` both read "everything changed since T".
    """

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        abstract = True


class IdempotencyKey(models.Model):
    """An API create sent with an `Idempotency-Key` header, and its answer.

    A script that retries a POST after a timeout sends the same key: the first
    request's answer is replayed instead of creating a second record
    (core/idempotency.py, docs/api.md). Keys are per user and kept
    IDEMPOTENCY_KEY_HOURS; expired rows are deleted as new keys come in.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=255)
    # sha256 of the method, the path and the body as canonical JSON.
    request_fingerprint = models.CharField(max_length=64)
    # Set in the transaction that took the key, so no other request sees them empty.
    response_status = models.PositiveSmallIntegerField(null=True)
    response_body = models.JSONField(null=True)
    # Headers the client reads besides the body (an ingestion's `Location`).
    response_headers = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="idempotency_key_unique_per_user"),
        ]

    def __str__(self) -> str:
        return f"{self.key} ({self.user_id})"
