"""Admin for the lexicons the rules read. Editing a lexicon changes what the
next check finds; `manage.py detect_conflicts --all` applies it to every claim.
Every add, change and removal goes through core.services.lexicon_entry_* and
is a line of history naming the editor (core.admin.LexiconAdmin)."""

from django.contrib import admin

from claims.models import AuditEntry
from core.admin import LexiconAdmin, ReadOnlyAdmin

from .models import (
    ContestedTerm,
    ControlExtentTerm,
    ControlHolderTerm,
    EventLinkSuggestion,
    ReportingVerbStance,
    SubjectSynonym,
    SweepState,
    VictimCategoryTerm,
)


@admin.register(SubjectSynonym)
class SubjectSynonymAdmin(LexiconAdmin):
    audit_object_type = AuditEntry.ObjectType.SUBJECT_SYNONYM
    list_display = ["phrase", "canonical", "note"]
    search_fields = ["phrase", "canonical"]
    list_filter = ["canonical"]


@admin.register(ContestedTerm)
class ContestedTermAdmin(LexiconAdmin):
    audit_object_type = AuditEntry.ObjectType.CONTESTED_TERM
    list_display = ["term", "counterparts", "is_active", "note"]
    list_editable = ["is_active"]
    search_fields = ["term", "counterparts"]


@admin.register(ControlExtentTerm)
class ControlExtentTermAdmin(LexiconAdmin):
    audit_object_type = AuditEntry.ObjectType.CONTROL_EXTENT_TERM
    list_display = ["phrase", "share_low", "share_high", "note"]
    search_fields = ["phrase"]


@admin.register(ControlHolderTerm)
class ControlHolderTermAdmin(LexiconAdmin):
    audit_object_type = AuditEntry.ObjectType.CONTROL_HOLDER_TERM
    list_display = ["phrase", "side"]
    list_filter = ["side"]
    search_fields = ["phrase"]


@admin.register(VictimCategoryTerm)
class VictimCategoryTermAdmin(LexiconAdmin):
    audit_object_type = AuditEntry.ObjectType.VICTIM_CATEGORY_TERM
    list_display = ["phrase", "category", "note"]
    list_filter = ["category"]
    search_fields = ["phrase"]


@admin.register(ReportingVerbStance)
class ReportingVerbStanceAdmin(LexiconAdmin):
    audit_object_type = AuditEntry.ObjectType.VERB_STANCE
    list_display = ["verb", "stance", "note"]
    list_filter = ["stance"]
    search_fields = ["verb"]


@admin.register(EventLinkSuggestion)
class EventLinkSuggestionAdmin(ReadOnlyAdmin):
    list_display = ["claim", "event", "status", "decided_by", "created_at"]
    list_filter = ["status"]
    raw_id_fields = ["claim", "event", "matched_claim"]
    # Decisions go through event_link_accept / event_link_reject, on the claim page.
    readonly_fields = ["status", "decided_by", "decided_at"]


@admin.register(SweepState)
class SweepStateAdmin(ReadOnlyAdmin):
    """Written by the sweep; `manage.py detect_conflicts --all` rechecks everything."""

    list_display = ["name", "high_water_mark", "last_started_at", "last_finished_at", "last_checked"]
    readonly_fields = ["last_started_at", "last_finished_at", "last_checked"]
