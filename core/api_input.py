"""Strict input for the API: every field of a request takes only its own JSON type.

DRF's fields coerce what they are given: a CharField turns 12 into "12", an
IntegerField takes "12" and 12.0, a BooleanField takes "yes", 1 and "on", a
choice of integers takes "3", and a related id passed straight to the database
lookup let `"event": 1.5` link event 1 (issue 13). Each coercion is input the
schema forbids being accepted, and a client's mistake stored as if it were meant.

Every input serializer derives from `InputSerializer`, which swaps each field
DRF declares for its strict twin below when the class is built, so a new field
is strict without anyone remembering to ask; a field with no strict twin stops
the import (ImproperlyConfigured) until it gets one. A wrong type is a 400
with a field message, in the API's one error body.

The API reads JSON, except the ingest endpoint, which also takes a multipart
form for the upload. A form carries every value as text, so there a strict
field parses the text fully ("12" is 12, "true" is true, "1.5" is refused),
and a form part the serializer would not read (nested data such as
`attributions[0]source`, a name it does not know, a field given twice) is
refused rather than silently dropped.

The same holds for JSON: a key the serializer does not take is refused, not
ignored, so a misspelt `{"txet": ...}` or a read-only `{"status": ...}` is
never answered 2xx as if it had changed something. A key that names a
read-only field of the record (its GET shape) is "read-only"; any other is
"unknown". A read-only field sent with the value the record holds is let
through, so a client may PATCH or PUT back the body it read (`id`,
`created_at` and the rest unchanged); on a create there is no stored value,
so any read-only field is refused. The view says which record is written
(`record_context`); without it every key not taken is "unknown".
"""

import copy
import json
import re
from collections.abc import Callable, Mapping

from django.core.exceptions import ImproperlyConfigured
from django.http import QueryDict
from django.utils.dateparse import parse_datetime
from rest_framework import serializers
from rest_framework.utils.encoders import JSONEncoder

from core.lost_updates import stale_body

# Ids are 64-bit (BigAutoField); a larger number cannot name a row.
MAX_RECORD_ID = 2**63 - 1

_FORM_INTEGER = re.compile(r"-?[0-9]{1,30}")


def json_type_name(value) -> str:
    """The value's type as a client writing JSON would call it."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int):
        return "a whole number"
    if isinstance(value, float):
        return "a decimal number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def is_whole_number(value) -> bool:
    # bool is a subclass of int in Python, but true is not the number 1 in JSON.
    return isinstance(value, int) and not isinstance(value, bool)


class StrictInputField:
    """Mixin for a serializer field: refuse values of the wrong JSON type
    before DRF's own conversion can coerce them."""

    expected = "a value of the documented type"
    default_error_messages = {"incorrect_type": "Give {expected}, not {given}."}
    # In a form, the word null stands for JSON's null where the field takes no
    # free text (a form part cannot be empty of a value otherwise).
    form_null_word = True

    def takes(self, data) -> bool:
        raise NotImplementedError

    def from_form_text(self, text: str):
        """A form's text as this field's JSON value (left as text if it is not one)."""
        return text

    def sent_as_a_form(self) -> bool:
        return isinstance(getattr(self.root, "initial_data", None), QueryDict)

    def get_value(self, dictionary):
        value = super().get_value(dictionary)
        if value == "null" and self.allow_null and self.form_null_word and isinstance(dictionary, QueryDict):
            return None
        return value

    def to_internal_value(self, data):
        if isinstance(data, str) and self.sent_as_a_form():
            data = self.from_form_text(data)
        if not self.takes(data):
            self.fail("incorrect_type", expected=self.expected, given=json_type_name(data))
        return super().to_internal_value(data)


class _Text(StrictInputField):
    expected = "text (a JSON string)"
    form_null_word = False  # "null" is also a word someone may mean

    def takes(self, data) -> bool:
        return isinstance(data, str)


# A character that shows: not white space, NUL, nor an invisible format
# character (zero-width spaces and joiners, bidi controls, soft hyphen,
# variation selectors, the BOM, Hangul fillers). One class for the check and
# the schema's pattern (core.api.NOT_BLANK_PATTERN), so the two agree.
VISIBLE_CHARACTER = (
    "[^\\s\\u0000\\u00ad\\u034f\\u061c\\u115f\\u1160\\u17b4\\u17b5\\u180b-\\u180f"
    "\\u200b-\\u200f\\u202a-\\u202e\\u2060-\\u206f\\u3164\\ufe00-\\ufe0f\\ufeff\\uffa0]"
)
_VISIBLE_CHARACTER = re.compile(VISIBLE_CHARACTER)


