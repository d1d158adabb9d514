"""The API's one JSON error body, and DRF's exception handler that gives
every error that shape (core/api.py re-exports both).

    {"error": {"status": 400, "code": "invalid",
               "message": "Some of the input is not valid; see the field messages.",
               "fields": {"value_high": ["The high value cannot be below the low value."]}}}

`fields` is present only for field-level problems (400). Django's
ValidationError from a service becomes a 400 with the service's field
messages, core.exceptions.ConflictError a 409 (its StaleEdit, a write whose
If-Match names an old version, a 412), and an IntegrityError that a
service did not anticipate a 409 too: a clash with stored data is never a 500.
"""

import logging

from django.conf import settings
from django.core.exceptions import (
    ObjectDoesNotExist,
    PermissionDenied,
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError, IntegrityError
from django.db.models import ProtectedError, RestrictedError
from django.http import Http404
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from core.exceptions import ConflictError
from core.lost_updates import StaleEdit
from core.permissions import RoleRequired

logger = logging.getLogger(__name__)

NON_FIELD = "non_field_errors"


def _flatten_messages(detail) -> list[str]:
    if isinstance(detail, dict):
        return [f"{key}: {m}" for key, value in detail.items() for m in _flatten_messages(value)]
    if isinstance(detail, (list, tuple)):
        return [m for item in detail for m in _flatten_messages(item)]
    return [str(detail)]


def _field_messages(detail) -> dict:
    """DRF's nested error detail as {field: [messages]}; nested serializers
    keep their structure so a client can find the bad attribution."""
    if isinstance(detail, dict):
        return {str(key): _field_value(value) for key, value in detail.items()}
    return {NON_FIELD: _flatten_messages(detail)}


def _field_value(value):
    if isinstance(value, dict):
        return _field_messages(value)
    if isinstance(value, (list, tuple)) and any(isinstance(item, dict) for item in value):
        # A list of nested objects (e.g. a claim's attributions): one entry per
        # item, empty for the items that were fine, so the index finds the culprit.
        return [_field_messages(item) if isinstance(item, dict) else {} for item in value]
    return _flatten_messages(value)


def _error_codes(detail) -> list[str]:
    if isinstance(detail, dict):
        return [code for value in detail.values() for code in _error_codes(value)]
    if isinstance(detail, (list, tuple)):
        return [code for item in detail for code in _error_codes(item)]
    return [getattr(detail, "code", None) or "invalid"]


def _only_missing_records(detail) -> bool:
    codes = _error_codes(detail)
    return bool(codes) and all(code == "does_not_exist" for code in codes)


def error_body(*, status: int, code: str, message: str, fields: dict | None = None) -> dict:
    error = {"status": status, "code": code, "message": message}
    if fields:
        error["fields"] = fields
    return {"error": error}


def _django_validation_to_fields(error: DjangoValidationError) -> dict:
    if hasattr(error, "error_dict"):
        return {
            ("non_field_errors" if field == "__all__" else field): [str(m) for m in messages]
            for field, messages in error.message_dict.items()
        }
    return {NON_FIELD: [str(m) for m in error.messages]}


def _clash_response(exc) -> Response | None:
    """The response for an error raised by a service or the database that
    answers without DRF's handler (a clash, a record in use, a value out of
    range); None for any other error."""
    if isinstance(exc, StaleEdit):
        # If-Match named a version the locked row no longer has (core/lost_updates.py).
        body = error_body(status=412, code=exc.code, message=exc.message)
        headers = {}
        if exc.current:
            body["error"]["current"] = exc.current
            if exc.current.get("etag"):
                headers["ETag"] = exc.current["etag"]
        return Response(body, status=412, headers=headers)
    elif isinstance(exc, ConflictError):
        return Response(error_body(status=409, code=exc.code, message=exc.message), status=409)
    elif isinstance(exc, (ProtectedError, RestrictedError)):
        return Response(
            error_body(
                status=409,
                code="in_use",
                message="This record is still used by others (for example claims credit this source); "
                "remove those first.",
            ),
            status=409,
        )
    elif isinstance(exc, IntegrityError):
        # A constraint the service did not check first (usually a race between
        # two requests). The database refused the write, so nothing is stored.
        logger.warning("IntegrityError reached the API: %s", exc)
        return Response(
            error_body(
                status=409,
                code="integrity_error",
                message="This change clashes with data stored meanwhile (a duplicate or a broken link). "
                "Reload and try again.",
            ),
            status=409,
        )
    elif isinstance(exc, DataError):
        # A value the input checks let through but the database cannot store
        # (out of range, too long): the client's input, so a 400, not a 500.
        logger.warning("DataError reached the API: %s", exc)
        return Response(
            error_body(
                status=400, code="invalid", message="A value is out of the range the tracker can store."
            ),
            status=400,
        )
    return None


class RequestTooLarge(exceptions.APIException):
    status_code = 413
    default_code = "request_too_large"


def _as_drf_exception(exc):
    """Django's and Python's errors that DRF's handler should answer, as the
    DRF exception it knows; any other error unchanged."""
    if isinstance(exc, DjangoValidationError):
        return exceptions.ValidationError(_django_validation_to_fields(exc))
    elif isinstance(exc, RecursionError):
        # Input nested so deep that walking it overflowed the stack (the parser
        # refuses most such bodies first, core/parsers.py): the client's input.
        logger.warning("RecursionError reached the API")
        return exceptions.ParseError("The input is nested too deeply.")
    elif isinstance(exc, RequestDataTooBig):
        # Django refuses to read a body over DATA_UPLOAD_MAX_MEMORY_SIZE; left
        # to Django it became an HTML 400 page, not the API's error body.
        return RequestTooLarge(
            f"The request body is larger than the {settings.DATA_UPLOAD_MAX_MEMORY_SIZE:,} bytes the API "
            "reads (uploads: INGESTION_MAX_UPLOAD_BYTES)."
        )
    elif isinstance(exc, (TooManyFieldsSent, TooManyFilesSent)):
        return exceptions.ParseError(str(exc))
    elif isinstance(exc, ObjectDoesNotExist):
        return Http404()
    elif isinstance(exc, PermissionDenied):
        return api_refusal(exc)
    return exc


def api_refusal(exc: PermissionDenied) -> exceptions.PermissionDenied:
    """Django's PermissionDenied as DRF's, keeping the service's own words
    ("Only editors can add documents.") and, for a role refusal, the role
    needed and whom to ask (core/permissions.py), rendered as `error.role`."""
    refused = exceptions.PermissionDenied(str(exc) or None)
    refused.role = exc.as_detail() if isinstance(exc, RoleRequired) else None
    return refused


def _handled_error_body(exc, response: Response) -> dict:
    """The one error body for a response DRF's handler built; a validation
    error naming only missing records turns the response into a 409."""
    status = response.status_code
    if isinstance(exc, exceptions.ValidationError) and _only_missing_records(exc.detail):
        # The input is well formed but names a record that does not exist (or
        # was deleted meanwhile): a clash with stored data, like a duplicate.
        status = response.status_code = 409
        return error_body(
            status=status,
            code="does_not_exist",
            message="A record this refers to does not exist; see the field messages.",
            fields=_field_messages(exc.detail),
        )
    elif isinstance(exc, exceptions.ValidationError):
        return error_body(
            status=status,
            code="invalid",
            message="Some of the input is not valid; see the field messages.",
            fields=_field_messages(exc.detail),
        )
    detail = getattr(exc, "detail", None) if isinstance(exc, exceptions.APIException) else None
    if isinstance(exc, Http404):
        code, message = "not_found", "Not found."
    else:
        code = detail.code if hasattr(detail, "code") else getattr(exc, "default_code", "error")
        message = " ".join(_flatten_messages(detail)) if detail is not None else str(exc)
    body = error_body(status=status, code=str(code), message=message)
    if getattr(exc, "role", None):
        body["error"]["role"] = exc.role
    return body


def api_exception_handler(exc, context):
    """DRF's EXCEPTION_HANDLER: map every error to the one error body."""
    clash = _clash_response(exc)
    if clash is not None:
        return clash
    exc = _as_drf_exception(exc)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    response.data = _handled_error_body(exc, response)
    return response
