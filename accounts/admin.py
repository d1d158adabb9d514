from django import forms
from django.contrib import admin, messages

from .models import ApiToken
from .services import api_token_create, api_token_revoke


class ApiTokenAddForm(forms.ModelForm):
    class Meta:
        model = ApiToken
        fields = ["user", "name"]

    def clean(self):
        data = super().clean()
        user, name = data.get("user"), " ".join((data.get("name") or "").split())
        if user and name and ApiToken.objects.filter(user=user, name=name, revoked_at__isnull=True).exists():
            raise forms.ValidationError(f"{user.get_username()} already has an active token named '{name}'.")
        return data


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Admins create tokens for a user here; the token is shown once, in the
    confirmation message, because only its hash is stored."""

    list_display = ("name", "user", "key_start", "created_at", "last_used_at", "revoked_at")
    list_filter = ("revoked_at",)
    search_fields = ("name", "user__username")
    fields = ("user", "name", "key_start", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("key_start", "created_at", "last_used_at", "revoked_at")
    actions = ["revoke_tokens"]
    form = ApiTokenAddForm

    def has_change_permission(self, request, obj=None):
        # A token's only change is revocation (the action below); editing the
        # name or owner of a live token would be confusing in the audit trail.
        return obj is None and super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        token, raw_token = api_token_create(user=obj.user, name=obj.name)
        obj.pk = token.pk
        obj.key_start = token.key_start
        obj.created_at = token.created_at
        messages.warning(
            request,
            f"Token for {token.user.get_username()}: {raw_token} — copy it now, it will not be shown again.",
        )

    @admin.action(description="Revoke the selected tokens")
    def revoke_tokens(self, request, queryset):
        count = 0
        for token in queryset.filter(revoked_at__isnull=True):
            api_token_revoke(token_id=token.pk, user=token.user)
            count += 1
        self.message_user(request, f"Revoked {count} token(s).")