def shows_something(text: str) -> bool:
    """The text has a character that shows (VISIBLE_CHARACTER): the API's
    strict text fields and the web forms (core.forms.RequiredTextMustShow)
    refuse a required text without one as blank."""
    return bool(_VISIBLE_CHARACTER.search(text or ""))


class StrictCharField(_Text, serializers.CharField):
    """Text that must arrive as a JSON string: DRF's CharField turns 12 into
    "12", so a number sent by mistake was stored as text the schema refuses.

    Where blank is refused, text made only of invisible characters (a lone
    zero-width space: a source whose name shows as nothing) is blank too."""

    def run_validation(self, data=serializers.empty):
        value = super().run_validation(data)
        if isinstance(value, str) and value and not self.allow_blank and not shows_something(value):
            self.fail("blank")
        return value


class StrictURLField(_Text, serializers.URLField):
    pass


class StrictEmailField(_Text, serializers.EmailField):
    pass


class StrictSlugField(_Text, serializers.SlugField):
    pass


class StrictDateField(_Text, serializers.DateField):
    expected = "a date as text (YYYY-MM-DD)"
    form_null_word = True


class StrictDateTimeField(_Text, serializers.DateTimeField):
    expected = "a date and time as ISO 8601 text"
    form_null_word = True


class StrictSlugRelatedField(_Text, serializers.SlugRelatedField):
    """A related record named by text (a username): 12 or true looked up the
    user called "12" or "True"."""


class StrictIntegerField(StrictInputField, serializers.IntegerField):
    """A JSON integer: DRF took "12", 12.0 and "12.0" as 12."""

    expected = "a whole number"

    def takes(self, data) -> bool:
        return is_whole_number(data)

    def from_form_text(self, text: str):
        return int(text) if _FORM_INTEGER.fullmatch(text) else text


class StrictFloatField(StrictInputField, serializers.FloatField):
    expected = "a number"

    def takes(self, data) -> bool:
        return isinstance(data, (int, float)) and not isinstance(data, bool)


class StrictBooleanField(StrictInputField, serializers.BooleanField):
    """JSON true or false: DRF also took "yes", "on", "1", 1 and 1.0 as true."""

    expected = "true or false"

    def takes(self, data) -> bool:
        return isinstance(data, bool)

    def from_form_text(self, text: str):
        return {"true": True, "false": False}.get(text, text)


class StrictChoiceField(StrictInputField, serializers.ChoiceField):
    """One of the choices, in the choices' own JSON type: a grade of 1 to 6 is
    a number (DRF took "3"), a status is text (DRF took 1 for a choice "1")."""

    @property
    def expected(self) -> str:
        return "a whole number" if self._takes_numbers() else "text (a JSON string)"

    def _takes_numbers(self) -> bool:
        return bool(self.choices) and all(is_whole_number(key) for key in self.choices)

    def takes(self, data) -> bool:
        if data == "" and self.allow_blank:
            return True
        return is_whole_number(data) if self._takes_numbers() else isinstance(data, str)

    def from_form_text(self, text: str):
        if self._takes_numbers() and _FORM_INTEGER.fullmatch(text):
            return int(text)
        return text


class StrictPrimaryKeyRelatedField(StrictInputField, serializers.PrimaryKeyRelatedField):
    """A related record's id, which must be a JSON integer.

    DRF's field passes the value to the database lookup as it comes, so
    `"event": 1.5` linked event 1 and `true` linked record 1 (issue 13), and
    `"3"` was taken although the schema says integer. Anything but an integer
    is now refused with a field message.
    """

    expected = "the id as a whole number"

    def takes(self, data) -> bool:
        return is_whole_number(data)

    def from_form_text(self, text: str):
        # "-3" too: a whole number no row has (409), as in JSON, not a type error.
        return int(text) if _FORM_INTEGER.fullmatch(text) else text

    def to_internal_value(self, data):
        data = self.from_form_text(data) if isinstance(data, str) and self.sent_as_a_form() else data
        if self.takes(data) and not 1 <= data <= MAX_RECORD_ID:
            # No row has such an id (and the database could not even compare it).
            self.fail("does_not_exist", pk_value=data)
        return super().to_internal_value(data)


class _NotInForms:
    """A list or an object: JSON only. DRF reads them from a form by key
    conventions (`aliases[0]`, `attributions.0.source`) and drops what does
    not fit; the serializer refuses such parts instead (InputSerializer)."""


