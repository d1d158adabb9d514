"""Hooks: how a lower app starts work in a higher one without importing it."""

import pytest

from claims.models import AuditEntry
from core import hooks
from sources.services import source_update
from tests import factories
from tests.conftest import without_live_notices


def test_a_required_hook_with_nobody_listening_fails_loudly(monkeypatch):
    monkeypatch.setattr(hooks, "_receivers", {})
    with pytest.raises(RuntimeError, match="audit_record"):
        hooks.hook_fire(hooks.AUDIT_RECORD, action="edited")


def test_an_optional_hook_with_nobody_listening_does_nothing(monkeypatch):
    monkeypatch.setattr(hooks, "_receivers", {})
    assert hooks.hook_page_context(hooks.DOCUMENT_PAGE, request=None, document=None) == {}


def test_registering_a_receiver_twice_keeps_one(monkeypatch):
    monkeypatch.setattr(hooks, "_receivers", hooks.defaultdict(list))
    calls = []

    def receiver(**kwargs):
        calls.append(kwargs)

    hooks.hook_register("example", receiver)
    hooks.hook_register("example", receiver)
    hooks.hook_fire("example", n=1)
    assert calls == [{"n": 1}]


@pytest.mark.django_db
def test_a_sources_side_change_reaches_claims_only_after_commit(django_capture_on_commit_callbacks):
    attribution = factories.AttributionFactory()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        source_update(source_id=attribution.source_id, side="Opposition")
    # One for the source_changed hook, then one conflict check for its claim.
    assert len(without_live_notices(callbacks)) == 2
    assert AuditEntry.objects.filter(object_type="source", action="edited").count() == 1


@pytest.mark.django_db
def test_saving_a_claim_queues_its_check_through_the_hook_detection_registered():
    from detection.tasks import queue_claims_check

    assert queue_claims_check in hooks.hook_receivers(hooks.CLAIMS_CHANGED)
