"""The admin's one way in: every admin write goes through the app's services.

The admin is for inspecting rows and, in an emergency, fixing them. Without
this it would write around the services: no history, no conflict re-check, no
state check. A `ServiceAdmin` names the service for each write (create,
update, delete); the form is validated by running that service in a savepoint
that is rolled back, so staff see exactly the errors the UI and the API would
give, as form errors, and the real save runs the same service once more.
"""

from collections.abc import Callable

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models, transaction

from core.exceptions import ConflictError
from core.forms import add_service_errors
from core.services import lexicon_entry_create, lexicon_entry_delete, lexicon_entry_update


class _DryRunDone(Exception):
    """Raised inside the savepoint to roll back a service run used only to validate."""


def service_refusal(call: Callable[[], object]) -> ValidationError | None:
    """Run `call` in a savepoint and roll it back; return the ValidationError
    the service raised (a ConflictError becomes one), or None if it would succeed.

    Queued work is dropped with the savepoint (Django discards on_commit
    callbacks of a rolled-back savepoint), so a dry run starts no task.
    """
    try:
        with transaction.atomic():
            call()
            raise _DryRunDone
    except _DryRunDone:
        return None
    except ValidationError as error:
        return error
    except ConflictError as error:
        return ValidationError(str(error))


def refusal_messages(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [
            f"{field.replace('_', ' ').capitalize()}: {message}" if field != "__all__" else message
            for field, field_messages in error.message_dict.items()
            for message in field_messages
        ]
    return list(error.messages)


class ServiceAdmin(admin.ModelAdmin):
    """A ModelAdmin whose saves and deletions call services.

    Subclasses implement the writes they allow:
    - `service_create(request, data) -> obj` (data: the form's cleaned fields);
    - `service_update(request, obj, data) -> obj` (data: only the changed fields);
    - `service_delete(request, obj)`.
    A write a subclass does not implement is not offered (no add, change or
    delete permission). Read-only fields are for values only another service
    may change (a status, a reliability grade).
    """

    # A web address typed without a scheme is https, as in the app's own
    # forms (and Django 6's default; 5.2 warns about its http default).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def service_create(self, request, data: dict):
        raise NotImplementedError

    def service_update(self, request, obj, data: dict):
        raise NotImplementedError

    def service_delete(self, request, obj) -> None:
        raise NotImplementedError

    def _implements(self, name: str) -> bool:
        return getattr(type(self), name) is not getattr(ServiceAdmin, name)

    def has_add_permission(self, request, *args) -> bool:
        return self._implements("service_create") and super().has_add_permission(request, *args)

    def has_change_permission(self, request, obj=None) -> bool:
        # Without an update service the change page stays, read-only.
        return self._implements("service_update") and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return self._implements("service_delete") and super().has_delete_permission(request, obj)

    # Validation: the service itself decides.

    def _service_save(self, request, obj, form, change: bool):
        if change:
            data = {
                field: form.cleaned_data[field] for field in form.changed_data if field in form.cleaned_data
            }
            return self.service_update(request, obj, data)
        return self.service_create(request, dict(form.cleaned_data))

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change=change, **kwargs)
        model_admin = self

        class ServiceCheckedForm(form_class):
            def _post_clean(self):
                super()._post_clean()
                if self.errors:
                    return
                refusal = service_refusal(
                    lambda: model_admin._service_save(request, obj, self, change=obj is not None)
                )
                if refusal is not None:
                    add_service_errors(self, refusal)

        return ServiceCheckedForm

    # Writes.

    def save_model(self, request, obj, form, change):
        saved = self._service_save(request, obj, form, change)
        # The admin goes on with `obj` (its messages, its log, the redirect).
        obj.pk = saved.pk
        obj.refresh_from_db()

    def save_related(self, request, form, formsets, change):
        # No form.save_m2m(): the service saved the row. Inlines save
        # through their own save_formset.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def get_deleted_objects(self, objs, request):
        """Show the service's refusal on the confirmation page, as the admin
        shows protected rows, instead of failing on the real delete."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        protected = list(protected)
        for obj in objs:
            refusal = service_refusal(lambda obj=obj: self.service_delete(request, obj))
            if refusal is not None:
                protected.extend(f"{obj}: {message}" for message in refusal_messages(refusal))
        return deleted, counts, perms_needed, protected

    def delete_model(self, request, obj):
        self.service_delete(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.service_delete(request, obj)

    def run_service_action(self, request, queryset, call: Callable[[object], object], done: str) -> None:
        """Apply `call(obj)` to each selected row; a row the service refuses is
        named in an error message and the others go on."""
        count = 0
        for obj in queryset:
            refusal = service_refusal(lambda obj=obj: call(obj))
            if refusal is not None:
                self.message_user(request, f"{obj}: {' '.join(refusal_messages(refusal))}", messages.ERROR)
                continue
            call(obj)
            count += 1
        if count:
            self.message_user(request, f"{done}: {count}.", messages.SUCCESS)


class ReadOnlyAdmin(admin.ModelAdmin):
    """For rows only a service or a task writes (a delivery log, an extraction
    run, a decided suggestion): the admin shows them and changes nothing."""

    def has_add_permission(self, request, *args) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class LexiconAdmin(ServiceAdmin):
    """For a vocabulary the rules or the extractor read: editors add, change
    and remove words here, each change a line of history naming them
    (core.services.lexicon_entry_*). `audit_object_type` is the history's name
    for the table (claims.AuditEntry.ObjectType)."""

    audit_object_type: str = ""

    def _target(self) -> dict:
        return {"model": self.model, "object_type": self.audit_object_type}

    def service_create(self, request, data):
        return lexicon_entry_create(**self._target(), user=request.user, data=data)

    def service_update(self, request, obj, data):
        return lexicon_entry_update(**self._target(), entry_id=obj.pk, user=request.user, data=data)

    def service_delete(self, request, obj):
        lexicon_entry_delete(**self._target(), entry_id=obj.pk, user=request.user)
