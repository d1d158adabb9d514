"""Shared building blocks of the REST API: one JSON error body, pagination,
throttles, role permissions and the `?updated_since=` filter.

Every error the API returns has the same shape:

    {"error": {"status": 400, "code": "invalid",
               "message": "Some of the input is not valid; see the field messages.",
               "fields": {"value_high": ["The high value cannot be below the low value."]}}}

`fields` is present only for field-level problems (400). Django's
ValidationError from a service becomes a 400 with the service's field
messages, core.exceptions.ConflictError a 409, and an IntegrityError that a
service did not anticipate a 409 too: a clash with stored data is never a 500.
The error body and the exception handler live in core/api_errors.py.
"""

import datetime as dt

import django_filters
from django import forms
from django.db import models
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django_filters.fields import IsoDateTimeField
from drf_spectacular.utils import OpenApiExample, extend_schema_field
from rest_framework import filters, permissions, serializers

from core.api_errors import api_exception_handler, api_refusal, error_body  # noqa: F401 - imported from core.api
from core.api_input import MAX_RECORD_ID, VISIBLE_CHARACTER
from core.api_input import StrictCharField as StrictCharField  # re-exported: older imports
from core.api_input import StrictPrimaryKeyRelatedField as StrictPrimaryKeyRelatedField
from core.permissions import role_refusal

ERROR_EXAMPLES = {
    400: OpenApiExample(
        "Invalid input",
        value=error_body(
            status=400,
            code="invalid",
            message="Some of the input is not valid; see the field messages.",
            fields={"value_high": ["The high value cannot be below the low value."]},
        ),
        response_only=True,
        status_codes=["400"],
    ),
    409: OpenApiExample(
        "Conflict with stored data",
        value=error_body(
            status=409,
            code="duplicate_relation",
            message="Claims #3 and #7 are already related as 'contradicts'.",
        ),
        response_only=True,
        status_codes=["409"],
    ),
}


class RolePermission(permissions.BasePermission):
    """Checks the Django model permissions the role groups hold
    (accounts/roles.py), per view action, for the request and again for each
    object it touches.

    A view lists what each action needs in `required_permissions`, e.g.
    {"list": ["claims.view_claim"], "create": ["claims.add_claim"]}.
    An action missing from the map is refused, so a new action must say what
    it needs.
    """

    message = "Your role does not allow this."

    def _required(self, view) -> list[str] | None:
        action = getattr(view, "action", None) or view.request.method.lower()
        return getattr(view, "required_permissions", {}).get(action)

    def _allowed(self, request, view) -> bool:
        if getattr(view, request.method.lower(), None) is None:
            # Not a method this view answers: let DRF say 405.
            return True
        if not (request.user and request.user.is_authenticated):
            return False
        if request.method == "OPTIONS":
            # The metadata DRF answers with already leaves out what the role may not do.
            return True
        required = self._required(view)
        if required is None:
            return False
        return all(request.user.has_perm(code) for code in required)

    def has_permission(self, request, view):
        if self._allowed(request, view):
            return True
        required = self._required(view)
        if request.user and request.user.is_authenticated and required is not None:
            # Say which role it needs and whom to ask, not only "no" (core/permissions.py).
            # As DRF's exception: the browsable API catches that one when it
            # checks which forms to show.
            raise api_refusal(role_refusal(request.user, required))
        return False

    def has_object_permission(self, request, view, obj):
        allowed = self._allowed(request, view)
        check = getattr(view, "check_object_role", None)
        if allowed and check is not None:
            return check(request.user, obj)
        return allowed


class UtcIsoDateTimeField(IsoDateTimeField):
    """An ISO 8601 date-time, turned into UTC before it reaches the database.

    Python accepts offsets up to ±23:59 and PostgreSQL only ±15:59, and an
    offset can push year 1 out of range: both are the client's mistake (400),
    not a server error.
    """

    def to_python(self, value):
        result = super().to_python(value)
        if result is None:
            return result
        try:
            return result.astimezone(dt.UTC)
        except (OverflowError, ValueError) as error:
            raise forms.ValidationError("This date-time is out of range.", code="invalid") from error


