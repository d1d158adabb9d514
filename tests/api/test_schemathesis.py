"""Property-based tests of the live API against its own OpenAPI schema.

Schemathesis reads /api/schema/ from a live server, generates requests for
every operation (a bounded number per operation, so CI stays quick), sends
them as an editor using an API token, and checks that the server never
answers 5xx, that every answer matches the schema (status code, content
type and body), and that the schema and the validation agree: input the
schema forbids is refused (ST201) and input it allows is accepted (ST202).
One allowance, message by message: a few rules tie two fields, or a field to
stored state, in ways OpenAPI 3.0 cannot state (a figure claim needs a value;
an event cannot end before it starts; a claim cannot be related to itself; a
party must name its side; the claim marked on resolving must be in the
conflict; a list is paged by cursor or by page number, not both, and a
cursor page has its own order and is a token the API issued; an
Idempotency-Key sent again with another body is a 422, because an earlier
request used it; an article is
sent as text or as a file, and a file is UTF-8 text named .txt or .html; a
quoted document's text is fixed; a webhook's
host must resolve; an
export's filters are the claim list's own query parameters; no text may hold
a NUL character). A 400 carrying only those messages is the rule working, not
a mismatch; any other refusal of schema-valid input still fails. And one
convention: an empty query parameter (`?updated_since=`) means "not given",
as in every Django filter form, so a request whose only fault is an empty
query value is not counted as schema-violating input accepted (ST201). (A
multipart form cannot carry a null: the word null stands for it in the fields
that take no free text, core/api_input.py.)
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    positive_data_acceptance,
    response_schema_conformance,
    status_code_conformance,
)

from accounts.services import api_token_create
from tests import factories

# Per operation and per mode (valid, then invalid input): 20 requests per
# operation in all. With over 90 operations that is still near a minute on
# two cores, in a whole suite that must stay well under CI's 20 minutes.
EXAMPLES_PER_OPERATION = 10


@pytest.fixture
def api_schema(live_server, settings):
    # One user makes well over a thousand requests here.
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"user": "100000/minute", "anon": "100000/minute"},
    }
    return schemathesis.openapi.from_url(f"{live_server.url}/api/schema/?format=json")


@pytest.fixture
def editor_token(live_server):
    editor = factories.editor(username="schemathesis-editor")
    # Some rows for ids 1, 2, 3 to hit, so not every path answers 404.
    for _ in range(3):
        claim = factories.FigureClaimFactory()
        factories.AttributionFactory(claim=claim, document=factories.DocumentFactory())
        factories.ConflictFlagFactory(claim_a=claim, claim_b=None, rule="party_only_sourcing")
    _, raw = api_token_create(user=editor, name="schemathesis")
    return raw


# Rules the schema cannot express (see the module docstring): their messages.
CROSS_FIELD_RULES = (
    "A figure claim needs a value.",
    "Say what is counted",
    "does not say what is counted",
    "Say how the figure was hedged",
    "The high value cannot be below the low value.",
    "The end date cannot be before the start date.",
    "A claim cannot be related to itself.",
    "A party to the conflict must name its side.",
    "That claim is not part of this conflict.",
    "Name the claim to mark",
    "Cursor paging is always in the order rows changed",
    "Use either page or cursor, not both.",
    "Send the article's text, or upload a .txt or .html file.",
    "Not a filter of the claim list.",
    "Null characters are not allowed.",
    "Send the text or a file, not both.",
    # OpenAPI's multipart "binary" does not say the part must be a file part,
    # nor that the file must be UTF-8 text named .txt or .html.
    "The submitted data was not a file.",
    "Upload a .txt or .html file.",
    "The file is named ",
    "This is not a text file.",
    "The file is not UTF-8 text.",
    # Tied to stored or outside state: a cursor is a token this API issued; a
    # quoted document's text is fixed; a webhook's host must resolve.
    "Not a cursor from this API.",
    "Invalid pk ",
    "Claims quote this text by position; it cannot be edited.",
    "The host name ",
)


def _messages(fields) -> list[str]:
    if isinstance(fields, dict):
        return [m for value in fields.values() for m in _messages(value)]
    if isinstance(fields, list):
        return [m for item in fields for m in _messages(item)]
    return [str(fields)]


def only_cross_field_rules(response) -> bool:
    if response.status_code != 400:
        return False
    try:
        messages = _messages(response.json()["error"].get("fields", {}))
    except (ValueError, KeyError, TypeError):
        return False
    return bool(messages) and all(message.startswith(CROSS_FIELD_RULES) for message in messages)


def reused_idempotency_key(response) -> bool:
    # Generated requests repeat a key with other bodies: the 422 is the rule
    # working (core/idempotency.py), tied to a request sent earlier.
    try:
        return response.status_code == 422 and response.json()["error"]["code"] == "idempotency_key_reused"
    except (ValueError, KeyError, TypeError):
        return False


@schemathesis.check
def schema_valid_input_is_accepted(ctx, response, case):
    """ST202, except a 400 that names only rules the schema cannot express,
    and a 422 for an Idempotency-Key an earlier request used."""
    if only_cross_field_rules(response) or reused_idempotency_key(response):
        return None
    return positive_data_acceptance(ctx, response, case)


def _has_empty(value) -> bool:
    """Whether an empty value is sent for the parameter, alone or among the
    repeated values an array or object is serialised into (an empty one is
    sent as an empty value)."""
    if isinstance(value, dict):
        return not value or any(_has_empty(item) for item in value.values())
    if isinstance(value, list | tuple):
        return not value or any(_has_empty(item) for item in value)
    return value == "" or value is None


@schemathesis.check
def schema_violating_input_is_refused(ctx, response, case):
    """ST201, except for requests whose query has an empty value: empty means
    "not given" (a filter sent several times is refused by the server itself)."""
    if any(_has_empty(value) for value in (case.query or {}).values()):
        return None
    return negative_data_rejection(ctx, response, case)


CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    schema_violating_input_is_refused,
    schema_valid_input_is_accepted,
]


def run_operation(operation, mode, headers: dict) -> None:
    """Send EXAMPLES_PER_OPERATION generated requests for one operation."""

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def check(case):
        case.call_and_validate(headers=headers, checks=CHECKS)

    check()


def test_the_live_api_never_fails_and_matches_its_schema(api_schema, editor_token):
    # Schemathesis's lazy pytest integration does not work with pytest 9, so
    # the operations are driven here; every failing operation is reported.
    headers = {"Authorization": f"Token {editor_token}"}
    failures, tested = [], 0
    for result in api_schema.get_all_operations():
        operation = result.ok()
        if "/tokens/" in operation.path:
            continue  # would revoke the token the run authenticates with
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            try:
                run_operation(operation, mode, headers)
            except Unsatisfiable:
                continue  # no invalid request exists for an operation without inputs
            except (Exception, BaseExceptionGroup) as error:
                failures.append(f"{operation.method.upper()} {operation.path} ({mode.value}): {error}")
        tested += 1
    assert tested > 40
    assert not failures, "\n\n".join(failures)
