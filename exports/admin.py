from django.contrib import admin

from .models import ClaimExport


@admin.register(ClaimExport)
class ClaimExportAdmin(admin.ModelAdmin):
    """Read-only: exports are asked for on the exports page or the API and written by a worker."""

    list_display = ["id", "requested_by", "format", "status", "claims_written", "created_at", "expires_at"]
    list_filter = ["status", "format"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
