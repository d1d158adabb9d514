"""`Idempotency-Key` on the API's creates: a POST retried after a timeout
creates its record once (docs/api.md).

A script that sends `Idempotency-Key: <its own unique key>` with a create and
gets no answer (a timeout, a dropped connection) sends the same request again
with the same key. The first request that succeeds stores its answer under the
key (core.models.IdempotencyKey, per user, for IDEMPOTENCY_KEY_HOURS); a
repeat with the same body gets that answer again, status and body, with
`Idempotent-Replayed: true`, and nothing new is created. The same key with a
different body or endpoint is a 422: the script has a bug, and guessing which
request it meant would be worse.

Two copies arriving together: the key's row is inserted first, in the
transaction that creates the record, so the second copy's insert waits on the
unique index until the first commits, then finds the key taken and replays
its answer. A create that is refused (400, 409...) rolls back with its key,
so the corrected request may use it again.
"""

import hashlib
import json
import re
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.utils.encoders import JSONEncoder

from core.models import IdempotencyKey

HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
# Visible ASCII, as a header value can carry it; a UUID fits.
_KEY = re.compile(r"[\x21-\x7e]{1,255}")
# Expired keys deleted per create that sends a key: enough to keep up with any
# rate of creates, small enough not to slow one down.
PURGE_BATCH = 100


class IdempotencyKeyReused(exceptions.APIException):
    status_code = 422
    default_code = "idempotency_key_reused"
    default_detail = (
        "This Idempotency-Key was already used for a different request (another body or endpoint). "
        "Send a new key with a new request; send the same body to get the first answer again."
    )


def _fingerprint(request) -> str:
    text = json.dumps(
        [request.method, request.path, request.data], cls=JSONEncoder, sort_keys=True, ensure_ascii=False
    )
    return hashlib.sha256(text.encode()).hexdigest()


def _purge_expired(now) -> None:
    expired = IdempotencyKey.objects.filter(expires_at__lte=now).order_by("expires_at")
    IdempotencyKey.objects.filter(pk__in=list(expired.values_list("pk", flat=True)[:PURGE_BATCH])).delete()


def create_once(request, create) -> Response:
    """Run `create()` (the view's create, returning its Response) once per
    Idempotency-Key of the request's user; without the header, as before."""
    key = request.headers.get(HEADER)
    if key is None:
        return create()
    if not _KEY.fullmatch(key):
        raise exceptions.ValidationError(
            {HEADER: ["Give 1 to 255 visible ASCII characters, unique per request (a UUID is a good key)."]}
        )
    sent = _fingerprint(request)
    now = timezone.now()
    _purge_expired(now)
    IdempotencyKey.objects.filter(user=request.user, key=key, expires_at__lte=now).delete()
    with transaction.atomic():
        try:
            with transaction.atomic():
                taken = IdempotencyKey.objects.create(
                    user=request.user,
                    key=key,
                    request_fingerprint=sent,
                    expires_at=now + timedelta(hours=settings.IDEMPOTENCY_KEY_HOURS),
                )
        except IntegrityError:
            # Taken by an earlier request, or by a copy this one waited for
            # on the unique index until it committed.
            return _replay(IdempotencyKey.objects.get(user=request.user, key=key), sent)
        response = create()
        if not 200 <= response.status_code < 300:
            transaction.set_rollback(True)  # a refused create does not use up its key
            return response
        taken.response_status = response.status_code
        # As the client reads it (dates as text), so the replay is the same JSON.
        taken.response_body = json.loads(json.dumps(response.data, cls=JSONEncoder))
        taken.save(update_fields=["response_status", "response_body"])
    return response


def _replay(earlier: IdempotencyKey, sent: str) -> Response:
    if earlier.request_fingerprint != sent:
        raise IdempotencyKeyReused()
    return Response(earlier.response_body, status=earlier.response_status, headers={REPLAYED_HEADER: "true"})


class IdempotentCreateSchema(AutoSchema):
    """Documents the optional Idempotency-Key header on a view's create."""

    def get_override_parameters(self):
        parameters = list(super().get_override_parameters())
        if getattr(self.view, "action", None) == "create":
            parameters.append(
                OpenApiParameter(
                    HEADER,
                    str,
                    OpenApiParameter.HEADER,
                    required=False,
                    pattern=f"^{_KEY.pattern}$",
                    description="A key unique to this request (e.g. a UUID). Sending the same request again "
                    "with the same key within 24 hours replays the first answer instead of creating again "
                    f"(`{REPLAYED_HEADER}: true`); the same key with another body is a 422.",
                )
            )
        return parameters
