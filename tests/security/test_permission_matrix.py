"""Who may do what, over every URL of the web UI and the API.

For each route and method the table names the least role that may use it;
every role below it must be refused and every role from it up must get
through. A route missing from the table fails the completeness test, so a new
page or endpoint cannot ship without a decision about who may use it.

"Gets through" means the server did not refuse on permission grounds: it may
still answer 400 for the empty or invalid body these requests send. "Refused"
means 403 for a logged-in user, and for an anonymous visitor a redirect to
the log-in page (web UI) or 401 (API).
"""

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from digests.tokens import unsubscribe_token_for
from notifications.tokens import unsubscribe_token_for as alert_unsubscribe_token_for
from tests import factories

ANONYMOUS, VIEWER, FACT_CHECKER, EDITOR = "anonymous", "viewer", "fact-checker", "editor"
ROLES = [ANONYMOUS, VIEWER, FACT_CHECKER, EDITOR]


def flag_pair():
    event = factories.EventFactory()
    first = factories.FigureClaimFactory(event=event, value_low=200)
    second = factories.FigureClaimFactory(event=event, value_low=20)
    first.attributions.create(source=factories.PartySourceFactory())
    second.attributions.create(source=factories.SourceFactory())
    return factories.ConflictFlagFactory(claim_a=first, claim_b=second)


def dispute():
    return flag_pair().dispute_membership.dispute


def claim():
    made = factories.ClaimFactory(event=factories.EventFactory())
    made.attributions.create(source=factories.SourceFactory())
    return made


def attribution_kwargs():
    made = claim()
    return {"pk": made.pk, "attribution_pk": made.attributions.get().pk}


def relation():
    first, second = sorted([claim(), claim()], key=lambda c: c.pk)
    return factories.ClaimRelationFactory(from_claim=first, to_claim=second)


def proposal():
    from ingestion.models import ClaimProposal

    document = factories.DocumentFactory(body="The ministry said 12 soldiers were killed.")
    return ClaimProposal.objects.create(
        document=document,
        excerpt_start=0,
        excerpt_end=len(document.body),
        excerpt=document.body,
        text="12 soldiers were killed.",
        speaker_text="The ministry",
        source=factories.SourceFactory(),
    )


def extraction_run():
    from ingestion.models import DocumentExtraction

    return DocumentExtraction.objects.create(document=factories.DocumentFactory())


def event_suggestion():
    from detection.models import EventLinkSuggestion

    event = factories.EventFactory()
    return EventLinkSuggestion.objects.create(claim=claim(), event=event, reason="Same subject, same place.")


def notification():
    from notifications.models import Notification

    return Notification.objects.create(
        user=factories.viewer(), kind="flag_assigned", message="A flag for you."
    )


def webhook_endpoint():
    from webhooks.models import WebhookEndpoint

    return WebhookEndpoint.objects.create(
        owner=factories.editor(), url="https://93.184.216.34/", secret="x" * 20, event_types=["claim.created"]
    )


def webhook_delivery_kwargs():
    from webhooks.models import WebhookDelivery, WebhookEvent

    endpoint = webhook_endpoint()
    event = WebhookEvent.objects.create(event_type="claim.created", body="{}")
    delivery = WebhookDelivery.objects.create(endpoint=endpoint, event=event)
    return {"pk": endpoint.pk, "delivery_pk": delivery.pk}


def pk(builder):
    return lambda: {"pk": builder().pk}


