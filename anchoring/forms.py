from django import forms

from core.forms import TextForm


class DocumentVersionForm(TextForm):
    title = forms.CharField(
        max_length=300, required=False, help_text="Leave empty to keep the current title."
    )
    body = forms.CharField(label="Revised text", widget=forms.Textarea(attrs={"rows": 16}))
