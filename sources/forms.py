"""Forms for sources and documents. Saving goes through sources/services.py;
see core.forms.add_service_errors for how its errors reach the fields."""

from django import forms

from core.forms import ServiceModelForm

from .models import Document, Source
from .selectors import source_choices


class SourceForm(ServiceModelForm):
    url = forms.URLField(label="Web address", max_length=500, required=False, assume_scheme="https")
    aliases = forms.CharField(
        required=False,
        help_text="Other names this source goes by in copy, separated by commas.",
    )

    class Meta:
        model = Source
        fields = [
            "name",
            "kind",
            "affiliation",
            "side",
            "country",
            "reliability",
            "reliability_reason",
            "url",
            "aliases",
            "notes",
        ]
        labels = {
            "reliability": "Reliability grade",
            "reliability_reason": "Why this grade",
            "url": "Web address",
        }
        widgets = {
            "reliability_reason": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "notes": "Light formatting is kept (bold, italics, lists, links); anything else is removed."
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["aliases"] = ", ".join(self.instance.aliases or [])


class DocumentForm(ServiceModelForm):
    url = forms.URLField(label="Web address", max_length=500, required=False, assume_scheme="https")

    class Meta:
        model = Document
        fields = ["title", "url", "outlet", "published_at", "body"]
        labels = {"url": "Web address", "published_at": "Published at", "body": "Text"}
        widgets = {
            "published_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "body": forms.Textarea(attrs={"rows": 14}),
        }
        help_texts = {
            "body": "Paste the text as published. Once a claim quotes it, it can no longer be edited.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outlet"].queryset = source_choices()
        self.fields["outlet"].empty_label = "Unknown outlet"
        self.fields["published_at"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"]
