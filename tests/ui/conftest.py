import pytest
from django.test import Client

from tests import factories


@pytest.fixture
def fact_checker_client(fact_checker_user):
    client = Client()
    client.force_login(fact_checker_user)
    return client


@pytest.fixture
def viewer_client(viewer_user):
    client = Client()
    client.force_login(viewer_user)
    return client


@pytest.fixture
def conflict(db):
    """Two figure claims about one event that a rule flagged: 200 against 20."""
    event = factories.EventFactory(title="Airstrikes on supply lines")
    party = factories.PartySourceFactory(name="Defence ministry", reliability="D")
    monitor = factories.SourceFactory(name="Observatory", reliability="C")
    high = factories.FigureClaimFactory(event=event, text="Airstrikes killed 200 militants.", value_low=200)
    low = factories.FigureClaimFactory(event=event, text="Airstrikes killed 20 fighters.", value_low=20)
    factories.AttributionFactory(claim=high, source=party)
    factories.AttributionFactory(claim=low, source=monitor)
    return factories.ConflictFlagFactory(
        claim_a=high, claim_b=low, explanation="200 and 20 killed cannot both be right."
    )
