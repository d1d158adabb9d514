from django.contrib import admin

from core.admin import ReadOnlyAdmin, ServiceAdmin

from .models import DigestDelivery, DigestPreference
from .services import PREFERENCE_FIELDS, digest_preference_update


@admin.register(DigestPreference)
class DigestPreferenceAdmin(ServiceAdmin):
    """A reader's choices, changed through digest_preference_update as on their
    settings page (which also stamps when they unsubscribed)."""

    list_display = ["user", "subscribed", "skip_empty_weeks", "unsubscribed_at", "updated_at"]
    list_filter = ["subscribed", "skip_empty_weeks"]
    search_fields = ["user__username", "user__email"]
    list_select_related = ["user"]
    fields = ["user", *PREFERENCE_FIELDS, "unsubscribed_at"]

    def get_readonly_fields(self, request, obj=None):
        return ["unsubscribed_at"] if obj is None else ["user", "unsubscribed_at"]

    def service_create(self, request, data):
        user = data.pop("user")
        return digest_preference_update(user=user, **data)

    def service_update(self, request, obj, data):
        return digest_preference_update(user=obj.user, **data)


@admin.register(DigestDelivery)
class DigestDeliveryAdmin(ReadOnlyAdmin):
    """Read-only: the delivery log. A row stuck in "sending" means a worker died
    mid-send; it is left alone on purpose rather than risk a second email."""

    list_display = ["week", "user", "status", "attempts", "sent_at", "subject"]
    list_filter = ["status", "week"]
    search_fields = ["user__username", "user__email", "week"]
    list_select_related = ["user"]
    readonly_fields = [field.name for field in DigestDelivery._meta.fields]