# route name -> (kwargs builder, {method: least role allowed})
UI_ROUTES = {
    "dashboard": (dict, {"GET": VIEWER}),
    "claims:claim-list": (dict, {"GET": VIEWER}),
    "claims:claim-create": (dict, {"GET": FACT_CHECKER, "POST": FACT_CHECKER}),
    "claims:claim-detail": (pk(claim), {"GET": VIEWER}),
    "claims:claim-edit": (pk(claim), {"GET": FACT_CHECKER, "POST": FACT_CHECKER}),
    "claims:claim-status": (pk(claim), {"POST": EDITOR}),
    "claims:claim-corroborate": (pk(claim), {"POST": EDITOR}),
    "claims:attribution-delete": (attribution_kwargs, {"POST": EDITOR}),
    "claims:relation-create": (dict, {"GET": FACT_CHECKER, "POST": FACT_CHECKER}),
    "claims:relation-delete": (pk(relation), {"POST": EDITOR}),
    "claims:event-list": (dict, {"GET": VIEWER}),
    "claims:event-create": (dict, {"GET": EDITOR, "POST": EDITOR}),
    "claims:event-detail": (pk(factories.EventFactory), {"GET": VIEWER}),
    "claims:event-edit": (pk(factories.EventFactory), {"GET": EDITOR, "POST": EDITOR}),
    "claims:event-merge": (pk(factories.EventFactory), {"GET": EDITOR, "POST": EDITOR}),
    "claims:flag-detail": (pk(flag_pair), {"GET": VIEWER}),
    "detection:event-suggestion-decide": (
        lambda: {"pk": event_suggestion().pk, "decision": "reject"},
        {"POST": FACT_CHECKER},
    ),
    "claims:flag-action": (lambda: {"pk": flag_pair().pk, "action": "acknowledge"}, {"POST": FACT_CHECKER}),
    "detection:dispute-detail": (pk(dispute), {"GET": VIEWER}),
    "detection:dispute-action": (lambda: {"pk": dispute().pk, "action": "resolve"}, {"POST": FACT_CHECKER}),
    "claims:flag-bulk": (dict, {"POST": FACT_CHECKER}),
    "live:events": (dict, {"GET": VIEWER}),
    "live:presence": (dict, {"GET": VIEWER, "POST": VIEWER}),
    "sources:source-list": (dict, {"GET": VIEWER}),
    "sources:source-create": (dict, {"GET": EDITOR, "POST": EDITOR}),
    "sources:source-detail": (lambda: {"slug": factories.SourceFactory().slug}, {"GET": VIEWER}),
    "sources:source-edit": (
        lambda: {"slug": factories.SourceFactory().slug},
        {"GET": EDITOR, "POST": EDITOR},
    ),
    "sources:document-list": (dict, {"GET": VIEWER}),
    "sources:document-create": (dict, {"GET": EDITOR, "POST": EDITOR}),
    "sources:document-detail": (pk(factories.DocumentFactory), {"GET": VIEWER}),
    "sources:document-edit": (pk(factories.DocumentFactory), {"GET": EDITOR, "POST": EDITOR}),
    "ingestion:document-add": (dict, {"GET": EDITOR, "POST": EDITOR}),
    "anchoring:version-add": (pk(factories.DocumentFactory), {"GET": EDITOR, "POST": EDITOR}),
    "ingestion:proposal-review": (pk(factories.DocumentFactory), {"GET": VIEWER}),
    "ingestion:proposals-panel": (pk(factories.DocumentFactory), {"GET": VIEWER}),
    "ingestion:extraction-rerun": (pk(factories.DocumentFactory), {"POST": EDITOR}),
    "ingestion:proposal-accept": (pk(proposal), {"POST": FACT_CHECKER}),
    "ingestion:proposal-reject": (pk(proposal), {"POST": FACT_CHECKER}),
    "ingestion:proposal-edit": (pk(proposal), {"GET": FACT_CHECKER, "POST": FACT_CHECKER}),
    "digests:preferences": (dict, {"GET": VIEWER, "POST": VIEWER}),
    "accounts:api-tokens": (dict, {"GET": VIEWER, "POST": VIEWER}),
    "two-factor-setup": (dict, {"GET": VIEWER, "POST": VIEWER}),
    "two-factor-verify": (dict, {"GET": VIEWER, "POST": VIEWER}),
    "digests:preview": (dict, {"GET": VIEWER}),
    "digests:preview-html": (dict, {"GET": VIEWER}),
    "exports:export-list": (dict, {"GET": VIEWER, "POST": VIEWER}),
    # Webhook pages are an editor's own: another editor's endpoint is a 404
    # (tests/webhooks/test_pages.py); lower roles are refused before the lookup.
    "webhooks:endpoint-list": (dict, {"GET": EDITOR, "POST": EDITOR}),
    "webhooks:endpoint-detail": (pk(webhook_endpoint), {"GET": EDITOR}),
    "webhooks:endpoint-toggle": (pk(webhook_endpoint), {"POST": EDITOR}),
    "webhooks:endpoint-delete": (pk(webhook_endpoint), {"POST": EDITOR}),
    "webhooks:delivery-redeliver": (webhook_delivery_kwargs, {"POST": EDITOR}),
    "notifications:list": (dict, {"GET": VIEWER}),
    "notifications:read-all": (dict, {"POST": VIEWER}),
    "notifications:read": (pk(notification), {"POST": VIEWER}),
    "notifications:preferences": (dict, {"POST": VIEWER}),
    "notifications:follow": (lambda: {"kind": "event", "pk": factories.EventFactory().pk}, {"POST": VIEWER}),
    "notifications:unsubscribe": (
        lambda: {"token": alert_unsubscribe_token_for(factories.viewer().pk)},
        {"GET": ANONYMOUS},
    ),
    "digests:unsubscribe": (
        lambda: {"token": unsubscribe_token_for(factories.viewer().pk)},
        {"GET": ANONYMOUS},
    ),
}

