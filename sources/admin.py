"""Admin for sources and documents. Every write goes through sources/services.py
(core/admin.py), so it is audited and the claims that depend on it are
rechecked. A source's reliability grade is changed on the source page, which
asks why (source_set_reliability); a document's body is fixed once a claim
quotes it, because excerpt offsets point into it."""

from django.contrib import admin

from core.admin import ServiceAdmin

from . import services
from .models import Document, Source

RELIABILITY_FIELDS = ("reliability", "reliability_reason")


@admin.register(Source)
class SourceAdmin(ServiceAdmin):
    list_display = ("name", "kind", "affiliation", "side", "country", "reliability", "updated_at")
    list_filter = ("kind", "affiliation", "reliability")
    search_fields = ("name", "slug", "side", "country")
    prepopulated_fields = {"slug": ("name",)}
    fields = (
        "name",
        "slug",
        *services.SOURCE_FIELDS[1:],
        *RELIABILITY_FIELDS,
        "reliability_set_by",
        "reliability_set_at",
        "created_at",
        "updated_at",
    )

    def get_readonly_fields(self, request, obj=None):
        timestamps = ("reliability_set_by", "reliability_set_at", "created_at", "updated_at")
        if obj is None:
            return timestamps
        # The first grade is given with the new source; a regrade is recorded
        # with who and why by source_set_reliability, on the source page.
        return ("slug", *RELIABILITY_FIELDS, *timestamps)

    def get_prepopulated_fields(self, request, obj=None):
        return self.prepopulated_fields if obj is None else {}

    def service_create(self, request, data):
        return services.source_create(user=request.user, **data)

    def service_update(self, request, obj, data):
        return services.source_update(source_id=obj.pk, user=request.user, **data)

    def service_delete(self, request, obj):
        services.source_delete(source_id=obj.pk, user=request.user)


@admin.register(Document)
class DocumentAdmin(ServiceAdmin):
    list_display = ("title", "outlet", "published_at", "url", "created_at")
    list_filter = ("outlet", "published_at")
    search_fields = ("title", "url", "body")
    list_select_related = ("outlet",)
    autocomplete_fields = ("outlet",)
    fields = (*services.DOCUMENT_FIELDS, "content_hash", "created_by", "created_at", "updated_at")
    date_hierarchy = "published_at"

    def get_readonly_fields(self, request, obj=None):
        readonly = ("content_hash", "created_by", "created_at", "updated_at")
        if obj is not None and obj.attributions.exists():
            return ("body", *readonly)
        return readonly

    def service_create(self, request, data):
        return services.document_create(user=request.user, **data)

    def service_update(self, request, obj, data):
        return services.document_update(document_id=obj.pk, user=request.user, **data)

    def service_delete(self, request, obj):
        services.document_delete(document_id=obj.pk, user=request.user)
