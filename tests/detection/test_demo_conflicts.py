"""The demo story's three conflicts are found by the checks the demo loader triggers."""

import pytest

from claims.demo import demo_load
from claims.models import ConflictFlag

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_flags(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        demo_load()
    return list(ConflictFlag.objects.select_related("claim_a", "claim_b"))


def _flag_for(flags, rule):
    matching = [flag for flag in flags if flag.rule == rule]
    assert len(matching) == 1, f"expected one {rule} flag, got {[str(f) for f in flags]}"
    return matching[0]


def test_russias_200_against_the_observatorys_20_is_flagged_as_critical(demo_flags):
    flag = _flag_for(demo_flags, "figure_mismatch")
    assert {flag.claim_a.value_low, flag.claim_b.value_low} == {200, 20}
    assert flag.severity == ConflictFlag.Severity.CRITICAL
    assert flag.explanation == (
        "Russian Ministry of Defence's figure of 200 militants killed is ten times "
        "Syrian Observatory for Human Rights' 20 for the same event."
    )


def test_redeployment_against_retreated_is_a_framing_conflict(demo_flags):
    flag = _flag_for(demo_flags, "framing_conflict")
    texts = {flag.claim_a.text, flag.claim_b.text}
    assert any("redeployment" in text for text in texts)
    assert any("retreated" in text for text in texts)
    assert '"redeployment"' in flag.explanation and '"retreat"' in flag.explanation


def test_large_parts_against_airport_and_academy_is_a_territorial_conflict(demo_flags):
    flag = _flag_for(demo_flags, "territorial_control")
    texts = {flag.claim_a.text, flag.claim_b.text}
    assert any("large parts" in text for text in texts)
    assert any("airport and a military academy" in text for text in texts)


def test_russias_figure_alone_needs_independent_confirmation(demo_flags):
    flag = _flag_for(demo_flags, "party_only_sourcing")
    assert flag.claim_b is None
    assert flag.claim_a.value_low == 200
    assert flag.severity == ConflictFlag.Severity.LOW
    assert "needs independent confirmation" in flag.explanation


def test_the_demo_raises_nothing_else(demo_flags):
    assert sorted(flag.rule for flag in demo_flags) == [
        "attribution_balance",
        "figure_mismatch",
        "framing_conflict",
        "party_only_sourcing",
        "territorial_control",
    ]


def test_loading_the_demo_twice_raises_no_second_flag(demo_flags, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        demo_load()
    assert ConflictFlag.objects.count() == len(demo_flags)


def test_the_demo_articles_claimed_against_confirmed_is_one_low_flag(demo_flags):
    (flag,) = [flag for flag in demo_flags if flag.rule == "attribution_balance"]
    assert flag.severity == ConflictFlag.Severity.LOW
    assert "Russian Ministry of Defence" in flag.explanation
    assert "Syrian Observatory for Human Rights" in flag.explanation