API_ROUTES = {
    "api:source-list": (dict, {"GET": VIEWER, "POST": EDITOR}),
    "api:source-detail": (
        pk(factories.SourceFactory),
        {"GET": VIEWER, "PATCH": EDITOR, "DELETE": EDITOR},
    ),
    "api:source-reliability": (pk(factories.SourceFactory), {"POST": EDITOR}),
    "api:document-list": (dict, {"GET": VIEWER, "POST": EDITOR}),
    "api:document-detail": (
        pk(factories.DocumentFactory),
        {"GET": VIEWER, "PATCH": EDITOR, "DELETE": EDITOR},
    ),
    "api:event-list": (dict, {"GET": VIEWER, "POST": EDITOR}),
    "api:event-detail": (
        pk(factories.EventFactory),
        {"GET": VIEWER, "PATCH": EDITOR, "DELETE": EDITOR},
    ),
    "api:claim-list": (dict, {"GET": VIEWER, "POST": FACT_CHECKER}),
    "api:claim-detail": (pk(claim), {"GET": VIEWER, "PATCH": FACT_CHECKER, "DELETE": EDITOR}),
    "api:claim-claimreview": (pk(claim), {"GET": VIEWER}),
    "api:claim-status": (pk(claim), {"POST": EDITOR}),
    "api:claim-history": (pk(claim), {"GET": VIEWER}),
    "api:event-figures": (pk(factories.EventFactory), {"GET": VIEWER}),
    "api:event-merge": (pk(factories.EventFactory), {"POST": EDITOR}),
    "api:attribution-list": (dict, {"GET": VIEWER, "POST": FACT_CHECKER}),
    "api:attribution-detail": (
        lambda: {"pk": claim().attributions.get().pk},
        {"GET": VIEWER, "DELETE": EDITOR},
    ),
    "api:relation-list": (dict, {"GET": VIEWER, "POST": FACT_CHECKER}),
    "api:relation-detail": (pk(relation), {"GET": VIEWER, "DELETE": EDITOR}),
    "api:flag-list": (dict, {"GET": VIEWER}),
    "api:flag-detail": (pk(flag_pair), {"GET": VIEWER}),
    "api:flag-history": (pk(flag_pair), {"GET": VIEWER}),
    "api:flag-acknowledge": (pk(flag_pair), {"POST": FACT_CHECKER}),
    "api:flag-assign": (pk(flag_pair), {"POST": FACT_CHECKER}),
    "api:flag-resolve": (pk(flag_pair), {"POST": FACT_CHECKER}),
    "api:flag-dismiss": (pk(flag_pair), {"POST": FACT_CHECKER}),
    "api:flag-reopen": (pk(flag_pair), {"POST": FACT_CHECKER}),
    "api:dispute-list": (dict, {"GET": VIEWER}),
    "api:dispute-detail": (pk(dispute), {"GET": VIEWER}),
    "api:dispute-resolve": (pk(dispute), {"POST": FACT_CHECKER}),
    "api:dispute-dismiss": (pk(dispute), {"POST": FACT_CHECKER}),
    "api:claim-export-csv": (dict, {"GET": VIEWER}),
    "api:claim-export-json": (dict, {"GET": VIEWER}),
    "api:token-list": (dict, {"GET": VIEWER, "POST": VIEWER}),
    "api:export-list": (dict, {"GET": VIEWER, "POST": VIEWER}),
    "digests_api:preferences": (dict, {"GET": VIEWER, "PUT": VIEWER, "PATCH": VIEWER}),
    "api:document-ingest": (dict, {"POST": EDITOR}),
    "api:document-extraction": (lambda: {"pk": extraction_run().document_id}, {"GET": VIEWER}),
    "api:proposal-accept": (pk(proposal), {"POST": FACT_CHECKER}),
    "api:proposal-edit-accept": (pk(proposal), {"POST": FACT_CHECKER}),
    "api:proposal-reject": (pk(proposal), {"POST": FACT_CHECKER}),
    "api:document-versions": (pk(factories.DocumentFactory), {"GET": VIEWER, "POST": EDITOR}),
    "api:document-anchors": (pk(factories.DocumentFactory), {"GET": VIEWER}),
    "api:webhook-list": (dict, {"GET": EDITOR, "POST": EDITOR}),
    "api:webhook-detail": (pk(webhook_endpoint), {"GET": EDITOR, "PATCH": EDITOR, "DELETE": EDITOR}),
    "api:webhook-deliveries": (pk(webhook_endpoint), {"GET": EDITOR}),
    "api:webhook-redeliver": (webhook_delivery_kwargs, {"POST": EDITOR}),
}