class IsoDateTimeFilter(django_filters.IsoDateTimeFilter):
    field_class = UtcIsoDateTimeField


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": MAX_RECORD_ID})
class RecordIdFilter(django_filters.NumberFilter):
    """`?source=12`: rows linked to record 12; an id no row has gives an empty
    list, like any filter that matches nothing (not a 400: the schema cannot
    know which ids exist). Whole numbers from 1 only; anything else is a 400."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_RECORD_ID)
        super().__init__(*args, **kwargs)


class _TrueOrFalseField(forms.Field):
    def to_python(self, value):
        if value in (None, ""):
            return None
        lowered = str(value).lower()
        if lowered not in ("true", "false"):
            raise forms.ValidationError("Give true or false.", code="invalid")
        return lowered == "true"


class BooleanFilter(django_filters.BooleanFilter):
    """`?flag=true|false`; anything else is a 400 (django-filter alone ignored
    it and returned the unfiltered list)."""

    field_class = _TrueOrFalseField


class UpdatedSinceFilterSet(django_filters.FilterSet):
    """Base for every list's filters: `?updated_since=2026-11-25T09:00:00Z`
    returns rows changed at or after that moment, for incremental sync."""

    updated_since = IsoDateTimeFilter(
        field_name="updated_at",
        lookup_expr="gte",
        label="Only rows changed at or after this ISO 8601 date-time (e.g. 2026-11-25T09:00:00Z).",
    )

    def is_valid(self) -> bool:
        # A filter that takes one value, given several times (`?claim=4&claim=`),
        # is ambiguous: Django would read the last one silently. A 400 instead.
        valid = super().is_valid()
        repeated = [
            name
            for name, filter_ in self.filters.items()
            if hasattr(self.data, "getlist")
            and len(self.data.getlist(name)) > 1
            and not issubclass(filter_.field_class, forms.MultipleChoiceField)
        ]
        for name in repeated:
            self.form.add_error(name, forms.ValidationError("Give this filter once.", code="repeated"))
        return valid and not repeated


class StrictOrderingFilter(filters.OrderingFilter):
    """`?ordering=` that names only the view's `ordering_fields`.

    DRF's filter drops terms it does not know and sorts by the rest, so
    `?ordering=password` or a misspelt `?ordering=-updatedat` answered 200 in
    the default order, and the client believed its rows sorted. An unknown
    term or a repeated parameter is a 400 naming `ordering` with the choices;
    an empty value means no ordering asked for. The schema states the allowed
    terms as a pattern, so generated clients and schemathesis agree."""

    def get_ordering(self, request, queryset, view):
        given = request.query_params.getlist(self.ordering_param)
        if len(given) > 1:
            raise serializers.ValidationError({self.ordering_param: ["Give this parameter once."]})
        if not given or not given[0].strip():
            return self.get_default_ordering(view)
        terms = [term.strip() for term in given[0].split(",")]
        allowed = self._allowed(view, queryset, request)
        unknown = [term for term in terms if term.removeprefix("-") not in allowed]
        if unknown:
            raise serializers.ValidationError(
                {
                    self.ordering_param: [
                        f"Cannot order by {', '.join(repr(term) for term in unknown)}. Choose from "
                        f"{', '.join(allowed)}, each optionally preceded by - for descending, "
                        "separated by commas."
                    ]
                }
            )
        return terms

    def _allowed(self, view, queryset=None, request=None) -> list[str]:
        return [item[0] for item in self.get_valid_fields(queryset, view, {"request": request})]

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        if isinstance(getattr(view, "ordering_fields", None), (list, tuple)):
            names = "|".join(self._allowed(view))
            for parameter in parameters:
                parameter["schema"]["pattern"] = f"^-?({names})(,-?({names}))*$"
                parameter["description"] = (
                    "Fields to order by, separated by commas, each optionally preceded by - for "
                    f"descending: {', '.join(self._allowed(view))}. Any other field is a 400."
                )
        return parameters


@csrf_exempt  # nothing is changed here; without this, a POST would get an HTML 403 first
def api_not_found(request, *args, **kwargs):  # noqa: ARG001 (a view's signature)
    """An /api/ address that matches no endpoint: the JSON 404 error body."""
    return JsonResponse(
        error_body(status=404, code="not_found", message="No API endpoint at this address."), status=404
    )


ERROR_SCHEMA = {
    "type": "object",
    "properties": {
        "error": {
            "type": "object",
            "properties": {
                "status": {"type": "integer"},
                "code": {"type": "string"},
                "message": {"type": "string"},
                "fields": {
                    "type": "object",
                    "additionalProperties": {},
                    "description": "Field name → list of messages (nested input gives nested objects).",
                },
                "current": {
                    "type": "object",
                    "description": "On a 412: the record as it is now (`record`), its `etag` and "
                    "`updated_at`, and for a body read from an older version `differs` "
                    "(field → {sent, current}).",
                    "properties": {
                        "etag": {"type": "string"},
                        "updated_at": {"type": "string"},
                        "record": {"type": "object", "additionalProperties": {}},
                        "differs": {"type": "object", "additionalProperties": {}},
                    },
                },
                "role": {
                    "type": "object",
                    "description": "On a 403 for want of a role: yours, the roles that would allow it "
                    "(weakest first) and whom to ask for one.",
                    "properties": {
                        "yours": {"type": "string", "nullable": True},
                        "needed": {"type": "array", "items": {"type": "string"}},
                        "ask": {"type": "string"},
                    },
                    "required": ["yours", "needed", "ask"],
                },
            },
            "required": ["status", "code", "message"],
        }
    },
    "required": ["error"],
}

ERROR_RESPONSES = {
    "400": ("Invalid input; `fields` names what is wrong.", ERROR_EXAMPLES[400].value),
    "401": (
        "No credentials, or an invalid or revoked token.",
        error_body(
            status=401, code="not_authenticated", message="Authentication credentials were not provided."
        ),
    ),
    "403": (
        "Your role does not allow this; `role` says which role would and whom to ask.",
        {
            "error": {
                **error_body(
                    status=403,
                    code="permission_denied",
                    message="Your role, viewer, does not allow this: it needs the fact-checker or editor "
                    "roles. Ask an administrator of this Claimtrack (someone who can open its admin site) "
                    "to give your account that role.",
                )["error"],
                "role": {
                    "yours": "viewer",
                    "needed": ["fact-checker", "editor"],
                    "ask": "an administrator of this Claimtrack (someone who can open its admin site)",
                },
            }
        },
    ),
    "404": ("No such record.", error_body(status=404, code="not_found", message="Not found.")),
    "409": ("The request clashes with stored data.", ERROR_EXAMPLES[409].value),
    "415": (
        "The body is not JSON in UTF-8, or its Content-Type is missing or a wildcard.",
        error_body(
            status=415,
            code="unsupported_media_type",
            message='Unsupported media type "application/x-www-form-urlencoded" in request. '
            "Send the body as application/json.",
        ),
    ),
    "412": (
        "If-Match named a version the record no longer has.",
        error_body(
            status=412,
            code="precondition_failed",
            message="The record changed since the version named in If-Match; read it again (GET) and "
            "send the change with its new ETag.",
        ),
    ),
    "413": (
        "The body is larger than the API reads (DATA_UPLOAD_MAX_MEMORY_SIZE).",
        error_body(
            status=413,
            code="request_too_large",
            message="The request body is larger than the 2,621,440 bytes the API reads "
            "(uploads: INGESTION_MAX_UPLOAD_BYTES).",
        ),
    ),
    "422": (
        "The Idempotency-Key was already used with a different request.",
        error_body(
            status=422,
            code="idempotency_key_reused",
            message="This Idempotency-Key was already used for a different request (another body, "
            "query string or endpoint). Send a new key with a new request; send the same body to get the first answer again.",
        ),
    ),
    "429": (
        "Too many requests; retry after the number of seconds in Retry-After.",
        error_body(
            status=429, code="throttled", message="Request was throttled. Expected available in 30 seconds."
        ),
    ),
}


def add_error_responses(result, generator, request, public):  # noqa: ARG001 (the hook's signature)
    """drf-spectacular post-processing hook: document the shared error body on
    every operation, for the statuses that operation can answer with."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            if method not in {"get", "post", "put", "patch", "delete", "head"}:
                continue
            # 404 everywhere: a detail that does not exist, or a page past the end of a list.
            statuses = ["400", "401", "403", "404", "429"]
            if method in {"post", "patch", "put", "delete"}:
                statuses.append("409")
            if method in {"patch", "delete"} and "{" in path:
                statuses.append("412")
            if method in {"post", "patch", "put"}:
                statuses += ["413", "415"]
            if any(
                parameter.get("name") == "Idempotency-Key" for parameter in operation.get("parameters", [])
            ):
                statuses.append("422")
            responses = operation.setdefault("responses", {})
            for code in statuses:
                description, example = ERROR_RESPONSES[code]
                responses.setdefault(
                    code,
                    {
                        "description": description,
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/Error"},
                                "examples": {"Error": {"value": example}},
                            }
                        },
                    },
                )
    return result


