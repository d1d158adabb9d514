"""The data migration that gives history written before structured audit
entries the fields code now reads."""

import importlib

import pytest
from django.apps import apps

from claims.models import AuditEntry
from tests import factories

pytestmark = pytest.mark.django_db

migration = importlib.import_module("claims.migrations.0005_audit_entries_structured")


def old_entry(**fields) -> AuditEntry:
    """An entry as the code before the migration wrote it: no object type."""
    return AuditEntry.objects.create(**fields)


def test_an_old_edit_note_becomes_an_edit_naming_its_fields():
    claim = factories.ClaimFactory()
    entry = old_entry(claim=claim, action="note", reason="Edited: value low, place")
    migration.forwards(apps, None)
    entry.refresh_from_db()
    assert (entry.action, entry.object_type, entry.object_id) == ("edited", "claim", claim.pk)
    assert sorted(entry.changes) == ["place", "value_low"]


def test_an_old_status_change_from_a_resolution_names_the_flag():
    claim = factories.ClaimFactory()
    entry = old_entry(
        claim=claim, action="status", to_value="disputed", reason="Conflict #42 resolved: checked."
    )
    migration.forwards(apps, None)
    entry.refresh_from_db()
    assert (entry.related_type, entry.related_id) == ("flag", 42)
    assert entry.reason == "Conflict #42 resolved: checked."


def test_an_old_stale_note_on_a_flag_becomes_a_stale_entry():
    flag = factories.ConflictFlagFactory()
    entry = old_entry(flag=flag, action="note", reason=migration.STALE_NOTE)
    migration.forwards(apps, None)
    entry.refresh_from_db()
    assert (entry.action, entry.object_type, entry.object_id) == ("stale", "flag", flag.pk)


def test_an_editors_own_status_reason_is_left_as_prose():
    claim = factories.ClaimFactory()
    entry = old_entry(claim=claim, action="status", to_value="false", reason="The ministry retracted it.")
    migration.forwards(apps, None)
    entry.refresh_from_db()
    assert (entry.related_type, entry.related_id, entry.object_type) == ("", None, "claim")
