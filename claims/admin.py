"""Admin for inspecting and, in an emergency, fixing rows. Every write here
goes through claims/services/, as the web UI and the API do (core/admin.py):
it is audited, checked against the row's current state and rechecked for
conflicts. Statuses change only through their services (the flag actions
below, the claim page), so they are read-only here, as is the history."""

from django.contrib import admin

from core.admin import ServiceAdmin, service_refusal
from core.forms import add_service_errors

from . import services
from .models import Attribution, AuditEntry, Claim, ClaimRelation, ConflictFlag, Event

EVENT_FIELDS = ("title", "start_date", "end_date", "place", "description")
ATTRIBUTION_FIELDS = (
    "source",
    "form",
    "reporting_verb",
    "document",
    "excerpt",
    "excerpt_start",
    "excerpt_end",
    "relayed_by",
)


@admin.register(Event)
class EventAdmin(ServiceAdmin):
    list_display = ("title", "start_date", "end_date", "place", "updated_at")
    list_filter = ("start_date",)
    search_fields = ("title", "place")
    date_hierarchy = "start_date"
    fields = EVENT_FIELDS

    def service_create(self, request, data):
        return services.event_create(user=request.user, **data)

    def service_update(self, request, obj, data):
        return services.event_update(event_id=obj.pk, user=request.user, **data)

    def service_delete(self, request, obj):
        # An event that still groups claims is refused (shown on the
        # confirmation page): the event page's merge keeps them together.
        services.event_delete(event_id=obj.pk, user=request.user)


class AttributionInline(admin.TabularInline):
    """A claim's sources. A credit is added or removed, never edited in place
    (there is no service for that: its excerpt offsets point into a document);
    each goes through attribution_create / attribution_delete."""

    model = Attribution
    fk_name = "claim"
    extra = 0
    fields = ATTRIBUTION_FIELDS
    autocomplete_fields = ("source", "document", "relayed_by")

    def has_change_permission(self, request, obj=None):
        return False

    def get_formset(self, request, obj=None, **kwargs):
        formset_class = super().get_formset(request, obj, **kwargs)

        class ServiceCheckedFormSet(formset_class):
            def clean(self):
                super().clean()
                for form in self.forms:
                    if (
                        form.instance.pk
                        or not form.has_changed()
                        or form.errors
                        or self._should_delete_form(form)
                    ):
                        continue
                    data = {field: form.cleaned_data.get(field) for field in ATTRIBUTION_FIELDS}
                    refusal = service_refusal(
                        lambda data=data: services.attribution_create(claim=obj, user=request.user, **data)
                    )
                    if refusal is not None:
                        add_service_errors(form, refusal)

        return ServiceCheckedFormSet


@admin.register(Claim)
class ClaimAdmin(ServiceAdmin):
    list_display = ("id", "short_text", "kind", "figure_display", "status", "event", "created_at")
    list_display_links = ("id", "short_text")
    list_filter = ("status", "kind", "credibility", "event")
    search_fields = ("text", "quantity_subject", "place", "attributions__source__name")
    list_select_related = ("event",)
    autocomplete_fields = ("event",)
    fields = (*services.CLAIM_FIELDS, "status", "created_by", "created_at", "updated_at")
    # The status changes on the claim page or the API (claim_set_status), with a reason.
    readonly_fields = ("status", "created_by", "created_at", "updated_at")
    inlines = [AttributionInline]

    @admin.display(description="Claim")
    def short_text(self, claim: Claim) -> str:
        return str(claim)

    def get_inlines(self, request, obj):
        # Sources are credited once the claim exists (attribution_create needs it).
        return self.inlines if obj is not None else []

    def service_create(self, request, data):
        return services.claim_create(created_by=request.user, **data)

    def service_update(self, request, obj, data):
        return services.claim_update(claim_id=obj.pk, user=request.user, **data)

    def service_delete(self, request, obj):
        services.claim_delete(claim_id=obj.pk, user=request.user)

    def save_formset(self, request, form, formset, change):
        # The admin's change message reads these three lists.
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for deleted in formset.deleted_forms:
            if deleted.instance.pk:
                services.attribution_delete(attribution_id=deleted.instance.pk, user=request.user)
                formset.deleted_objects.append(deleted.instance)
        for inline_form in formset.forms:
            if (
                inline_form.instance.pk
                or not inline_form.has_changed()
                or inline_form in formset.deleted_forms
            ):
                continue
            data = {field: inline_form.cleaned_data.get(field) for field in ATTRIBUTION_FIELDS}
            formset.new_objects.append(
                services.attribution_create(claim=form.instance, user=request.user, **data)
            )


