from django import forms


class AlertPreferenceForm(forms.Form):
    email_critical = forms.BooleanField(
        label="Email me at once about critical flags on what I follow or am assigned",
        required=False,
        help_text="At most one email every 10 minutes; what comes in between is sent together.",
    )
