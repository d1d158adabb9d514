from django import forms


class DocumentVersionForm(forms.Form):
    title = forms.CharField(
        max_length=300, required=False, help_text="Leave empty to keep the current title."
    )
    body = forms.CharField(label="Revised text", widget=forms.Textarea(attrs={"rows": 16}))
