from django import forms

from .models import EventType


class WebhookEndpointForm(forms.Form):
    url = forms.URLField(
        label="URL",
        max_length=500,
        assume_scheme="https",
        help_text="Where the events are POSTed: https, on a public address.",
    )
    description = forms.CharField(label="What it is", max_length=200, required=False)
    event_types = forms.MultipleChoiceField(
        label="Events to send", choices=EventType.choices, widget=forms.CheckboxSelectMultiple
    )
    secret = forms.CharField(
        label="Signing secret",
        max_length=200,
        required=False,
        help_text="Leave empty and one is made for you (shown once).",
    )
