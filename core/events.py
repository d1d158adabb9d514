"""Domain events: a small seam between the apps that change things and the
apps that tell the world about it (webhooks, notifications).

A service calls `publish("flag.raised", flag=flag)` inside its transaction.
Each subscriber (registered in its app's `AppConfig.ready`) is called at once,
inside that same transaction, so whatever it writes (a webhook outbox row, a
notification) commits or rolls back with the change itself: an event can
never be announced for a write that did not happen, nor lost for one that did.
Subscribers queue their slow work (HTTP, email) with `transaction.on_commit`.

A subscriber runs in a savepoint and its errors are logged, never raised: a
broken integration must not stop an editor from resolving a flag.
"""

import logging
from collections.abc import Callable

from django.db import transaction

logger = logging.getLogger(__name__)

# The event types the product announces (docs/webhooks.md describes each).
CLAIM_CREATED = "claim.created"
CLAIM_STATUS_CHANGED = "claim.status_changed"
FLAG_RAISED = "flag.raised"
FLAG_ASSIGNED = "flag.assigned"
FLAG_RESOLVED = "flag.resolved"
FLAG_DISMISSED = "flag.dismissed"
DISPUTE_REOPENED = "dispute.reopened"
DOCUMENT_INGESTED = "document.ingested"
PROPOSAL_ACCEPTED = "proposal.accepted"
PROPOSALS_READY = "proposals.ready"
WEBHOOK_DISABLED = "webhook.disabled"

Subscriber = Callable[..., None]
_subscribers: list[Subscriber] = []


def subscribe(handler: Subscriber) -> Subscriber:
    """Register `handler(event_type, actor=None, **subjects)`; registering the
    same function twice (a reloaded AppConfig) keeps one copy."""
    if handler not in _subscribers:
        _subscribers.append(handler)
    return handler


def publish(event_type: str, *, actor=None, **subjects) -> None:
    """Announce that something happened. `subjects` are the model instances
    (and small values) the event is about, e.g. `claim=claim, from_status="unverified"`."""
    for handler in list(_subscribers):
        try:
            with transaction.atomic():
                handler(event_type, actor=actor, **subjects)
        except Exception:
            logger.exception("Subscriber %s failed on %s", getattr(handler, "__name__", handler), event_type)
