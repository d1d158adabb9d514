"""Every write to events, claims, attributions, relations, conflict flags and
the history.

The web UI, the REST API, the admin, the Celery tasks and the management
commands all call these functions; none of them writes to these models
directly. Every change writes an AuditEntry naming its actor; a change that can
affect conflicts fires the claims_changed hook after commit, which detection
answers by queueing a check (claims never imports detection).

One module per kind of object; callers import from `claims.services`, which
re-exports them all.
"""

from .attributions import attribution_create, attribution_delete
from .claims import (
    CLAIM_FIELDS,
    CONTENT_FIELDS,
    claim_corroboration_accept,
    claim_create,
    claim_delete,
    claim_set_status,
    claim_update,
)
from .claims import _prepare_claim as _prepare_claim
from .credibility import claims_cap_party_only
from .events import event_create, event_delete, event_merge, event_update
from .flags import _close_flag as _close_flag
from .flags import (
    flag_acknowledge,
    flag_assign,
    flag_comment,
    flag_dismiss,
    flag_get_or_create_locked,
    flag_reopen,
    flag_resolve,
    flags_triage_many,
)
from .history import audit_record
from .recheck import claims_recheck, source_claims_recheck
from .relations import relation_create, relation_delete

__all__ = [
    "CLAIM_FIELDS",
    "CONTENT_FIELDS",
    "attribution_create",
    "attribution_delete",
    "audit_record",
    "claim_corroboration_accept",
    "claim_create",
    "claim_delete",
    "claim_set_status",
    "claim_update",
    "claims_cap_party_only",
    "claims_recheck",
    "event_create",
    "event_delete",
    "event_merge",
    "event_update",
    "flag_acknowledge",
    "flag_assign",
    "flag_comment",
    "flag_dismiss",
    "flag_get_or_create_locked",
    "flag_reopen",
    "flag_resolve",
    "flags_triage_many",
    "relation_create",
    "relation_delete",
    "source_claims_recheck",
]
