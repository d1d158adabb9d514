"""A newsroom week like the demo's: the Aleppo story's claims arrive during ISO
week 2024-W48, editors raise and resolve conflicts on them, and the digest for
that week goes out on Monday 2 December 2024 at 07:00.

Conflict flags are made here by hand (as a detection rule would) so that each
test knows exactly which conflicts exist, whatever the detection rules do.
"""

from dataclasses import dataclass

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction

from claims.demo import demo_load
from claims.models import Claim, ConflictFlag
from claims.services import flag_assign, flag_resolve
from digests.weeks import IsoWeek
from tests import factories

WEEK = IsoWeek(2024, 48)
BEFORE_THE_WEEK = "2024-11-18 09:00Z"
DURING_THE_WEEK = "2024-11-29 13:00Z"
RESOLVED_AT = "2024-11-30 10:00Z"
SEND_TIME = "2024-12-02 07:00Z"


@dataclass
class DeskWeek:
    week: IsoWeek
    editor: object
    factchecker: object
    viewer: object
    russia_figure: Claim
    sohr_figure: Claim
    old_flag: ConflictFlag
    figure_flag: ConflictFlag
    framing_flag: ConflictFlag
    territory_flag: ConflictFlag
    single_flag: ConflictFlag


def claim(text: str) -> Claim:
    return Claim.objects.get(text=text)


def pair_flag(first: Claim, second: Claim, **fields) -> ConflictFlag:
    low, high = sorted([first, second], key=lambda c: c.pk)
    try:
        with transaction.atomic():
            return factories.ConflictFlagFactory(claim_a=low, claim_b=high, **fields)
    except IntegrityError:
        # With a real worker running (tests/digests/test_worker.py), the check
        # the demo's claims queued may have raised this very pair first: take
        # that flag and give it the fields the week's story needs.
        flag = ConflictFlag.objects.get(rule=fields["rule"], claim_a=low, claim_b=high)
        for name, value in fields.items():
            setattr(flag, name, value)
        flag.save()
        return flag


@pytest.fixture
def desk_week(db) -> DeskWeek:
    # A conflict from the week before, still open: not news, but still open.
    with time_machine.travel(BEFORE_THE_WEEK, tick=False):
        old_flag = pair_flag(
            factories.ClaimFactory(text="An older claim about the ceasefire."),
            factories.ClaimFactory(text="Another older claim about the ceasefire."),
            rule="occurrence_contradiction",
            severity=ConflictFlag.Severity.MEDIUM,
            explanation="Two accounts of whether the ceasefire held.",
        )

    # The demo story arrives on Friday of week 48.
    with time_machine.travel(DURING_THE_WEEK, tick=False):
        demo_load()
        users = {user.username: user for user in get_user_model().objects.all()}
        russia = claim("Russian airstrikes on insurgent supply lines killed 200 militants.")
        sohr = claim("Airstrikes near residential areas killed 20 insurgents late on Friday.")
        army_framing = claim(
            "The army's pull-back from Aleppo is a temporary redeployment to protect civilians."
        )
        wire_framing = claim("Government forces retreated from Aleppo as the insurgents advanced.")
        army_territory = claim("Insurgents have entered large parts of Aleppo.")
        residents_territory = claim("Government forces hold only Aleppo's airport and a military academy.")
        figure_flag = pair_flag(
            russia,
            sohr,
            rule="figure_mismatch",
            severity=ConflictFlag.Severity.CRITICAL,
            explanation="200 militants killed (Russia) against 20 insurgents killed (SOHR).",
        )
        framing_flag = pair_flag(
            army_framing,
            wire_framing,
            rule="framing_conflict",
            severity=ConflictFlag.Severity.HIGH,
            explanation="A 'temporary redeployment' or a retreat?",
        )
        territory_flag = pair_flag(
            army_territory,
            residents_territory,
            rule="territory_conflict",
            severity=ConflictFlag.Severity.MEDIUM,
            explanation="How much of Aleppo the insurgents hold.",
        )
        single_flag = factories.ConflictFlagFactory(
            claim_a=russia,
            claim_b=None,
            rule="party_source_only",
            severity=ConflictFlag.Severity.LOW,
            explanation="Only a party to the conflict gives this figure.",
        )
        flag_assign(flag_id=figure_flag.pk, user=users["editor"], assignee=users["factchecker"])

    with time_machine.travel(RESOLVED_AT, tick=False):
        flag_resolve(
            flag_id=territory_flag.pk,
            user=users["editor"],
            note="Both describe the same advance; the army's wording understates it.",
            mark_claim_id=army_territory.pk,
        )

    return DeskWeek(
        week=WEEK,
        editor=users["editor"],
        factchecker=users["factchecker"],
        viewer=users["viewer"],
        russia_figure=russia,
        sohr_figure=sohr,
        old_flag=old_flag,
        figure_flag=figure_flag,
        framing_flag=framing_flag,
        territory_flag=territory_flag,
        single_flag=single_flag,
    )


@pytest.fixture
def monday_morning():
    """Stand at the moment the week-48 digest goes out."""
    with time_machine.travel(SEND_TIME, tick=False) as traveller:
        yield traveller
