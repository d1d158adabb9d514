"""Form fields shared by the apps' forms and filters."""

import hashlib
import json

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.forms.models import ModelChoiceIterator
from django.forms.utils import flatatt
from django.utils.choices import BaseChoiceIterator
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from core.api_input import shows_something
from core.lost_updates import StaleEdit

DEFAULT_OFFERED = 100


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: each message next to its
    field when the form has that field, otherwise at the top of the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for field, messages in error.message_dict.items():
        if field in form.fields:
            form.add_error(field, messages)
        elif field == NON_FIELD_ERRORS:
            form.add_error(None, messages)
        else:
            form.add_error(
                None, [f"{field.replace('_', ' ').capitalize()}: {message}" for message in messages]
            )


def refuse_invisible_required_text(form: forms.BaseForm) -> None:
    """Give each required text field whose value is only invisible characters
    (a zero-width space, a bidi control...) its "required" error, as the API
    refuses such text as blank (core.api_input.StrictCharField): a claim or
    source saved with it shows as nothing. Run after the fields are cleaned."""
    for name, field in form.fields.items():
        value = form.cleaned_data.get(name)
        if field.required and isinstance(value, str) and value and not shows_something(value):
            form.add_error(
                name,
                f"{field.error_messages['required']} What was typed shows as nothing "
                "(only invisible characters).",
            )


class RequiredTextMustShow:
    """A form mixin: a required text made only of invisible characters is
    refused like an empty one (refuse_invisible_required_text), before the
    form's clean() runs, so clean() sees the field as missing."""

    def _clean_fields(self):
        super()._clean_fields()
        refuse_invisible_required_text(self)


class TextForm(RequiredTextMustShow, forms.Form):
    """A plain form whose required text fields must show something."""


EDIT_BASE_FIELD = "edit_base"


def _fingerprint(value) -> str:
    text = json.dumps(value, default=str, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:12]


class _FieldsAsOpened:
    """The edit page's lost-update check (core/lost_updates.py): the fields'
    fingerprints when the page was opened (`edit_base`) against the row's now."""

    def __init__(self, form: "GuardsLostUpdates", sent: str):
        self.form = form
        self.sent = sent

    def check(self, record) -> None:
        current = self.form._edit_base(record)
        if not self.sent or self.sent == current:
            # No base sent (a script posting the form by hand): as before.
            return
        opened = dict(part.split(":", 1) for part in self.sent.split(",") if ":" in part)
        now = dict(part.split(":", 1) for part in current.split(","))
        form = self.form
        changed = [name for name in form._edited_fields() if opened.get(name) != now.get(name)]
        labels = ", ".join(dict.fromkeys(label for name in changed if (label := form._field_label(name))))
        # The next save compares with the current version: replacing it is then a choice.
        form.data = form.data.copy()
        form.data[form.add_prefix(EDIT_BASE_FIELD)] = current
        self.sent = current
        raise StaleEdit(
            f"Someone else saved changes to this {record._meta.verbose_name} since you opened this "
            f"page ({labels}). Your text is kept below, not saved. Open the page again in another tab to "
            "see their version; save again to replace it with yours."
        )


class GuardsLostUpdates:
    """A form that edits a stored record (`self.instance`) and guards against
    lost updates: it carries, in the hidden field `edit_base`, a short
    fingerprint of each edited field as it was when the page was opened. If a
    colleague saved a change to any of them meanwhile, saving is refused with
    a message naming the fields, rather than silently writing the page's old
    values over theirs; the form keeps what was typed and now carries the
    current fingerprints, so saving again is a deliberate choice to replace
    their version. The form checks when it is validated, for a quick answer,
    and hands the same check to the update service as `unchanged_since`,
    which makes it again under the row lock: two saves arriving together
    cannot both pass (core/lost_updates.py). The view shows the service's
    StaleEdit like any ConflictError."""

    # The check to pass to the update service; None on a create form.
    unchanged_since = None

    def guard_lost_updates(self) -> None:
        """Add the hidden edit base; call from __init__ once `self.instance` is set."""
        self.fields[EDIT_BASE_FIELD] = forms.CharField(
            required=False, widget=forms.HiddenInput, initial=self._edit_base(self.instance)
        )

    def _edited_fields(self) -> list[str]:
        model_fields = {field.name: field for field in self.instance._meta.fields}
        return [name for name in self._meta.fields or () if name in model_fields]

    def _field_label(self, name: str) -> str | None:
        """How the refusal names an edited field that changed; None for one the page does not show."""
        return str(self.fields[name].label or name) if name in self.fields else None

    def _edit_base(self, record) -> str:
        """name:fingerprint pairs of the edited fields, as `record` stands."""
        model_fields = {field.name: field for field in record._meta.fields}
        return ",".join(
            f"{name}:{_fingerprint(model_fields[name].value_from_object(record))}"
            for name in self._edited_fields()
        )

    def clean(self):
        cleaned = super().clean()
        if EDIT_BASE_FIELD in self.fields:
            # Not a field of the record: the services never see it.
            self.unchanged_since = _FieldsAsOpened(self, cleaned.pop(EDIT_BASE_FIELD, None) or "")
            try:
                self.unchanged_since.check(self.instance)
            except StaleEdit as error:
                self.add_error(None, error.message)
        return cleaned


