"""Helpers for the ingestion tests: the Aleppo story's sources as the demo
names them, and documents ingested through the real service."""

import importlib

import pytest
from django.apps import apps as django_apps

from ingestion.services import document_ingest
from sources.models import Source
from tests.factories import PartySourceFactory, SourceFactory


@pytest.fixture
def ingestion_lexicon(transactional_db):
    """The starting lexicon, for tests on a transactional database (a flush
    between such tests empties the table the data migration filled)."""
    importlib.import_module("ingestion.migrations.0002_starting_lexicon").add_starting_terms(
        django_apps, None
    )


@pytest.fixture
def aleppo_sources(db):
    """The speakers of the seed article, named and aliased as in claims/demo.py."""
    return {
        "russia": PartySourceFactory(
            name="Russian Ministry of Defence",
            slug="russian-mod",
            side="Syrian government and allies",
            kind=Source.Kind.GOVERNMENT,
            aliases=["Russia", "Russian defence ministry", "Moscow"],
        ),
        "sohr": SourceFactory(
            name="Syrian Observatory for Human Rights", slug="sohr", aliases=["SOHR", "the Observatory"]
        ),
        "army": PartySourceFactory(
            name="Syrian Army General Command",
            slug="syrian-army",
            side="Syrian government and allies",
            aliases=["Syrian army", "Syria's military", "Syrian military"],
        ),
        "residents": SourceFactory(
            name="Aleppo residents and fighters",
            slug="aleppo-residents",
            kind=Source.Kind.WITNESS,
            affiliation=Source.Affiliation.UNKNOWN,
        ),
    }


@pytest.fixture
def ingest(django_capture_on_commit_callbacks):
    """Store a document through document_ingest and run the queued extraction
    (Celery is eager in tests; the callbacks run as the commit would)."""

    def _ingest(*, body, user, title="An article", **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return document_ingest(title=title, body=body, user=user, **kwargs)

    return _ingest
