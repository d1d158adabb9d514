"""Forms for deciding a dispute as a whole."""

from django import forms

from core.forms import TextForm


class DisputeResolveForm(TextForm):
    note = forms.CharField(
        label="Resolution note",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Explain how the dispute was resolved."},
        help_text="Required. Every open pair of this dispute is resolved with this note.",
    )


class DisputeDismissForm(TextForm):
    reason = forms.CharField(
        label="Why this is not a real dispute",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Say why this is not a real dispute."},
        help_text="Every open pair of this dispute is dismissed with this reason.",
    )
