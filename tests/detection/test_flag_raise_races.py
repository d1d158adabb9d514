"""Two workers raising the same flag at once end with one flag
(claims.services.flag_get_or_create_locked, which flag_raise and anchoring's
revised-source flag share): the loser's insert waits on the unique index
while the winner's transaction is open, fails once it commits, and the loser
carries on with the winner's flag. PostgreSQL only."""

import pytest
from django.db import connection

from claims.models import AuditEntry, ConflictFlag
from detection.services import Outcome, flag_raise
from tests.conftest import skip_or_fail, while_another_session_holds
from tests.factories import FigureClaimFactory

pytestmark = pytest.mark.django_db(transaction=True)

HIGH = ConflictFlag.Severity.HIGH


@pytest.fixture(autouse=True)
def postgresql_only():
    if connection.vendor != "postgresql":
        skip_or_fail("races between transactions need PostgreSQL (DATABASE_URL)")


def raise_mismatch(claims, *, severity=HIGH, explanation="200 against 20 killed in the same strikes."):
    return flag_raise(
        rule="figure_mismatch",
        claim_ids=tuple(claim.pk for claim in claims),
        severity=severity,
        explanation=explanation,
    )


def test_a_flag_another_worker_raises_meanwhile_is_the_one_both_end_with():
    claims = (FigureClaimFactory(value_low=200), FigureClaimFactory(value_low=20))

    result = while_another_session_holds(lambda: raise_mismatch(claims), lambda: raise_mismatch(claims))

    flag = ConflictFlag.objects.get()
    assert (result.flag.pk, result.outcome) == (flag.pk, Outcome.UNCHANGED)
    assert flag.history.filter(action=AuditEntry.Action.CREATED).count() == 1


def test_the_loser_of_the_race_brings_the_winners_flag_up_to_date():
    claims = (FigureClaimFactory(value_low=200), FigureClaimFactory(value_low=20))

    result = while_another_session_holds(
        lambda: raise_mismatch(
            claims, severity=ConflictFlag.Severity.MEDIUM, explanation="An older reading."
        ),
        lambda: raise_mismatch(claims),
    )

    flag = ConflictFlag.objects.get()
    assert result.outcome == Outcome.UPDATED
    assert (flag.severity, flag.explanation) == (HIGH, "200 against 20 killed in the same strikes.")