class StrictListField(_NotInForms, serializers.ListField):
    pass


class StrictDictField(_NotInForms, serializers.DictField):
    pass


# DRF's field classes and their strict twins. Exact classes: a subclass (say a
# field of our own) is not assumed to behave like its parent.
STRICT_FIELDS = {
    serializers.CharField: StrictCharField,
    serializers.URLField: StrictURLField,
    serializers.EmailField: StrictEmailField,
    serializers.SlugField: StrictSlugField,
    serializers.DateField: StrictDateField,
    serializers.DateTimeField: StrictDateTimeField,
    serializers.IntegerField: StrictIntegerField,
    serializers.FloatField: StrictFloatField,
    serializers.BooleanField: StrictBooleanField,
    serializers.ChoiceField: StrictChoiceField,
    serializers.SlugRelatedField: StrictSlugRelatedField,
    serializers.PrimaryKeyRelatedField: StrictPrimaryKeyRelatedField,
    serializers.ListField: StrictListField,
    serializers.DictField: StrictDictField,
}
# Fields that check their input's type themselves.
SELF_CHECKING = (StrictInputField, _NotInForms, serializers.FileField, serializers.HiddenField)


def make_strict(field, *, where: str) -> None:
    """Give `field` (and a list's or an object's items) its strict twin, in place."""
    if field.read_only:
        return
    if isinstance(field, serializers.ListSerializer):
        field = field.child
    strict = STRICT_FIELDS.get(type(field))
    if strict is not None:
        # The same field with stricter input; its arguments and schema stay.
        field.__class__ = strict
    if isinstance(field, _NotInForms):
        # A list's or an object's items are input too (an object's default
        # child takes anything, so it must be given one).
        make_strict(field.child, where=f"{where} (items)")
    if not isinstance(field, (*SELF_CHECKING, InputSerializer)):
        raise ImproperlyConfigured(
            f"{where} is a {type(field).__name__}, which has no strict version in core.api_input; "
            "add one so the API refuses values of the wrong JSON type."
        )


RECORD_CONTEXT = "record_being_written"
# Fields of every record that no request sets.
SERVER_SET_FIELDS = frozenset({"id", "created_at", "updated_at"})


class RecordBeingWritten:
    """The record a write creates or changes, as an input serializer needs to
    know it: the names of its fields (the output serializer's, its GET shape)
    and, for a change, the values it holds now, rendered only if asked."""

    def __init__(
        self,
        *,
        field_names,
        stored: Callable[[], Mapping] | None = None,
        changed_through: Mapping[str, str] | None = None,
    ):
        self.field_names = frozenset(field_names)
        self._stored = stored
        self._rendered = None
        # {field: what changes it}, from the output serializer's `changed_through`.
        self.changed_through = dict(changed_through or {})

    def read_only_message(self, name: str, default: str) -> str:
        """The refusal of a read-only field sent with a new value: where a
        request does change it (an action, another endpoint), the message says
        which, so the script's author need not search the docs for it."""
        if name in self.changed_through:
            return f"This field is read-only here; it changes through {self.changed_through[name]}."
        if name in SERVER_SET_FIELDS:
            return "This field is read-only: the server sets it."
        return default

    def stored(self) -> Mapping | None:
        """The record as GET answers it now; None for a record not created yet."""
        if self._stored is None:
            return None
        if self._rendered is None:
            self._rendered = self._stored()
        return self._rendered


def record_context(output_serializer_class, instance=None, *, context: dict | None = None) -> dict:
    """The serializer context of a write: `context` plus the record being
    created (no `instance`) or changed (`instance`, rendered by
    `output_serializer_class` only when a read-only field is sent)."""
    context = dict(context or {})
    field_names = output_serializer_class(context=context).fields.keys()
    stored = None
    if instance is not None:
        stored = lambda: output_serializer_class(instance, context=context).data  # noqa: E731
    context[RECORD_CONTEXT] = RecordBeingWritten(
        field_names=field_names,
        stored=stored,
        changed_through=getattr(output_serializer_class, "changed_through", None),
    )
    return context


def _is_date_time(value) -> bool:
    """Whether `value` reads as a moment: a body's `updated_at` that does not
    (a typo, null, a number) is no version to compare, only a read-only field
    sent with another value (a 400 naming it)."""
    if not isinstance(value, str):
        return False
    try:
        return parse_datetime(value) is not None
    except ValueError:  # a well-formed but impossible moment (month 13)
        return False