# Text without NUL characters (DRF refuses them; PostgreSQL cannot store them).
NO_NUL_PATTERN = "^[^\\u0000]*$"
# ...and, where blank is refused, not only white space (DRF trims it first).
NOT_BLANK_PATTERN = f"^[^\\u0000]*{VISIBLE_CHARACTER}[^\\u0000]*$"


def forbid_nul_in_request_text(result, generator, request, public):  # noqa: ARG001 (the hook's signature)
    """drf-spectacular post-processing hook: every free-text field of a request
    body says it takes no NUL character, as the validation does, so the schema
    and the validation agree (schemathesis ST202); one that must not be blank
    says it needs a character other than white space."""

    def walk(schema):
        if not isinstance(schema, dict):
            return
        if schema.get("type") == "string" and not ({"enum", "format", "pattern"} & set(schema)):
            schema["pattern"] = NOT_BLANK_PATTERN if schema.get("minLength", 0) >= 1 else NO_NUL_PATTERN
        for key in ("properties",):
            for child in schema.get(key, {}).values():
                walk(child)
        if "items" in schema:
            walk(schema["items"])
        for key in ("allOf", "oneOf", "anyOf"):
            for child in schema.get(key, []):
                walk(child)

    for name, schema in result.get("components", {}).get("schemas", {}).items():
        if name.endswith("Request"):
            walk(schema)
    return result


