from django import forms
from django.core.exceptions import ValidationError

from claims.models import Attribution, Claim, Event
from core.api_input import shows_something
from core.forms import TextForm
from sources.models import Source
from sources.selectors import source_choices

from .uploads import max_upload_bytes, text_from_upload


class DocumentIngestForm(TextForm):
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
        has_body = shows_something(cleaned.get("body") or "")
        has_upload = bool(cleaned.get("upload"))
        if not self.errors.get("upload"):
            if has_body and has_upload:
                raise ValidationError("Paste the text or upload a file, not both.")
            if not has_body and not has_upload:
                raise ValidationError("Paste the article's text or upload a .txt or .html file.")
        return cleaned


class ProposalEditForm(TextForm):
    """Correct a proposal, then accept it. The excerpt is chosen by selecting
    its words in the passage shown (excerpt_select.js fills the exact words
    and their offsets); without a script, the editor pastes the exact words
    and the offsets are found in the document."""

    text = forms.CharField(label="Claim", widget=forms.Textarea(attrs={"rows": 3}))
    kind = forms.ChoiceField(choices=Claim.Kind.choices)
    source = forms.ModelChoiceField(
        queryset=Source.objects.none(),
        required=False,
        label="Speaker (existing source)",
        empty_label="Not listed: a new source, named below",
    )
    proposed_source_name = forms.CharField(
        max_length=200,
        required=False,
        label="…or a new source's name",
        help_text="Only editors can add sources.",
    )
    proposed_source_kind = forms.ChoiceField(
        choices=[("", "Guess from the name")] + list(Source.Kind.choices),
        required=False,
        label="New source's kind",
    )
    form = forms.ChoiceField(choices=Attribution.Form.choices, label="Attribution")
    reporting_verb = forms.CharField(max_length=50, required=False)
    relayed_by = forms.ModelChoiceField(
        queryset=Source.objects.none(),
        required=False,
        label="Relayed by",
        empty_label="Nobody: heard from the speaker",
    )
    responsible_party = forms.CharField(
        max_length=200,
        required=False,
        label="Who did it",
        help_text="The perpetrator as the text names them; leave blank when it does not say.",
    )
    value_low = forms.IntegerField(min_value=0, required=False, label="Figure (low)")
    value_high = forms.IntegerField(min_value=0, required=False, label="Figure (high)")
    qualifier = forms.ChoiceField(choices=[("", "No figure")] + list(Claim.Qualifier.choices), required=False)
    quantity_subject = forms.CharField(max_length=200, required=False, label="What is counted")
    excerpt = forms.CharField(
        label="Excerpt",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "data-excerpt-text": ""}),
        help_text="Select the words in the passage above, or paste them here exactly as written.",
    )
    excerpt_start = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    excerpt_end = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    event = forms.ModelChoiceField(
        queryset=Event.objects.none(),
        required=False,
        empty_label="No event yet",
        help_text="Group the accepted claim under an event.",
    )

    def __init__(self, *args, document_body: str = "", denied_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.document_body = document_body
        if denied_choices:
            # A denial: the claims it probably denies (ingestion.selectors),
            # the only ones offered, so a tampered id is a form error.
            self.fields["denied_claim"] = forms.TypedChoiceField(
                choices=[("", "None: record it as an ordinary claim")]
                + [(claim.pk, f"#{claim.pk} {claim.text[:100]}") for claim in denied_choices],
                coerce=int,
                empty_value=None,
                required=False,
                label="Denies",
                help_text="Accepting records the new claim as denying this one.",
            )
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
            "responsible_party": proposal.responsible_party,
            "excerpt": proposal.excerpt,
            "excerpt_start": proposal.excerpt_start,
            "excerpt_end": proposal.excerpt_end,
        }

    def clean(self):
        cleaned = super().clean()
        words = (cleaned.get("excerpt") or "").strip()
        start, end = cleaned.get("excerpt_start"), cleaned.get("excerpt_end")
        if words and self.document_body and (start is None or self.document_body[start:end] != words):
            found = _nearest(self.document_body, words, start or 0)
            if found is None:
                self.add_error("excerpt", "These words are not in the document; select them in the passage.")
            else:
                cleaned["excerpt_start"], cleaned["excerpt_end"] = found, found + len(words)
        return cleaned

    def proposal_changes(self) -> dict:
        return {
            key: value
            for key, value in self.cleaned_data.items()
            if key not in ("event", "excerpt", "denied_claim")
        }


def _nearest(body: str, words: str, near: int) -> int | None:
    """Where `words` occur in `body`, the occurrence nearest `near` (the same
    words may appear twice in an article)."""
    positions = []
    position = body.find(words)
    while position != -1 and len(positions) < 1000:
        positions.append(position)
        position = body.find(words, position + 1)
    return min(positions, key=lambda p: abs(p - near)) if positions else None