def _as_json(value) -> str:
    # Compared as the JSON a client reads: the stored value as rendered
    # (dates as text), keys sorted; 1, 1.0 and true stay three different values.
    return json.dumps(value, cls=JSONEncoder, sort_keys=True, ensure_ascii=False)


# Base of every API input serializer: each field takes only its JSON type, and
# a key it does not take is refused (see the module docstring). A comment, not
# a docstring: drf-spectacular would show a docstring as the description of
# every request body that has none.
class InputSerializer(serializers.Serializer):
    default_error_messages = {
        "not_a_form_field": "Not a field of this form (lists and objects must be sent as JSON).",
        "repeated": "Give this field once.",
        "unknown_field": "Unknown field.",
        "read_only_field": "This field is read-only.",
    }

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        for name, field in cls._declared_fields.items():
            make_strict(field, where=f"{cls.__module__}.{cls.__name__}.{name}")

    def to_internal_value(self, data):
        if isinstance(data, QueryDict):
            if self.parent is None:
                self._refuse_form_parts_left_unread(data)
            return super().to_internal_value(data)
        refused = self._keys_not_taken(data) if isinstance(data, Mapping) else {}
        if not refused:
            return super().to_internal_value(data)
        # Reported with the other fields' messages, so one answer names every mistake.
        try:
            super().to_internal_value(data)
        except serializers.ValidationError as error:
            if isinstance(error.detail, Mapping):
                refused = {**error.detail, **refused}
        raise serializers.ValidationError(refused)

    def _keys_not_taken(self, data: Mapping) -> dict:
        """Field messages for the keys of `data` this serializer would ignore."""
        taken = {field.field_name for field in self._writable_fields}
        # The record's fields are known only to the outermost serializer: a
        # nested one (an attribution inside a new claim) reports every key it
        # does not take as unknown.
        record = self.context.get(RECORD_CONTEXT) if self.parent is None else None
        sent_version = data.get("updated_at")
        stored = record.stored() if record is not None and _is_date_time(sent_version) else None
        if (
            stored is not None
            and "updated_at" in stored
            and _as_json(sent_version) != _as_json(stored["updated_at"])
        ):
            # A body read before someone else's change: 412 with what differs
            # and the record now, as If-Match would have answered (core/lost_updates.py).
            raise stale_body(data, stored)
        refused = {}
        for key, value in data.items():
            if key in taken:
                continue
            if record is None or key not in record.field_names:
                refused[key] = [self.error_messages["unknown_field"]]
                continue
            stored = record.stored()
            if stored is not None and key in stored and _as_json(value) == _as_json(stored[key]):
                continue  # sent back as read: changes nothing
            refused[key] = [record.read_only_message(key, self.error_messages["read_only_field"])]
        return refused

    def _refuse_form_parts_left_unread(self, form: QueryDict) -> None:
        readable = {
            field.field_name
            for field in self._writable_fields
            if not isinstance(field, (_NotInForms, serializers.BaseSerializer))
        }
        errors = {}
        for key in form:
            if key not in readable:
                errors[key] = [self.error_messages["not_a_form_field"]]
            elif len(form.getlist(key)) > 1:
                errors[key] = [self.error_messages["repeated"]]
        if errors:
            raise serializers.ValidationError(errors)


# The body of an action that takes no fields: empty, or {}; any key is refused.
class EmptyInputSerializer(InputSerializer):
    pass


# ...and its schema (drf-spectacular leaves out the body of a serializer without fields).
EMPTY_BODY = {"application/json": {"type": "object", "properties": {}, "additionalProperties": False}}


FORM_MEDIA_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")


def request_bodies_take_only_their_fields(result, generator, request, public):  # noqa: ARG001 (the hook's signature)
    """drf-spectacular post-processing hook: a request body's schema says it
    takes no fields but its own (`additionalProperties: false`), as
    InputSerializer refuses the others, in JSON and in a form alike. (A
    read-only field sent back with its stored value is let through, which the
    schema does not state: it promises less than the API accepts.)"""
    schemas = result.get("components", {}).get("schemas", {})
    for name, component in schemas.items():
        if name.endswith("Request") and component.get("type") == "object":
            component["additionalProperties"] = False
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            if not isinstance(operation, dict):
                continue
            for media_type, body in operation.get("requestBody", {}).get("content", {}).items():
                reference = body.get("schema", {}).get("$ref", "")
                if media_type in FORM_MEDIA_TYPES and reference:
                    component = schemas[reference.rsplit("/", 1)[1]]
                    body["schema"] = {**copy.deepcopy(component), "additionalProperties": False}
    return result
