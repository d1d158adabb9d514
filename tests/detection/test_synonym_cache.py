"""The subject synonyms the figure summaries merge by are kept for
LIST_CACHE_SECONDS (detection/figure_summary.py subject_synonyms); an edit of
the lexicon through its service shows on the next page all the same."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.models import AuditEntry
from core.services import lexicon_entry_create, lexicon_entry_delete, lexicon_entry_update
from detection.models import SubjectSynonym
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def cached_for_20_seconds(settings):
    settings.LIST_CACHE_SECONDS = 20
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def two_wordings(editor_user):
    """One event, two sources counting the same dead in two words."""
    militants = factories.FigureClaimFactory(quantity_subject="militants killed", value_low=20)
    zorblings = factories.FigureClaimFactory(
        event=militants.event, quantity_subject="zorblings killed", value_low=30
    )
    militants.attributions.create(source=factories.SourceFactory(name="Monitor A"))
    zorblings.attributions.create(source=factories.SourceFactory(name="Monitor B"))
    return militants


def summary_sources(client, claim) -> tuple[bool, bool]:
    page = client.get(claim.get_absolute_url()).content.decode()
    return "Monitor A" in page, "Monitor B" in page


def lexicon_edit(service, django_capture_on_commit_callbacks, **kwargs):
    with django_capture_on_commit_callbacks(execute=True):
        return service(model=SubjectSynonym, object_type=AuditEntry.ObjectType.SUBJECT_SYNONYM, **kwargs)


def test_a_new_synonym_merges_the_subjects_on_the_next_claim_page(
    client, editor_user, two_wordings, django_capture_on_commit_callbacks
):
    client.force_login(editor_user)
    assert summary_sources(client, two_wordings) == (True, False)  # caches the lexicon without "zorblings"
    lexicon_edit(
        lexicon_entry_create,
        django_capture_on_commit_callbacks,
        user=editor_user,
        data={"phrase": "zorblings", "canonical": "militants"},
    )
    assert summary_sources(client, two_wordings) == (True, True)


def test_a_changed_or_removed_synonym_shows_on_the_next_claim_page(
    client, editor_user, two_wordings, django_capture_on_commit_callbacks
):
    client.force_login(editor_user)
    entry = lexicon_edit(
        lexicon_entry_create,
        django_capture_on_commit_callbacks,
        user=editor_user,
        data={"phrase": "zorblings", "canonical": "militants"},
    )
    assert summary_sources(client, two_wordings) == (True, True)
    lexicon_edit(
        lexicon_entry_update,
        django_capture_on_commit_callbacks,
        entry_id=entry.pk,
        user=editor_user,
        data={"canonical": "wombats"},
    )
    assert summary_sources(client, two_wordings) == (True, False)
    lexicon_edit(
        lexicon_entry_update,
        django_capture_on_commit_callbacks,
        entry_id=entry.pk,
        user=editor_user,
        data={"canonical": "militants"},
    )
    assert summary_sources(client, two_wordings) == (True, True)
    lexicon_edit(
        lexicon_entry_delete, django_capture_on_commit_callbacks, entry_id=entry.pk, user=editor_user
    )
    assert summary_sources(client, two_wordings) == (True, False)


def test_the_claim_page_reads_the_synonyms_once_per_cache_time(client, editor_user, two_wordings):
    client.force_login(editor_user)
    client.get(two_wordings.get_absolute_url())
    with CaptureQueriesContext(connection) as queries:
        client.get(two_wordings.get_absolute_url())
    assert not [query for query in queries if "detection_subjectsynonym" in query["sql"]]
