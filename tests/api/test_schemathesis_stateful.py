"""Schemathesis's state machine over the schema's OpenAPI links (core/api_links.py).

Where tests/api/test_schemathesis.py sends each operation requests with ids
that mostly name nothing, this one chains calls the way a client does: create a
source, then read it, change it, grade it, delete it, credit a new claim to it
and file a document under it; create a claim, then read, change and re-status
it, list its attributions, relations and flags, credit it again, relate it,
and act on a flag from the list. Each step is generated valid or invalid and
checked like the stateless run (no 5xx, answers match the schema, input the
schema forbids is refused and input it allows is accepted, with the same
allowances for rules OpenAPI cannot state), plus the stateful checks: a
resource just created can be read, and one just deleted cannot.

Scenarios are bounded (STEPS, SCENARIOS) so the run stays under half a minute.
Each starts from an empty desk with ids from 1: Hypothesis replays a scenario
from its recorded choices and requires the same answers (a name taken by an
earlier scenario would turn a 201 into a 409, an empty bundle would change the
rules it can choose, and it would report the run as flaky).
"""

import hypothesis
import pytest
import schemathesis
from django.core.cache import cache
from django.db import connection
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import ensure_resource_availability, use_after_free

from accounts.models import ApiToken
from accounts.services import api_token_create
from tests import factories
from tests.api.test_schemathesis import CHECKS

# A scenario is a chain of calls; Hypothesis draws SCENARIOS of them, each of
# at most STEPS calls: about 200 requests, under half a minute on two cores.
SCENARIOS = 28
STEPS = 8


@pytest.fixture
def api_schema(live_server, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"user": "100000/minute", "anon": "100000/minute"},
    }
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/schema/?format=json", timeout=120)
    # Only the links the schema declares: chains a reader of the schema can follow.
    schema.config.phases.stateful.inference.algorithms = []
    schema.config.generation.modes = [GenerationMode.POSITIVE, GenerationMode.NEGATIVE]
    # Revoking or minting tokens would end the run's own authentication.
    return schema.exclude(path_regex="^/api/v1/tokens/")


def empty_the_desk() -> None:
    """Remove every record the API writes (and every row that refers to one),
    numbering from 1 again; users, tokens, roles and lexicons stay."""
    from claims.models import Claim, Event
    from core.models import IdempotencyKey
    from digests.models import DigestPreference
    from exports.models import ClaimExport
    from sources.models import Document, Source
    from webhooks.models import WebhookEndpoint, WebhookEvent

    # Idempotency keys too: a key stored by an earlier scenario would turn its create into a replay.
    models = [
        Source,
        Document,
        Event,
        Claim,
        ClaimExport,
        WebhookEndpoint,
        WebhookEvent,
        DigestPreference,
        IdempotencyKey,
    ]
    if connection.vendor != "postgresql":
        # SQLite (a local run) has no TRUNCATE: delete children first; ids go on.
        Document.objects.update(previous_version=None)  # versions protect each other
        for model in (
            Claim,
            Document,
            Event,
            Source,
            WebhookEvent,
            WebhookEndpoint,
            ClaimExport,
            DigestPreference,
            IdempotencyKey,
        ):
            model.objects.all().delete()
    else:
        with connection.cursor() as cursor:
            cursor.execute(
                f"TRUNCATE {', '.join(model._meta.db_table for model in models)} RESTART IDENTITY CASCADE"
            )
    cache.clear()  # throttle counts and cached lists


@pytest.fixture
def editor_token(live_server):
    editor = factories.editor(username="stateful-editor")
    _, raw = api_token_create(user=editor, name="stateful")
    return raw


def test_chained_calls_along_the_schema_links_never_fail_and_match_the_schema(api_schema, editor_token):
    headers = {"Authorization": f"Token {editor_token}"}

    class Workflow(api_schema.as_state_machine()):
        def setup(self):
            empty_the_desk()

        def get_call_kwargs(self, case):
            return {"headers": headers}

        def validate_response(self, response, case, additional_checks=None, **kwargs):
            case.validate_response(
                response,
                checks=[*CHECKS, ensure_resource_availability, use_after_free],
                transport_kwargs=kwargs or None,
                recorder=self.recorder,
            )

    Workflow.run(
        settings=hypothesis.settings(
            max_examples=SCENARIOS,
            stateful_step_count=STEPS,
            deadline=None,
            derandomize=True,
            database=None,
            phases=[hypothesis.Phase.explicit, hypothesis.Phase.generate],
            suppress_health_check=list(hypothesis.HealthCheck),
        )
    )
    assert ApiToken.objects.filter(name="stateful").exists()
