"""The claims app's models, one module per kind of object; everything imports
them from `claims.models`, and app_label comes from the package (claims)."""

from .attributions import Attribution
from .claims import Claim
from .events import Event
from .flags import ConflictFlag
from .history import AuditEntry
from .relations import ClaimRelation

__all__ = ["Attribution", "AuditEntry", "Claim", "ClaimRelation", "ConflictFlag", "Event"]
