"""The JSON bodies webhooks carry: one envelope, one small object per subject.

The shape is a public contract (docs/webhooks.md): fields are only ever added,
never renamed or removed, within schema version 1.
"""

import json

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

SCHEMA_VERSION = 1


def _iso(value) -> str | None:
    return value.isoformat().replace("+00:00", "Z") if value else None


def _links(web_path: str, api_name: str, pk: int) -> dict:
    return {
        "url": f"{settings.SITE_URL}{web_path}",
        "api_url": f"{settings.SITE_URL}{reverse(api_name, kwargs={'pk': pk})}",
    }


def claim_object(claim) -> dict:
    return {
        "id": claim.pk,
        "text": claim.text,
        "kind": claim.kind,
        "status": claim.status,
        "event_id": claim.event_id,
        "quantity_subject": claim.quantity_subject,
        "value_low": claim.value_low,
        "value_high": claim.value_high,
        "qualifier": claim.qualifier,
        "created_at": _iso(claim.created_at),
        "updated_at": _iso(claim.updated_at),
        **_links(claim.get_absolute_url(), "api:claim-detail", claim.pk),
    }


def flag_object(flag) -> dict:
    return {
        "id": flag.pk,
        "rule": flag.rule,
        "severity": flag.get_severity_display().lower(),
        "status": flag.status,
        "explanation": flag.explanation,
        "claim_ids": [pk for pk in (flag.claim_a_id, flag.claim_b_id) if pk is not None],
        "assignee": flag.assignee.get_username() if flag.assignee_id else None,
        "resolution_note": flag.resolution_note,
        "created_at": _iso(flag.created_at),
        "updated_at": _iso(flag.updated_at),
        **_links(flag.get_absolute_url(), "api:flag-detail", flag.pk),
    }


def document_object(document) -> dict:
    return {
        "id": document.pk,
        "title": document.title,
        "source_url": document.url or None,
        "outlet_id": document.outlet_id,
        "published_at": _iso(document.published_at),
        "created_at": _iso(document.created_at),
        **_links(document.get_absolute_url(), "api:document-detail", document.pk),
    }


def event_data(subjects: dict) -> dict:
    """The `data` object of an event: the subjects it is about, each as above."""
    data: dict = {}
    if "claim" in subjects:
        data["claim"] = claim_object(subjects["claim"])
    if "flag" in subjects:
        data["flag"] = flag_object(subjects["flag"])
    if "document" in subjects:
        data["document"] = document_object(subjects["document"])
    if "proposal" in subjects:
        proposal = subjects["proposal"]
        data["proposal"] = {
            "id": proposal.pk,
            "document_id": proposal.document_id,
            "claim_id": proposal.claim_id,
        }
    for key in ("from_status", "to_status", "reason"):
        if key in subjects:
            data[key] = subjects[key]
    return data


def event_body(*, event_id, event_type: str, actor, subjects: dict) -> str:
    """The whole JSON body, serialised once; retries send these very bytes."""
    envelope = {
        "id": str(event_id),
        "type": event_type,
        "schema_version": SCHEMA_VERSION,
        "created_at": _iso(timezone.now()),
        "actor": actor.get_username() if actor is not None else None,
        "data": event_data(subjects),
    }
    return json.dumps(envelope, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
