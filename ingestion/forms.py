from django import forms
from django.core.exceptions import ValidationError

from claims.models import Attribution, Claim, Event
from sources.models import Source
from sources.selectors import source_choices

from .uploads import max_upload_bytes, text_from_upload


class DocumentIngestForm(forms.Form):
    """Add an article: paste its text or upload a .txt or .html file."""

    title = forms.CharField(max_length=300)
    url = forms.URLField(max_length=500, required=False, label="Web address", assume_scheme="https")
    outlet = forms.ModelChoiceField(
        queryset=Source.objects.none(),
        required=False,
        empty_label="Unknown outlet",
        help_text="Who published it; claims the text makes in its own voice are credited to the outlet.",
    )
    published_at = forms.DateTimeField(
        required=False,
        label="Published at",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"],
    )
    body = forms.CharField(
        required=False,
        label="Paste the text",
        widget=forms.Textarea(attrs={"rows": 14}),
    )
    upload = forms.FileField(
        required=False,
        label="…or upload a file",
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,.html,.htm,text/plain,text/html"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outlet"].queryset = source_choices()
        limit_kb = max_upload_bytes() // 1024
        self.fields["upload"].help_text = f"A .txt or .html file of at most {limit_kb:,} KB."

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if upload:
            try:
                self.upload_text = text_from_upload(upload)
            except ValidationError as error:
                raise ValidationError(error.message_dict["upload"]) from None
            upload.seek(0)
        return upload

    def clean(self):
        cleaned = super().clean()
        has_body = bool((cleaned.get("body") or "").strip())
        has_upload = bool(cleaned.get("upload"))
        if not self.errors.get("upload"):
            if has_body and has_upload:
                raise ValidationError("Paste the text or upload a file, not both.")
            if not has_body and not has_upload:
                raise ValidationError("Paste the article's text or upload a .txt or .html file.")
        return cleaned


class ProposalEditForm(forms.Form):
    """Correct a proposal, then accept it."""

    text = forms.CharField(label="Claim", widget=forms.Textarea(attrs={"rows": 3}))
    kind = forms.ChoiceField(choices=Claim.Kind.choices)
    source = forms.ModelChoiceField(
        queryset=Source.objects.none(),
        required=False,
        label="Speaker (existing source)",
        empty_label="— a new source, named below —",
    )
    proposed_source_name = forms.CharField(
        max_length=200,
        required=False,
        label="…or a new source's name",
        help_text="Only editors can add sources.",
    )
    proposed_source_kind = forms.ChoiceField(
        choices=[("", "—")] + list(Source.Kind.choices), required=False, label="New source's kind"
    )
    form = forms.ChoiceField(choices=Attribution.Form.choices, label="Attribution")
    reporting_verb = forms.CharField(max_length=50, required=False)
    relayed_by = forms.ModelChoiceField(queryset=Source.objects.none(), required=False, label="Relayed by")
    value_low = forms.IntegerField(min_value=0, required=False, label="Figure (low)")
    value_high = forms.IntegerField(min_value=0, required=False, label="Figure (high)")
    qualifier = forms.ChoiceField(choices=[("", "—")] + list(Claim.Qualifier.choices), required=False)
    quantity_subject = forms.CharField(max_length=200, required=False, label="What is counted")
    excerpt_start = forms.IntegerField(min_value=0, label="Excerpt starts at")
    excerpt_end = forms.IntegerField(min_value=1, label="Excerpt ends at")
    event = forms.ModelChoiceField(
        queryset=Event.objects.none(), required=False, help_text="Group the accepted claim under an event."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        sources = Source.objects.order_by("name")
        self.fields["source"].queryset = sources
        self.fields["relayed_by"].queryset = sources
        self.fields["event"].queryset = Event.objects.order_by("-start_date", "title")

    @classmethod
    def initial_for(cls, proposal) -> dict:
        return {
            "text": proposal.text,
            "kind": proposal.kind,
            "source": proposal.source_id,
            "proposed_source_name": proposal.proposed_source_name,
            "proposed_source_kind": proposal.proposed_source_kind,
            "form": proposal.form,
            "reporting_verb": proposal.reporting_verb,
            "relayed_by": proposal.relayed_by_id,
            "value_low": proposal.value_low,
            "value_high": proposal.value_high,
            "qualifier": proposal.qualifier,
            "quantity_subject": proposal.quantity_subject,
            "excerpt_start": proposal.excerpt_start,
            "excerpt_end": proposal.excerpt_end,
        }

    def proposal_changes(self) -> dict:
        changes = {key: value for key, value in self.cleaned_data.items() if key != "event"}
        return changes
