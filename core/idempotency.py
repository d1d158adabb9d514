"""`Idempotency-Key` on every POST of the API: a POST retried after a timeout
creates its record (or takes its action) once (docs/api.md).

A script that sends `Idempotency-Key: <its own unique key>` with a create and
gets no answer (a timeout, a dropped connection) sends the same request again
with the same key. The first request that succeeds stores its answer under the
key (core.models.IdempotencyKey, per user, for IDEMPOTENCY_KEY_HOURS); a
repeat with the same body gets that answer again, status and body, with
`Idempotent-Replayed: true`, and nothing new is created. The same key with a
different body, query string or endpoint is a 422: the script has a bug, and guessing which
request it meant would be worse.

Two copies arriving together: the key's row is inserted first, in the
transaction that creates the record, so the second copy's insert waits on the
unique index until the first commits, then finds the key taken and replays
its answer. A create that is refused (400, 409...) rolls back with its key,
so the corrected request may use it again.

Every view that answers POST derives from `IdempotentPosts` (a test walks the
router to hold that), so the rule has no exceptions to remember: the
resource creates, background exports, tokens, webhook endpoints, article
ingestion, document versions, proposal decisions and the record actions.
An answer that carries a secret shown once (an API token, a webhook's
signing secret) is stored with that secret sealed (Fernet, keyed from
SECRET_KEY): the database alone never holds it readable.
"""

import base64
import hashlib
import json
import re
from datetime import timedelta

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.utils.encoders import JSONEncoder

from core.exceptions import ConflictError
from core.models import IdempotencyKey

HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
# Visible ASCII, as a header value can carry it; a UUID fits.
_KEY = re.compile(r"[\x21-\x7e]{1,255}")
# Expired keys deleted per create that sends a key: enough to keep up with any
# rate of creates, small enough not to slow one down.
PURGE_BATCH = 100
# Headers of the first answer replayed with its body (an ingestion's Location).
REPLAYED_HEADERS = ("Location",)


class IdempotencyKeyReused(exceptions.APIException):
    status_code = 422
    default_code = "idempotency_key_reused"
    default_detail = (
        "This Idempotency-Key was already used for a different request "
        "(another body, query string or endpoint). "
        "Send a new key with a new request; send the same body to get the first answer again."
    )


class SealedSecretLost(ConflictError):
    """The replay's secret was sealed with a SECRET_KEY the server no longer has."""

    def __init__(self, record_id):
        super().__init__(
            f"This request was already carried out (record #{record_id}), but the secret its answer "
            "showed can no longer be shown again. Revoke or delete that record and send a new request "
            "with a new Idempotency-Key.",
            code="idempotency_secret_lost",
        )


def _canonical(data):
    """The body as JSON can carry it: a multipart form as {part: [values]},
    an uploaded file as its name and the SHA-256 of its bytes."""
    if isinstance(data, UploadedFile):
        digest = hashlib.sha256()
        for chunk in data.chunks():
            digest.update(chunk)
        data.seek(0)  # the view reads it next
        return {"file": data.name, "sha256": digest.hexdigest()}
    if hasattr(data, "lists"):  # a QueryDict: every value of a repeated part counts
        return {key: [_canonical(value) for value in values] for key, values in data.lists()}
    return data


def _fingerprint(request) -> str:
    parts = [request.method, request.path, _canonical(request.data)]
    # The query string is part of the request (`?dry_run=1` on an action would
    # be another request entirely), in a canonical order so `?a=1&b=2` and
    # `?b=2&a=1` are one request. Added only when present, so a key stored
    # before the query counted still matches its query-less retry.
    if request.query_params:
        parts.append(sorted((name, values) for name, values in request.query_params.lists()))
    text = json.dumps(
        parts,
        cls=JSONEncoder,
        sort_keys=True,
        ensure_ascii=False,
    )
    return hashlib.sha256(text.encode()).hexdigest()


def _fernet() -> Fernet:
    key = salted_hmac("claimtrack.idempotency.sealed", "", algorithm="sha256").digest()
    return Fernet(base64.urlsafe_b64encode(key))


def _seal(body, fields):
    if not fields or not isinstance(body, dict):
        return body
    return {
        name: _fernet().encrypt(value.encode()).decode()
        if name in fields and isinstance(value, str)
        else value
        for name, value in body.items()
    }


def _unseal(body, fields):
    if not fields or not isinstance(body, dict):
        return body
    opened = dict(body)
    for name in fields:
        if isinstance(opened.get(name), str):
            try:
                opened[name] = _fernet().decrypt(opened[name].encode()).decode()
            except InvalidToken as error:
                raise SealedSecretLost(body.get("id")) from error
    return opened


def _purge_expired(now) -> None:
    expired = IdempotencyKey.objects.filter(expires_at__lte=now).order_by("expires_at")
    IdempotencyKey.objects.filter(pk__in=list(expired.values_list("pk", flat=True)[:PURGE_BATCH])).delete()


def create_once(request, create, *, sealed: tuple[str, ...] = ()) -> Response:
    """Run `create()` (the view's handler, returning its Response) once per
    Idempotency-Key of the request's user; without the header, as before.
    `sealed` names the answer's fields holding a secret shown once."""
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
            return _replay(IdempotencyKey.objects.get(user=request.user, key=key), sent, sealed)
        response = create()
        if not 200 <= response.status_code < 300:
            transaction.set_rollback(True)  # a refused create does not use up its key
            return response
        taken.response_status = response.status_code
        # As the client reads it (dates as text), so the replay is the same JSON.
        taken.response_body = _seal(json.loads(json.dumps(response.data, cls=JSONEncoder)), sealed)
        taken.response_headers = {
            name: response[name] for name in REPLAYED_HEADERS if response.has_header(name)
        }
        taken.save(update_fields=["response_status", "response_body", "response_headers"])
    return response


def _replay(earlier: IdempotencyKey, sent: str, sealed: tuple[str, ...]) -> Response:
    if earlier.request_fingerprint != sent:
        raise IdempotencyKeyReused()
    return Response(
        _unseal(earlier.response_body, sealed),
        status=earlier.response_status,
        headers={**earlier.response_headers, REPLAYED_HEADER: "true"},
    )


class IdempotentPosts:
    """Mixin for every API view that answers POST: the POST runs once per
    Idempotency-Key (create_once). Placed before the DRF view class."""

    # Fields of the POST's answer holding a secret shown once: stored sealed.
    idempotency_sealed_fields: tuple[str, ...] = ()

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        # After authentication, permissions and throttling, before DRF picks
        # the handler (a viewset's action is bound to `post` by then).
        if request.method == "POST":
            handler = self.post
            sealed = self.idempotency_sealed_fields
            self.post = lambda request, *args, **kwargs: create_once(
                request, lambda: handler(request, *args, **kwargs), sealed=sealed
            )


class IdempotentCreateSchema(AutoSchema):
    """Documents the optional Idempotency-Key header on every POST of an
    IdempotentPosts view (the API's default schema class)."""

    def get_override_parameters(self):
        parameters = list(super().get_override_parameters())
        if self.method == "POST" and isinstance(self.view, IdempotentPosts):
            parameters.append(
                OpenApiParameter(
                    HEADER,
                    str,
                    OpenApiParameter.HEADER,
                    required=False,
                    pattern=f"^{_KEY.pattern}$",
                    description="A key unique to this request (e.g. a UUID). Sending the same request again "
                    "with the same key within 24 hours replays the first answer instead of creating again "
                    f"(`{REPLAYED_HEADER}: true`); the same key with another body or query string is a 422.",
                )
            )
        return parameters
