"""The API's request parsers.

DRF's JSONParser turns ValueError into a 400 but lets RecursionError escape:
about 2 KB of "[" nested 990 deep gave a 500 (issue 13). Here every failure to
read the body becomes DRF's ParseError, which core.api renders as the one error
body with code "parse_error"; and a body nested deeper than any of the API's
inputs needs is refused before a serializer walks it recursively.
"""

from rest_framework import parsers
from rest_framework.exceptions import ParseError

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
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(f"JSON parse error - nested deeper than {MAX_JSON_DEPTH} levels.") from None
        if json_depth_exceeds(data, MAX_JSON_DEPTH):
            raise ParseError(f"JSON parse error - nested deeper than {MAX_JSON_DEPTH} levels.")
        return data
