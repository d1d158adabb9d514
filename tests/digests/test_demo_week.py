"""The digest for the week the demo story arrives, with conflict detection
really running on the demo claims (the other tests make their flags by hand so
that they do not depend on the rules' exact output)."""

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core import mail

from claims.demo import demo_load
from claims.models import Claim, ConflictFlag
from digests.selectors import digest_content_for
from digests.tasks import send_weekly_digests

from .conftest import DURING_THE_WEEK, SEND_TIME, WEEK


@pytest.fixture
def detected_demo_week(db, django_capture_on_commit_callbacks):
    with time_machine.travel(DURING_THE_WEEK, tick=False):
        # Run the on-commit hooks, so each saved claim is checked for conflicts.
        with django_capture_on_commit_callbacks(execute=True):
            demo_load()
    if not ConflictFlag.objects.exists():
        pytest.fail("conflict detection found nothing in the demo story")


def test_the_demo_weeks_digest_reports_what_detection_found(detected_demo_week):
    flags = ConflictFlag.objects.all()
    reader = get_user_model().objects.get(username="factchecker")
    with time_machine.travel(SEND_TIME, tick=False):
        content = digest_content_for(user=reader, week=WEEK)

    assert content.new_claim_count == Claim.objects.count()
    assert content.new_conflict_count == flags.count()
    assert content.open_conflict_count == flags.filter(status__in=ConflictFlag.ACTIVE_STATUSES).count()
    assert sum(row.count for row in content.new_conflicts_by_severity) == flags.count()
    severities = [flag.severity for flag in content.new_conflicts]
    assert severities == sorted(severities, reverse=True)
    # The Russian casualty figure is both contradicted and sourced only to a party.
    most_contested = content.most_contested_claims[0]
    assert most_contested.text.startswith("Russian airstrikes")
    assert most_contested.flag_count >= 2
    assert "Russian Ministry of Defence" in [source.name for source in content.disputed_sources]


def test_everyone_on_the_demo_desk_gets_the_demo_week_once(detected_demo_week):
    with time_machine.travel(SEND_TIME, tick=False):
        send_weekly_digests()
        send_weekly_digests()

    assert sorted(message.to[0] for message in mail.outbox) == [
        "editor@newsroom.example",
        "factchecker@newsroom.example",
        "viewer@newsroom.example",
    ]
    open_count = ConflictFlag.objects.filter(status__in=ConflictFlag.ACTIVE_STATUSES).count()
    assert mail.outbox[0].subject == f"Claimtrack weekly digest, 2024-W48: {open_count} open conflicts"


def test_the_demo_weeks_digest_has_the_airstrikes_figure_summary(detected_demo_week):
    with time_machine.travel(SEND_TIME, tick=False):
        send_weekly_digests()
    message = next(m for m in mail.outbox if m.to == ["factchecker@newsroom.example"])
    assert "FIGURES THAT CHANGED THIS WEEK" in message.body
    assert "Airstrikes around Aleppo, Friday 29 November: " in message.body
    assert "Conservative figure: 20 (Syrian Observatory for Human Rights); range 20–200" in message.body
    html = message.alternatives[0][0]
    assert "Figures that changed this week" in html and "never averaged" in html
