"""Web UI views for the conflict queue, claims, relations and events.

Views stay thin: they check permissions, parse forms, call one service (or a
few in one transaction) and render. Reads come from claims/selectors.py.

One module per page family; claims/urls.py and other apps import the views
from `claims.views`, which re-exports them.
"""

# requires, paginate and form_status live in core.views (every app's pages use
# them); imported here too for the code that imports them from claims.views.
from core.views import PAGE_SIZE, form_status, paginate, requires, service_errors

from .claims import (
    attribution_delete_view,
    claim_corroborate,
    claim_create_view,
    claim_detail,
    claim_edit,
    claim_list,
    claim_status,
)
from .events import event_create_view, event_detail, event_edit, event_list, event_merge_view
from .flags import FLAG_ACTIONS, TYPED_TEXT_FIELD, flag_action, flag_bulk, flag_detail
from .relations import relation_create_view, relation_delete_view

__all__ = [
    "FLAG_ACTIONS",
    "PAGE_SIZE",
    "TYPED_TEXT_FIELD",
    "attribution_delete_view",
    "claim_corroborate",
    "claim_create_view",
    "claim_detail",
    "claim_edit",
    "claim_list",
    "claim_status",
    "event_create_view",
    "event_detail",
    "event_edit",
    "event_merge_view",
    "event_list",
    "flag_action",
    "flag_bulk",
    "flag_detail",
    "form_status",
    "paginate",
    "relation_create_view",
    "relation_delete_view",
    "requires",
    "service_errors",
]
