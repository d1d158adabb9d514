"""Admin for inspecting and, in an emergency, fixing rows. Day-to-day work goes
through the web UI and the API, which call the services (history, conflict
checks); the admin does not, so the history itself is read-only here."""

from django.contrib import admin

from .models import Attribution, AuditEntry, Claim, ClaimRelation, ConflictFlag, Event


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ("title", "start_date", "end_date", "place", "updated_at")
    list_filter = ("start_date",)
    search_fields = ("title", "place")
    date_hierarchy = "start_date"


class AttributionInline(admin.TabularInline):
    model = Attribution
    fk_name = "claim"
    extra = 0
    fields = ("source", "form", "reporting_verb", "document", "excerpt", "relayed_by")
    autocomplete_fields = ("source", "document", "relayed_by")


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    list_display = ("id", "short_text", "kind", "figure_display", "status", "event", "created_at")
    list_display_links = ("id", "short_text")
    list_filter = ("status", "kind", "credibility", "event")
    search_fields = ("text", "quantity_subject", "place", "attributions__source__name")
    list_select_related = ("event",)
    autocomplete_fields = ("event",)
    readonly_fields = ("created_by", "created_at", "updated_at")
    inlines = [AttributionInline]

    @admin.display(description="Claim")
    def short_text(self, claim: Claim) -> str:
        return str(claim)


@admin.register(Attribution)
class AttributionAdmin(admin.ModelAdmin):
    list_display = ("id", "claim", "source", "form", "reporting_verb", "document", "relayed_by")
    list_filter = ("form", "source")
    search_fields = ("claim__text", "source__name", "excerpt")
    list_select_related = ("claim", "source", "document", "relayed_by")
    autocomplete_fields = ("claim", "source", "document", "relayed_by")
    readonly_fields = ("created_by", "created_at", "updated_at")


@admin.register(ClaimRelation)
class ClaimRelationAdmin(admin.ModelAdmin):
    list_display = ("id", "from_claim", "relation_type", "to_claim", "origin", "created_at")
    list_filter = ("relation_type", "origin")
    search_fields = ("from_claim__text", "to_claim__text", "rationale")
    list_select_related = ("from_claim", "to_claim")
    autocomplete_fields = ("from_claim", "to_claim")
    readonly_fields = ("created_by", "created_at", "updated_at")


class AuditEntryInline(admin.TabularInline):
    model = AuditEntry
    extra = 0
    can_delete = False
    fields = ("created_at", "actor", "action", "from_value", "to_value", "reason")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ConflictFlag)
class ConflictFlagAdmin(admin.ModelAdmin):
    list_display = ("id", "rule", "severity", "status", "claim_a", "claim_b", "assignee", "created_at")
    list_filter = ("status", "severity", "rule", "assignee")
    search_fields = ("explanation", "claim_a__text", "claim_b__text", "rule")
    list_select_related = ("claim_a", "claim_b", "assignee")
    autocomplete_fields = ("claim_a", "claim_b")
    readonly_fields = ("resolved_by", "resolved_at", "created_at", "updated_at")
    inlines = [AuditEntryInline]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """The history is evidence: it can be read and searched, never edited."""

    list_display = ("created_at", "subject", "action", "from_value", "to_value", "actor")
    list_filter = ("action",)
    search_fields = ("reason", "from_value", "to_value", "actor__username")
    list_select_related = ("actor", "claim", "flag")
    date_hierarchy = "created_at"

    @admin.display(description="About")
    def subject(self, entry: AuditEntry) -> str:
        return f"claim #{entry.claim_id}" if entry.claim_id else f"flag #{entry.flag_id}"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
