from django.contrib import admin

from core.admin import ReadOnlyAdmin

from .models import ClaimExport


@admin.register(ClaimExport)
class ClaimExportAdmin(ReadOnlyAdmin):
    """Read-only: exports are asked for on the exports page or the API and written by a worker."""

    list_display = ["id", "requested_by", "format", "status", "claims_written", "created_at", "expires_at"]
    list_filter = ["status", "format"]
