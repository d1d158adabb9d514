from django.contrib import admin

from claims.models import AuditEntry
from core.admin import LexiconAdmin, ReadOnlyAdmin

from .models import ClaimProposal, DocumentExtraction, LexiconTerm


@admin.register(LexiconTerm)
class LexiconTermAdmin(LexiconAdmin):
    """The extractor's vocabulary: editors add reporting verbs, anonymity
    phrases or contested terms here and the next extraction uses them; each
    change is a line of history naming the editor."""

    audit_object_type = AuditEntry.ObjectType.LEXICON_TERM

    list_display = ("term", "lexicon", "value", "is_active", "updated_at")
    list_filter = ("lexicon", "is_active")
    list_editable = ("is_active",)
    search_fields = ("term", "note")


@admin.register(DocumentExtraction)
class DocumentExtractionAdmin(ReadOnlyAdmin):
    list_display = ("document", "status", "proposals_found", "started_at", "finished_at")
    list_filter = ("status",)
    list_select_related = ("document",)
    readonly_fields = ("document", "status", "started_at", "finished_at", "proposals_found", "error")


@admin.register(ClaimProposal)
class ClaimProposalAdmin(ReadOnlyAdmin):
    """Read-only here: decisions go through the review page, which calls the services."""

    list_display = ("id", "document", "status", "speaker_text", "kind", "reporting_verb", "created_at")
    list_filter = ("status", "kind", "form")
    list_select_related = ("document",)
    search_fields = ("text", "speaker_text", "excerpt")
