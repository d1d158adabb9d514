"""Named hooks: how a lower app tells the apps built on it that something
changed, without importing them.

The apps depend one way (docs/architecture.md): core <- sources <- claims <-
detection / ingestion / digests. A service low in that order still has to
start work that lives higher up: a saved claim needs a conflict check
(detection), an edited source needs its claims rechecked (claims), a regraded
source needs a line in the history (claims). The lower app fires a named hook;
the higher app registers a receiver for it in its AppConfig.ready().

These are not Django signals on model saves: a hook is fired by a service, by
name, at the point the business rule says so, and `hook_fire_on_commit` runs
the receivers only once the transaction has committed (a rolled-back save
queues nothing).
"""

import logging
from collections import defaultdict
from collections.abc import Callable

from django.db import transaction

logger = logging.getLogger(__name__)

# Hook names, so a typo is an AttributeError rather than a silent no-op.
CLAIMS_CHANGED = "claims_changed"  # claim_ids: list[int]; detection queues a check of each
SOURCE_CHANGED = "source_changed"  # source_id: int; claims rechecks the claims credited to it
AUDIT_RECORD = "audit_record"  # keyword arguments of claims.services.audit_record
# A flag's status or severity changed (flag_ids: list[int]); fired inside the
# writing transaction, so detection's stored dispute state changes with it.
FLAGS_CHANGED = "flags_changed"
# Flags are about to be deleted with their claim (flag_ids: list[int]); fired
# inside the transaction, before the delete: detection takes them out of their
# disputes and recomputes those.
FLAGS_DELETING = "flags_deleting"
# Pages of a lower app that show panels of a higher one: receivers take
# (request=, <the row>=) and return a dict of template context to add.
DOCUMENT_PAGE = "document_page"  # document=; ingestion adds its proposals panel
CLAIM_PAGE = "claim_page"  # claim=; detection adds the events it suggests and the figure summary
EVENT_PAGE = "event_page"  # event=, claims= (its timeline); detection adds the figure summaries
# Which open conflict an editor goes to after closing one ("then next"): the
# receiver takes (after_flag_id=, user=) and returns a flag or None. The queue
# of disputes lives higher up (detection), so its order is decided there.
NEXT_FLAG = "next_flag"
# Why a user may not do something: the receiver takes (user=, permissions=)
# and returns a core.permissions.RoleRequired naming the role needed and whom
# to ask. The roles live in accounts, above core.
ROLE_REFUSAL = "role_refusal"

# Hooks that must have a receiver: losing a history line silently would be a
# data-integrity defect, so firing one with nobody listening fails loudly.
REQUIRED = {AUDIT_RECORD}

_receivers: dict[str, list[Callable[..., object]]] = defaultdict(list)


def hook_register(name: str, receiver: Callable[..., object]) -> None:
    """Call `receiver(**kwargs)` whenever hook `name` fires. Registering the
    same receiver twice (a reloaded AppConfig) keeps one."""
    if receiver not in _receivers[name]:
        _receivers[name].append(receiver)


def hook_receivers(name: str) -> list[Callable[..., object]]:
    return list(_receivers.get(name, []))


def hook_fire(name: str, **kwargs) -> list[object]:
    """Run every receiver of `name` now, in registration order; returns their results."""
    receivers = hook_receivers(name)
    if not receivers and name in REQUIRED:
        raise RuntimeError(f"Nothing is registered for the '{name}' hook; is its app installed?")
    return [receiver(**kwargs) for receiver in receivers]


def hook_page_context(name: str, **kwargs) -> dict:
    """The template context the receivers of a page hook add, merged in order."""
    context: dict = {}
    for extra in hook_fire(name, **kwargs):
        context.update(extra or {})
    return context


def hook_fire_on_commit(name: str, **kwargs) -> None:
    """Run the receivers of `name` after the current transaction commits
    (at once outside a transaction)."""
    transaction.on_commit(lambda: hook_fire(name, **kwargs))
