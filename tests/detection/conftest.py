"""Helpers for the detection tests: claims made through the real services."""

import importlib

import pytest
from django.apps import apps as django_apps

from claims.models import Claim
from claims.services import claim_create
from detection.services import conflicts_detect_for_claim
from tests.factories import EventFactory, PartySourceFactory, SourceFactory


@pytest.fixture
def detection_lexicon(transactional_db):
    """The seeded lexicons, for tests on a transactional database (a flush
    between such tests empties the tables the data migration filled)."""
    for migration in (
        "0002_seed_lexicons",
        "0005_seed_victim_categories",
        "0007_seed_reporting_verbs",
        "0015_seed_general_news_lexicons",
    ):
        importlib.import_module(f"detection.migrations.{migration}").seed(django_apps, None)


@pytest.fixture
def event(db):
    return EventFactory(title="Airstrikes around Aleppo", place="Aleppo")


@pytest.fixture
def monitor(db):
    return SourceFactory(name="Syrian Observatory for Human Rights", slug="sohr")


@pytest.fixture
def ministry(db):
    return PartySourceFactory(
        name="Russian Ministry of Defence", slug="mod", side="Syrian government and allies"
    )


@pytest.fixture
def rebel_command(db):
    return PartySourceFactory(
        name="Operations command", slug="ops", kind="armed_group", side="Syrian opposition"
    )


def make_figure(
    *,
    event,
    value: int,
    subject: str = "militants killed",
    qualifier: str = Claim.Qualifier.EXACT,
    high: int | None = None,
    sources=(),
    **extra,
) -> Claim:
    return claim_create(
        text=f"{value} {subject}.",
        kind=Claim.Kind.FIGURE,
        event=event,
        quantity_subject=subject,
        value_low=value,
        value_high=high,
        qualifier=qualifier,
        attributions=[{"source": source} for source in sources],
        **extra,
    )


def make_claim(*, event, text: str, kind: str, sources=(), place: str = "", **extra) -> Claim:
    return claim_create(
        text=text,
        kind=kind,
        event=event,
        place=place,
        attributions=[{"source": source} for source in sources],
        **extra,
    )


def check(claim: Claim):
    return conflicts_detect_for_claim(claim_id=claim.pk)
