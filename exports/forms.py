from django import forms

from claims.models import Claim

from .models import ClaimExport


class ExportRequestForm(forms.Form):
    """What to export: the format and a few of the claim list's filters."""

    format = forms.ChoiceField(choices=ClaimExport.Format.choices, initial=ClaimExport.Format.CSV)
    status = forms.MultipleChoiceField(
        choices=Claim.Status.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="None ticked: every status.",
    )
    updated_since = forms.DateTimeField(
        required=False,
        label="Changed since",
        help_text="ISO date and time, e.g. 2026-11-25T09:00:00Z; empty for every claim.",
    )

    def service_filters(self) -> dict:
        data = self.cleaned_data
        filters = {}
        if data["status"]:
            filters["status"] = data["status"]
        if data["updated_since"]:
            filters["updated_since"] = data["updated_since"].isoformat()
        return filters