@admin.register(Attribution)
class AttributionAdmin(ServiceAdmin):
    list_display = ("id", "claim", "source", "form", "reporting_verb", "document", "relayed_by")
    list_filter = ("form", "source")
    search_fields = ("claim__text", "source__name", "excerpt")
    list_select_related = ("claim", "source", "document", "relayed_by")
    autocomplete_fields = ("claim", "source", "document", "relayed_by")
    fields = ("claim", *ATTRIBUTION_FIELDS, "created_by", "created_at", "updated_at")
    readonly_fields = ("created_by", "created_at", "updated_at")

    def service_create(self, request, data):
        return services.attribution_create(user=request.user, **data)

    def service_delete(self, request, obj):
        services.attribution_delete(attribution_id=obj.pk, user=request.user)


@admin.register(ClaimRelation)
class ClaimRelationAdmin(ServiceAdmin):
    list_display = ("id", "from_claim", "relation_type", "to_claim", "origin", "created_at")
    list_filter = ("relation_type", "origin")
    search_fields = ("from_claim__text", "to_claim__text", "rationale")
    list_select_related = ("from_claim", "to_claim")
    autocomplete_fields = ("from_claim", "to_claim")
    fields = ("from_claim", "relation_type", "to_claim", "rationale", "origin", "created_by", "created_at")
    # Relations added here are the editor's; a rule's relations come from detection.
    readonly_fields = ("origin", "created_by", "created_at")

    def service_create(self, request, data):
        return services.relation_create(created_by=request.user, **data)

    def service_delete(self, request, obj):
        services.relation_delete(relation_id=obj.pk, user=request.user)


class AuditEntryInline(admin.TabularInline):
    model = AuditEntry
    extra = 0
    can_delete = False
    fields = ("created_at", "actor", "action", "from_value", "to_value", "reason")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ConflictFlag)
class ConflictFlagAdmin(ServiceAdmin):
    """Flags are raised by the rules; staff assign, acknowledge and dismiss them
    here through the same services as the conflict page. Which claims a flag
    covers, its rule and its status are read-only."""

    list_display = ("id", "rule", "severity", "status", "claim_a", "claim_b", "assignee", "created_at")
    list_filter = ("status", "severity", "rule", "assignee")
    search_fields = ("explanation", "claim_a__text", "claim_b__text", "rule")
    list_select_related = ("claim_a", "claim_b", "assignee")
    fields = (
        "rule",
        "claim_a",
        "claim_b",
        "severity",
        "explanation",
        "status",
        "assignee",
        "resolution_note",
        "resolved_by",
        "resolved_at",
        "created_at",
        "updated_at",
    )
    readonly_fields = tuple(field for field in fields if field != "assignee")
    inlines = [AuditEntryInline]
    # Dismissing or resolving needs the editor's reasoning: the conflict page.
    actions = ["acknowledge_flags"]

    def service_update(self, request, obj, data):
        if "assignee" not in data:
            return obj
        return services.flag_assign(flag_id=obj.pk, user=request.user, assignee=data["assignee"])

    @admin.action(description="Acknowledge the selected flags", permissions=["change"])
    def acknowledge_flags(self, request, queryset):
        self.run_service_action(
            request,
            queryset,
            lambda flag: services.flag_acknowledge(
                flag_id=flag.pk, user=request.user, note="From the admin."
            ),
            "Acknowledged",
        )


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """The history is evidence: it can be read and searched, never edited."""

    list_display = ("created_at", "subject", "action", "from_value", "to_value", "actor")
    list_filter = ("action", "object_type")
    search_fields = ("reason", "from_value", "to_value", "actor__username")
    list_select_related = ("actor",)
    date_hierarchy = "created_at"

    @admin.display(description="About")
    def subject(self, entry: AuditEntry) -> str:
        return f"{entry.object_type} #{entry.object_id}"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
