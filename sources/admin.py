"""Admin for sources and documents (see claims/admin.py for what the admin is for)."""

from django.contrib import admin

from .models import Document, Source


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "affiliation", "side", "country", "reliability", "updated_at")
    list_filter = ("kind", "affiliation", "reliability")
    search_fields = ("name", "slug", "side", "country")
    prepopulated_fields = {"slug": ("name",)}
    readonly_fields = ("reliability_set_by", "reliability_set_at", "created_at", "updated_at")


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ("title", "outlet", "published_at", "url", "created_at")
    list_filter = ("outlet", "published_at")
    search_fields = ("title", "url", "body")
    list_select_related = ("outlet",)
    autocomplete_fields = ("outlet",)
    readonly_fields = ("content_hash", "created_by", "created_at", "updated_at")
    date_hierarchy = "published_at"