# Routes left out of the matrix, and why.
NOT_IN_MATRIX = {
    "login": "public by design; throttling is tested in test_headers_and_login",
    "logout": "works for anyone; it only ends the caller's own session",
    "password_reset": "public by design: asking for a reset link (tests/security/test_password_reset.py)",
    "password_reset_done": "public by design: the same page whether or not the address has an account",
    "password_reset_confirm": "public by design: the signed one-time link is the credential",
    "password_reset_complete": "public by design: says the password was changed",
    "openid_connect_login": "public by design: starts single sign-on (tests/accounts/test_sso.py); 404 while off",
    "openid_connect_callback": "public by design: the provider's answer, checked by state (tests/accounts/test_sso.py)",
    "api:token-detail": "object-level: a user revokes only their own tokens (tests/api/test_tokens.py)",
    "accounts:api-token-revoke": "object-level: a user revokes only their own tokens (tests/api/test_tokens.py)",
    "api:export-detail": "object-level: a user sees only their own exports (tests/exports/)",
    "api:export-download": "object-level and signed: only the requester, with an unexpired link (tests/exports/)",
    "api-schema": "the API description is public",
    "api-docs": "the API description is public",
    "api-redoc": "the API description is public",
    "healthz": "public by design, for load balancers; says only 'ok' (tests/ops)",
    "readyz": "public by design, for load balancers; names no host or secret (tests/ops)",
    "metrics": "token or same-machine only (tests/ops/test_health_and_metrics.py)",
}

CASES = [
    (name, method, least, role)
    for table in (UI_ROUTES, API_ROUTES)
    for name, (_, methods) in table.items()
    for method, least in methods.items()
    for role in ROLES
]


def all_route_names() -> set[str]:
    names = set()

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if str(pattern.pattern).startswith("admin/"):
                    continue
                inner = ":".join(part for part in (namespace, pattern.namespace) if part) or None
                walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver().url_patterns, None)
    return names


def test_every_route_has_a_decision_about_who_may_use_it():
    decided = set(UI_ROUTES) | set(API_ROUTES) | set(NOT_IN_MATRIX)
    assert all_route_names() - decided == set()
    assert decided - all_route_names() == set()


def client_for(role: str) -> Client:
    client = Client()
    if role != ANONYMOUS:
        client.force_login(
            {VIEWER: factories.viewer, FACT_CHECKER: factories.fact_checker, EDITOR: factories.editor}[role]()
        )
    return client


def refused(response, *, api: bool, role: str) -> bool:
    if role == ANONYMOUS:
        if api:
            return response.status_code == 401
        return response.status_code == 302 and reverse("login") in response["Location"]
    return response.status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "method", "least", "role"), CASES, ids=lambda value: str(value))
def test_each_role_gets_exactly_what_it_is_granted(name, method, least, role):
    api = name in API_ROUTES
    builder, _ = API_ROUTES[name] if api else UI_ROUTES[name]
    url = reverse(name, kwargs=builder())
    client = client_for(role)
    send = getattr(client, method.lower())
    response = send(url, data={}, content_type="application/json") if api and method != "GET" else send(url)

    allowed = ROLES.index(role) >= ROLES.index(least)
    assert response.status_code < 500, response.content[:500]
    if allowed:
        assert not refused(response, api=api, role=role), (response.status_code, response.content[:300])
        assert response.status_code not in (401, 403)
    else:
        assert refused(response, api=api, role=role), (response.status_code, response.content[:300])
