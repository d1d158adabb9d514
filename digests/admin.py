from django.contrib import admin

from core.admin import ReadOnlyAdmin

from .models import DigestDelivery, DigestPreference


@admin.register(DigestPreference)
class DigestPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "subscribed", "skip_empty_weeks", "unsubscribed_at", "updated_at"]
    list_filter = ["subscribed", "skip_empty_weeks"]
    search_fields = ["user__username", "user__email"]
    list_select_related = ["user"]


@admin.register(DigestDelivery)
class DigestDeliveryAdmin(ReadOnlyAdmin):
    """Read-only: the delivery log. A row stuck in "sending" means a worker died
    mid-send; it is left alone on purpose rather than risk a second email."""

    list_display = ["week", "user", "status", "attempts", "sent_at", "subject"]
    list_filter = ["status", "week"]
    search_fields = ["user__username", "user__email", "week"]
    list_select_related = ["user"]
    readonly_fields = [field.name for field in DigestDelivery._meta.fields]
