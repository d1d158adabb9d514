"""Hostile input through every form and API endpoint never comes back live.

Each payload goes in through the API (every text field of sources, documents,
events, claims, attributions, relations, claim status and flag actions) and
through every text field of every form of the web UI. Then the pages that
show that data, and the digest email, are parsed the way a browser parses
them; none may carry a script, an event handler or a script URL of ours.
"""

from urllib.parse import urlencode

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from claims.models import Claim, ConflictFlag
from digests.services import digest_message_build
from digests.weeks import IsoWeek
from sources.models import Document, Source
from tests import factories

from .forms import filled, post_forms
from .live_markup import live_payloads
from .xss_payloads import PAYLOADS, XSS_MARKER

pytestmark = pytest.mark.django_db

FORM_PAGES = [
    "sources:source-create",
    "sources:document-create",
    "claims:event-create",
    "claims:claim-create",
    "claims:relation-create",
    "ingestion:document-add",
]


@pytest.fixture
def desk():
    user = factories.editor(username="nightdesk")
    client = Client()
    client.force_login(user)
    # Something for every choice list to point at.
    factories.SourceFactory(name="Monitor", slug="monitor")
    factories.EventFactory(title="Airstrikes")
    factories.ClaimFactory(text="An earlier claim.")
    return client, user


def api_post(client, name, payload, **kwargs):
    response = client.post(reverse(name, kwargs=kwargs or None), payload, content_type="application/json")
    assert response.status_code < 500, response.content[:300]
    return response


def push_through_the_api(client, payload: str, index: int) -> Claim:
    source = api_post(
        client,
        "api:source-list",
        {
            "name": f"{payload} #{index}",
            "kind": "military",
            "affiliation": "party",
            "side": payload[:120],
            "country": payload[:100],
            "notes": payload,
            "reliability_reason": payload,
            "aliases": [payload[:200]],
        },
    ).json()
    body = f"Wire copy. {payload} The ministry said 12 soldiers were killed."
    document = api_post(client, "api:document-list", {"title": payload[:300], "body": body}).json()
    event = api_post(
        client, "api:event-list", {"title": payload[:300], "place": payload[:200], "description": payload}
    ).json()
    claim = api_post(
        client,
        "api:claim-list",
        {
            "text": payload,
            "kind": "figure",
            "event": event["id"],
            "quantity_subject": payload[:200],
            "value_low": 12,
            "place": payload[:200],
            "attributions": [
                {
                    "source": source["id"],
                    "document": document["id"],
                    "excerpt": payload,
                    "reporting_verb": payload[:50],
                }
            ],
        },
    ).json()
    other = Claim.objects.exclude(pk=claim["id"]).first()
    api_post(
        client,
        "api:relation-list",
        {"from_claim": claim["id"], "to_claim": other.pk, "relation_type": "qualifies", "rationale": payload},
    )
    api_post(client, "api:claim-status", {"status": "disputed", "reason": payload}, pk=claim["id"])
    flag = factories.ConflictFlagFactory(
        claim_a=other,
        claim_b=Claim.objects.get(pk=claim["id"]),
        explanation=f"Figures differ: {payload}"[:500],
    )
    api_post(client, "api:flag-acknowledge", {"note": payload}, pk=flag.pk)
    api_post(client, "api:flag-resolve", {"note": payload}, pk=flag.pk)
    return Claim.objects.get(pk=claim["id"])


def push_through_the_forms(client, payload: str) -> int:
    submitted = 0
    for name in FORM_PAGES:
        url = reverse(name)
        for form in post_forms(client.get(url).content.decode()):
            response = client.post(form["action"] or url, filled(form, payload))
            assert response.status_code < 500, (name, response.status_code)
            # A refused form is shown again with its errors: that page too must be safe.
            assert live_payloads(response.content.decode()) == [], (name, payload)
            submitted += 1
    return submitted


def pages_showing(claim: Claim, payload: str) -> dict[str, str]:
    source = Source.objects.get(attributions__claim=claim)
    document = Document.objects.get(attributions__claim=claim)
    flag = ConflictFlag.objects.filter(claim_b=claim).first() or ConflictFlag.objects.get(claim_a=claim)
    return {
        "dashboard": reverse("dashboard"),
        "claim list": reverse("claims:claim-list"),
        "claim search": reverse("claims:claim-list") + "?" + urlencode({"q": payload}),
        "claim page": reverse("claims:claim-detail", args=[claim.pk]),
        "event list": reverse("claims:event-list"),
        "event page": reverse("claims:event-detail", args=[claim.event_id]),
        "conflict page": reverse("claims:flag-detail", args=[flag.pk]),
        "source list": reverse("sources:source-list"),
        "source page": reverse("sources:source-detail", args=[source.slug]),
        "document list": reverse("sources:document-list"),
        "document page": reverse("sources:document-detail", args=[document.pk]),
        "proposals page": reverse("ingestion:proposal-review", args=[document.pk]),
        "digest preview": reverse("digests:preview"),
        "digest preview frame": reverse("digests:preview-html"),
    }


@pytest.mark.parametrize("index", range(len(PAYLOADS)), ids=lambda index: f"payload{index:02d}")
def test_hostile_input_never_comes_back_live(desk, index):
    client, user = desk
    payload = PAYLOADS[index]

    claim = push_through_the_api(client, payload, index)
    assert push_through_the_forms(client, payload) >= len(FORM_PAGES)

    shown_somewhere = False
    for page, url in pages_showing(claim, payload).items():
        response = client.get(url)
        assert response.status_code == 200, (page, response.status_code)
        markup = response.content.decode()
        assert live_payloads(markup) == [], (page, payload)
        shown_somewhere = (
            shown_somewhere or XSS_MARKER in markup or escape(" ".join(payload.split())) in markup
        )
    # The payload reached the pages (escaped), so the check above checked something.
    assert shown_somewhere

    email = digest_message_build(user=user, week=IsoWeek.containing(timezone.localdate()))
    html = next(content for content, mimetype in email.alternatives if mimetype == "text/html")
    assert live_payloads(html) == [], ("digest email", payload)
    assert XSS_MARKER in html or escape(" ".join(payload.split())) in html
