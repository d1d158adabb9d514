"""The API's request parsers.

DRF's JSONParser turns ValueError into a 400 but lets RecursionError escape:
about 2 KB of "[" nested 990 deep gave a 500 (issue 13). Here every failure to
read the body becomes DRF's ParseError, which core.api renders as the one error
body with code "parse_error"; and a body nested deeper than any of the API's
inputs needs is refused before a serializer walks it recursively.

A key given twice in one object (`{"title": "a", "title": "b"}`) is refused
too, naming the key: Python's json keeps the last silently, other readers
(a proxy, a log, the client's own library) may keep the first, so the request
would mean two things (found by the third outside attack).
"""

import codecs

from rest_framework import parsers, serializers
from rest_framework.exceptions import ParseError, UnsupportedMediaType
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.parsers import get_encoding
from rest_framework.utils import json
from rest_framework.utils.mediatypes import _MediaType

REPEATED_KEY_MESSAGE = "Give this field once: it appears more than once in the same JSON object."


class _RepeatedKey(ValueError):
    def __init__(self, key: str):
        super().__init__(key)
        self.key = key


def _object_refusing_repeated_keys(pairs: list[tuple[str, object]]) -> dict:
    data = {}
    for key, value in pairs:
        if key in data:
            raise _RepeatedKey(key)
        data[key] = value
    return data


# The deepest input the API takes is a claim with attributions holding a
# selector object (about 4 levels); 32 leaves room and keeps every walk over
# the data (validation, error messages) far from Python's recursion limit.
MAX_JSON_DEPTH = 32


def json_depth_exceeds(data, limit: int) -> bool:
    """Whether `data` nests lists or objects deeper than `limit`, walked
    without recursion so the check itself cannot overflow the stack."""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            children = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):  # noqa: ARG002 (DRF's signature)
        # DRF's JSONParser.parse, with the repeated-key check.
        encoding = get_encoding(parser_context or {})
        try:
            data = json.load(
                codecs.getreader(encoding)(stream),
                parse_constant=json.strict_constant if self.strict else None,
                object_pairs_hook=_object_refusing_repeated_keys,
            )
        except _RepeatedKey as repeated:
            raise serializers.ValidationError({repeated.key: [REPEATED_KEY_MESSAGE]}) from None
        except ValueError as error:
            raise ParseError(f"JSON parse error - {error}") from None
        except RecursionError:
            raise ParseError(f"JSON parse error - nested deeper than {MAX_JSON_DEPTH} levels.") from None
        if json_depth_exceeds(data, MAX_JSON_DEPTH):
            raise ParseError(f"JSON parse error - nested deeper than {MAX_JSON_DEPTH} levels.")
        return data


# UTF-8, and ASCII (a subset: some clients name it for a body of plain ASCII).
UTF_8_NAMES = {"utf-8", "utf8", "us-ascii", "ascii"}


class ContentNegotiation(DefaultContentNegotiation):
    """DRF's choice of parser, refusing what DRF would guess at.

    DRF matches the request's Content-Type against each parser's type with
    wildcards on either side, so a body sent as `*/*` or `application/*` was
    read as JSON, and `application/json; charset=latin-1` was decoded as
    Latin-1 (JSON is UTF-8, and the same bytes would mean other text to any
    other reader). A Content-Type is what the body is, never a range: a
    wildcard, an unknown type, no type at all, or a JSON body in another
    charset is a 415 naming the types this endpoint reads.
    """

    def select_parser(self, request, available):
        content_type = request.content_type or ""
        media_type = _MediaType(content_type)
        accepted = " or ".join(parser.media_type for parser in available)
        if not content_type.strip():
            raise UnsupportedMediaType(
                "", detail=f"The request has a body but no Content-Type. Send the body as {accepted}."
            )
        if "*" in media_type.main_type or "*" in media_type.sub_type:
            parser = None
        else:
            parser = super().select_parser(request, available)
        if parser is None:
            raise UnsupportedMediaType(
                content_type,
                detail=f'Unsupported media type "{content_type}" in request. Send the body as {accepted}.',
            )
        charset = str(media_type.params.get("charset", "")).strip('"').lower()
        if isinstance(parser, parsers.JSONParser) and charset and charset not in UTF_8_NAMES:
            raise UnsupportedMediaType(
                content_type,
                detail=f'A JSON body is read as UTF-8 only, not "{charset}": send it as application/json '
                "(optionally; charset=utf-8).",
            )
        return parser
