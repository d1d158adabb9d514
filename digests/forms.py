"""Forms for the digest pages. They only parse input; the rules live in
digests/services.py."""

from django import forms
from django.contrib.auth import get_user_model

from core.forms import GuardsLostUpdates

from .models import DigestPreference, Section, section_field
from .weeks import IsoWeek


class DigestPreferenceForm(GuardsLostUpdates, forms.Form):
    """The settings page. Saving over settings changed meanwhile (another tab,
    the API, the unsubscribe link) is refused naming what changed (GuardsLostUpdates)."""

    subscribed = forms.BooleanField(required=False, label="Send me the weekly digest")
    skip_empty_weeks = forms.BooleanField(
        required=False,
        label="Skip weeks with nothing new",
        help_text="Otherwise a quiet week still gets a one-line digest saying so.",
    )
    sections = forms.MultipleChoiceField(
        choices=Section.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Sections to include",
    )

    @classmethod
    def for_preference(cls, preference: DigestPreference, data=None) -> "DigestPreferenceForm":
        initial = {
            "subscribed": preference.subscribed,
            "skip_empty_weeks": preference.skip_empty_weeks,
            "sections": preference.sections,
        }
        form = cls(data=data, initial=initial)
        # The defaults (no row yet) are a version too: a first save elsewhere moves them on.
        form.instance = preference
        form.guard_lost_updates()
        return form

    def _edited_fields(self) -> list[str]:
        return ["subscribed", "skip_empty_weeks", *(section_field(section) for section in Section)]

    def _field_label(self, name: str) -> str | None:
        if name.startswith("include_"):
            return str(self.fields["sections"].label)
        return super()._field_label(name)

    def service_changes(self) -> dict[str, bool]:
        """The cleaned form as keyword arguments for digest_preference_update."""
        chosen = set(self.cleaned_data["sections"])
        changes = {
            "subscribed": self.cleaned_data["subscribed"],
            "skip_empty_weeks": self.cleaned_data["skip_empty_weeks"],
        }
        changes.update({section_field(section): section.value in chosen for section in Section})
        return changes


class IsoWeekField(forms.CharField):
    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            return IsoWeek.parse(value)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None

    def prepare_value(self, value):
        return str(value) if isinstance(value, IsoWeek) else value


class DigestPreviewForm(forms.Form):
    """Which digest to preview. Only editors get the reader choice."""

    week = IsoWeekField(required=False, help_text="e.g. 2024-W48; empty means the week that just ended.")
    reader = forms.ModelChoiceField(
        queryset=get_user_model().objects.none(),
        to_field_name="username",
        required=False,
        empty_label="Me",
    )

    def __init__(self, *args, can_choose_reader: bool, readers=None, **kwargs):
        super().__init__(*args, **kwargs)
        if can_choose_reader:
            self.fields["reader"].queryset = readers
        else:
            del self.fields["reader"]
