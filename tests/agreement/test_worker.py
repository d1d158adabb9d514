"""Corroboration and revision through a real Celery worker over Redis."""

import datetime as dt

import pytest
from django.db.models import Q

from claims.models import Claim, ClaimRelation, ConflictFlag
from claims.services import claim_create
from tests.conftest import wait_until
from tests.factories import DocumentFactory, EventFactory, PartySourceFactory, SourceFactory

from ..detection.conftest import make_figure

pytestmark = pytest.mark.worker


def test_a_worker_records_the_corroboration_and_the_revision(detection_lexicon, celery_worker):
    # Given an event, a party, a monitor and a hospital, committed
    event = EventFactory(title="Strike on the market")
    ministry = PartySourceFactory(name="Ministry", slug="ministry", side="Government")
    monitor = SourceFactory(name="Monitor", slug="monitor")
    hospital = SourceFactory(name="Hospital", slug="hospital")
    # When the ministry says 45, then revises to 85, and two independent sources say 85 and about 80
    for value, hour in ((45, 8), (85, 19)):
        claim_create(
            text=f"The ministry put the wounded at {value}.",
            kind=Claim.Kind.FIGURE,
            event=event,
            quantity_subject="wounded",
            value_low=value,
            attributions=[
                {
                    "source": ministry,
                    "document": DocumentFactory(published_at=dt.datetime(2026, 11, 29, hour, tzinfo=dt.UTC)),
                }
            ],
        )
    make_figure(event=event, value=85, subject="wounded", sources=[monitor])
    make_figure(event=event, value=80, subject="injured", qualifier=Claim.Qualifier.ABOUT, sources=[hospital])

    # Then the worker records the revision, relates the three agreeing figures
    # and closes the old figure's conflicts as revised, leaving none open about it
    def settled():
        old = Claim.objects.get(value_low=45)
        open_about_old = ConflictFlag.objects.filter(
            Q(claim_a=old) | Q(claim_b=old), status__in=ConflictFlag.ACTIVE_STATUSES
        ).exists()
        revises = ClaimRelation.objects.filter(relation_type=ClaimRelation.Type.REVISES).count()
        corroborates = ClaimRelation.objects.filter(relation_type=ClaimRelation.Type.CORROBORATES).count()
        return revises == 1 and corroborates == 3 and not open_about_old

    assert wait_until(settled, timeout=60)
    assert "check_claim" in celery_worker.log()
