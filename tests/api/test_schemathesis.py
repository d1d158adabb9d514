"""Property-based tests of the live API against its own OpenAPI schema.

Schemathesis reads /api/schema/ from a live server, generates requests for
every operation (a bounded number per operation, so CI stays quick), sends
them as an editor using an API token, and checks that the server never
answers 5xx and that every answer matches the schema (status code, content
type and body).
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from accounts.services import api_token_create
from tests import factories

# Per operation and per mode (valid, then invalid input): 30 requests per
# operation in all, which keeps this test near two minutes on two cores.
EXAMPLES_PER_OPERATION = 15


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


CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


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
