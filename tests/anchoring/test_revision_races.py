"""A source revises its text while another writer raises the same claim's
"source revised" flag: one flag, brought up to date by the revision
(claims.services.flag_get_or_create_locked decides the race on the unique
index, as for detection's flags). PostgreSQL only."""

import pytest
from django.db import connection

from anchoring.services import SOURCE_REVISED, document_version_add
from claims.models import ConflictFlag
from tests.conftest import skip_or_fail, while_another_session_holds

from .test_versions import SECOND, story  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def postgresql_only():
    if connection.vendor != "postgresql":
        skip_or_fail("races between transactions need PostgreSQL (DATABASE_URL)")


def test_a_revision_racing_another_writer_of_the_same_flag_updates_that_flag(story, editor_user):  # noqa: F811
    toll = story["toll"]

    def raised_meanwhile():
        ConflictFlag.objects.create(
            rule=SOURCE_REVISED,
            claim_a=toll,
            severity=ConflictFlag.Severity.MEDIUM,
            explanation="Raised by another writer.",
        )

    while_another_session_holds(
        raised_meanwhile,
        lambda: document_version_add(document_id=story["document"].pk, user=editor_user, body=SECOND),
    )

    flag = ConflictFlag.objects.get(rule=SOURCE_REVISED, claim_a=toll)
    # The figure changed: high, and the revision's own explanation.
    assert flag.severity == ConflictFlag.Severity.HIGH
    assert "version 2" in flag.explanation