# Base of the API's read-only model serializers. Stored URLs may be empty
# (""), which is not a valid `uri`: they are rendered and described as plain
# strings so the schema tells the truth; a choice that may be stored blank is
# described with its blank. (A comment: drf-spectacular would show a docstring
# as the description of every answer without one.)
class OutputSerializer(serializers.ModelSerializer):
    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.URLField: serializers.CharField,
    }

    def include_extra_kwargs(self, kwargs, extra_kwargs):
        # DRF drops allow_blank from read-only fields, so a choice stored
        # blank (an audit entry's related_type) was described as one of the
        # choices only, and an empty one broke the schema.
        blank_choice = "choices" in kwargs and kwargs.get("allow_blank", False)
        kwargs = super().include_extra_kwargs(kwargs, extra_kwargs)
        if blank_choice:
            kwargs["allow_blank"] = True
        return kwargs

    def get_fields(self):
        # Each datetime field is given the current time zone once, when the
        # serializer is built for a request: left to itself, it reads it (an
        # asgiref Local, 20-40 µs) for every value, some 150 times on a flag
        # list page. The same zone, so the same output.
        fields = super().get_fields()
        zone = unset = object()
        for field in fields.values():
            if isinstance(field, serializers.DateTimeField) and not hasattr(field, "timezone"):
                if zone is unset:
                    zone = field.default_timezone()
                field.timezone = zone
        return fields