class ServiceModelForm(GuardsLostUpdates, RequiredTextMustShow, forms.ModelForm):
    """A ModelForm used only for its fields and initial values (a required
    text of invisible characters only is refused: RequiredTextMustShow). It does not
    build or validate a model instance: the service does that on save, so the
    rules are checked in one place whichever surface the write comes from.
    An edit form guards against lost updates (GuardsLostUpdates)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.guard_lost_updates()

    def _post_clean(self):
        pass

    def save(self, commit=True):  # pragma: no cover - guard against misuse
        raise NotImplementedError("Save through the service, not the form.")


class RecentModelChoiceField(forms.ModelChoiceField):
    """A choice of one row from a table that grows without end (events,
    documents, claims).

    Any row of `queryset` is accepted, but the drop-down offers only the first
    `limit` rows of `offered()` (the most recent ones) and the row already
    chosen: with 100,000 claims a page must not ship 100,000 options. Pages
    that know the row (an event's "add a claim here" link) pass it in the
    URL, so it is chosen even when it is old.
    """

    def __init__(self, queryset, *, offered, limit: int = DEFAULT_OFFERED, **kwargs):
        kwargs.setdefault("widget", FastSelect)
        super().__init__(queryset, **kwargs)
        self.offered = offered
        self.limit = limit
        self.chosen = None

    def offer_also(self, value) -> None:
        """Make sure the row with primary key `value` is among the options."""
        self.chosen = value

    def _chosen_row(self):
        try:
            pk = int(self.chosen)
        except (TypeError, ValueError):
            return None
        return self.queryset.filter(pk=pk).first()

    def _get_choices(self):
        return _RecentChoiceIterator(self)

    choices = property(_get_choices, forms.ChoiceField.choices.fset)


class _RecentChoiceIterator(ModelChoiceIterator):
    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        rows = list(self.field.offered()[: self.field.limit])
        chosen = self.field._chosen_row() if self.field.chosen not in (None, "") else None
        if chosen is not None and all(row.pk != chosen.pk for row in rows):
            rows.insert(0, chosen)
        for row in rows:
            yield self.choice(row)

    def __len__(self):
        return self.field.limit + 2

    def __bool__(self):
        return True


class FastSelect(forms.Select):
    """A drop-down rendered in Python instead of one template per option.

    Django renders each <option> through a template include and builds a
    dictionary of attributes for it, which costs about a millisecond per
    hundred options; the dashboard's filters alone carry hundreds (every
    source), on every request. The markup is the same as Django's: the same
    attributes, values and labels, every one of them escaped.
    """

    def render(self, name, value, attrs=None, renderer=None):  # noqa: ARG002 (Widget.render's signature)
        attributes = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            attributes["multiple"] = True
        chosen = set(self.format_value(value))
        parts = [format_html('<select name="{}"{}>', name, flatatt(attributes))]
        for option_value, option_label in self.choices:
            if isinstance(option_label, (list, tuple)):
                parts.append(format_html('<optgroup label="{}">', option_value))
                parts.extend(self._option(value, label, chosen) for value, label in option_label)
                parts.append("</optgroup>")
            else:
                parts.append(self._option(option_value, option_label, chosen))
        parts.append("</select>")
        # Every value and label above went through escape(); the rest is our markup.
        return mark_safe("".join(parts))  # noqa: S308

    @staticmethod
    def _option(value, label, chosen: set) -> str:
        value = "" if value is None else str(value)
        selected = " selected" if value in chosen else ""
        return f'<option value="{escape(value)}"{selected}>{escape(label)}</option>'


def use_fast_selects(form: forms.BaseForm, *, cache_as: str | None = None) -> None:
    """Swap every plain drop-down of `form` for a FastSelect. With `cache_as`
    (filter forms only: an edit form must offer the row created a second ago),
    the options of drop-downs filled from the database are kept briefly
    (core/short_cache.py) under that name."""
    for name, field in form.fields.items():
        if type(field.widget) is forms.Select:
            fast = FastSelect(attrs=field.widget.attrs)
            fast.choices = field.widget.choices
            fast.is_required = field.widget.is_required
            field.widget = fast
        if cache_as and isinstance(field, forms.ModelChoiceField) and isinstance(field.widget, FastSelect):
            chosen = getattr(field, "chosen", None)
            field.widget.choices = _BrieflyCachedChoices(
                f"options:{cache_as}:{name}:{chosen}", field.widget.choices
            )


class _BrieflyCachedChoices(BaseChoiceIterator):
    """A drop-down's (value, label) pairs, read from the database at most once
    per LIST_CACHE_SECONDS; the field still validates against its queryset.
    (A BaseChoiceIterator, so Django keeps it lazy instead of reading it when assigned.)"""

    def __init__(self, key: str, choices):
        self.key = key
        self.choices = choices

    def __iter__(self):
        from django.conf import settings

        from core.short_cache import cached_briefly

        if settings.LIST_CACHE_SECONDS <= 0:
            # Lazily, as before: a look at the first option must not read them all.
            return iter(self.choices)
        return iter(
            cached_briefly(
                self.key, lambda: [("" if v is None else str(v), str(label)) for v, label in self.choices]
            )
        )

    def __bool__(self):
        return True
