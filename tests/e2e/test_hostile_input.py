"""Hostile input in a real browser: with every payload stored in claims,
sources, events, documents and conflict notes, the desk's pages open no
dialog and make the Content-Security-Policy block nothing."""

import pytest

from claims.models import Claim, ConflictFlag
from claims.services import claim_create, event_create, flag_resolve
from sources.models import Source
from sources.services import document_create, source_create
from tests.conftest import log_in
from tests.factories import ConflictFlagFactory
from tests.security.xss_payloads import PAYLOADS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def store_every_payload() -> tuple:
    body = "Desk notes. " + " ".join(PAYLOADS)
    document = document_create(title=PAYLOADS[0], body=body)
    event = event_create(title=PAYLOADS[1], place=PAYLOADS[2], description=" ".join(PAYLOADS))
    claims = []
    for index, payload in enumerate(PAYLOADS):
        source = source_create(
            name=f"{payload[:180]} #{index}", kind=Source.Kind.WITNESS, notes=payload, country=payload[:100]
        )
        claims.append(
            claim_create(
                text=payload,
                kind=Claim.Kind.OTHER,
                event=event,
                place=payload[:200],
                attributions=[dict(source=source, document=document, excerpt=payload, reporting_verb="said")],
            )
        )
    flag = ConflictFlagFactory(claim_a=claims[0], claim_b=claims[1], explanation=" ".join(PAYLOADS)[:500])
    return claims[1], Source.objects.get(attributions__claim=claims[1]), flag.pk, document.pk, event.pk


def test_no_stored_payload_runs_in_the_browser(page, live_server):
    claim, source, flag_id, document_id, event_id = store_every_payload()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    log_in(page, "editor")

    paths = [
        "/",
        "/claims/",
        f"/claims/{claim.pk}/",
        f"/flags/{flag_id}/",
        "/sources/",
        f"/sources/{source.slug}/",
        "/documents/",
        f"/documents/{document_id}/",
        "/events/",
        f"/events/{event_id}/",
        f"/ingest/documents/{document_id}/proposals/",
        "/digests/preview/",
    ]
    blocked_on = {}
    for path in paths:
        before = len(page.csp_violations)
        page.goto(path)
        page.wait_for_load_state("load")
        if len(page.csp_violations) > before:
            blocked_on[path] = page.csp_violations[before:]
    # Resolving with a hostile note, then showing the note.
    flag_resolve(flag_id=flag_id, user=None, note=" ".join(PAYLOADS[:10]))
    page.goto(f"/flags/{flag_id}/")
    page.wait_for_load_state("load")

    assert dialogs == []
    assert blocked_on == {}
    assert page.csp_violations == []
    assert ConflictFlag.objects.get(pk=flag_id).status == ConflictFlag.Status.RESOLVED
