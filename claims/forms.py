"""Forms for the web UI. They only parse and present input: every rule about
what may be saved lives in claims/services/, whose ValidationErrors are put
back onto these forms' fields with `add_service_errors`."""

from django import forms

from core.api_input import shows_something

# add_service_errors and ServiceModelForm live in core.forms (every app's
# forms use them); imported here too for the code that imports them from claims.
from core.forms import (  # noqa: F401 (add_service_errors: re-exported)
    RecentModelChoiceField,
    ServiceModelForm,
    TextForm,
    add_service_errors,
    use_fast_selects,
)
from sources.models import Document
from sources.selectors import source_choices

from .models import Attribution, Claim, ClaimRelation, ConflictFlag, Event
from .selectors import claims_newest_first, documents_newest_first, events_newest_first, users_who_can_triage
from .services import CLAIM_FIELDS


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class ClaimForm(ServiceModelForm):
    event = RecentModelChoiceField(
        queryset=Event.objects.all(),
        offered=events_newest_first,
        required=False,
        empty_label="No event",
        help_text="The 100 most recent events. For an older one, use “Add a claim” on the event's page.",
    )

    class Meta:
        model = Claim
        # The fields claim_create / claim_update accept, in the form's order.
        fields = list(CLAIM_FIELDS)
        labels = {
            "text": "Claim",
            "quantity_subject": "What is counted",
            "value_low": "Figure (low)",
            "value_high": "Figure (high)",
            "qualifier": "Hedged as",
            "occurred_on": "Happened on",
            "responsible_party": "Who did it, according to the claim",
        }
        help_texts = {
            "value_low": "The number as reported; for a range, its lower end.",
            "value_high": "For a range, its upper end. Leave empty for a single number.",
        }
        widgets = {
            "text": forms.Textarea(attrs={"rows": 3}),
            "kind": forms.Select(attrs={"data-claim-kind": ""}),
            "occurred_on": DateInput(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].offer_also(self.data.get(self.add_prefix("event")) or self.initial.get("event"))
        self.fields["qualifier"].choices = [("", "Work it out from the figure"), *Claim.Qualifier.choices]
        use_fast_selects(self)

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data["qualifier"] = data.get("qualifier") or ""
        return data


class AttributionForm(forms.Form):
    source = forms.ModelChoiceField(queryset=source_choices(), empty_label="Choose a source")
    form = forms.ChoiceField(
        label="How it was attributed", choices=Attribution.Form.choices, initial=Attribution.Form.PARAPHRASE
    )
    reporting_verb = forms.CharField(
        label="Reporting verb", max_length=50, required=False, help_text="'claimed', 'said', 'acknowledged'…"
    )
    document = RecentModelChoiceField(
        queryset=Document.objects.all(),
        offered=documents_newest_first,
        required=False,
        empty_label="No document",
        help_text="The 100 newest documents. For an older one, use “Add a claim” on the document's page.",
    )
    excerpt = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text="The words in the document, copied exactly; they are highlighted in the document.",
    )
    relayed_by = forms.ModelChoiceField(
        label="Relayed by",
        queryset=source_choices(),
        required=False,
        empty_label="Nobody (first-hand)",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document"].offer_also(
            self.data.get(self.add_prefix("document")) or self.initial.get("document")
        )
        use_fast_selects(self)

    def service_kwargs(self) -> dict:
        return {key: value for key, value in self.cleaned_data.items() if key != "DELETE"}


class BaseAttributionFormSet(forms.BaseFormSet):
    def filled_forms(self) -> list[AttributionForm]:
        """The forms the user filled in, in order (blank extra rows are skipped)."""
        return [form for form in self.forms if form.has_changed() and form.cleaned_data]


# A claim rarely has more than a handful of sources; the cap keeps a forged
# TOTAL_FORMS from making the server build thousands of forms.
MAX_ATTRIBUTION_ROWS = 20
AttributionFormSet = forms.formset_factory(
    AttributionForm,
    formset=BaseAttributionFormSet,
    extra=1,
    min_num=1,
    validate_min=True,
    max_num=MAX_ATTRIBUTION_ROWS,
    validate_max=True,
    absolute_max=MAX_ATTRIBUTION_ROWS,
)
# When editing a claim the existing attributions are listed on their own; the
# formset only adds new ones, so none is required.
NewAttributionFormSet = forms.formset_factory(
    AttributionForm,
    formset=BaseAttributionFormSet,
    extra=1,
    max_num=MAX_ATTRIBUTION_ROWS,
    validate_max=True,
    absolute_max=MAX_ATTRIBUTION_ROWS,
)


class ClaimStatusForm(TextForm):
    status = forms.ChoiceField(label="New status", choices=Claim.Status.choices)
    reason = forms.CharField(
        label="Why", widget=forms.Textarea(attrs={"rows": 2}), help_text="Kept in the claim's history."
    )


class RelationForm(forms.Form):
    from_claim = RecentModelChoiceField(
        label="This claim", queryset=Claim.objects.all(), offered=claims_newest_first
    )
    relation_type = forms.ChoiceField(label="Relation", choices=ClaimRelation.Type.choices)
    to_claim = RecentModelChoiceField(
        label="That claim",
        queryset=Claim.objects.all(),
        offered=claims_newest_first,
        help_text="The 100 newest claims. For an older one, start from its page: “Relate to another claim”.",
    )
    rationale = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False, label="Why")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("from_claim", "to_claim"):
            self.fields[name].offer_also(self.data.get(name) or self.initial.get(name))
            self.fields[name].label_from_instance = lambda claim: f"#{claim.pk}: {claim.text[:90]}"
        use_fast_selects(self)


class EventForm(ServiceModelForm):
    class Meta:
        model = Event
        fields = ["title", "start_date", "end_date", "place", "description"]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "description": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "description": "Light formatting is kept (bold, italics, lists, links); anything else is removed."
        }


class EventMergeForm(forms.Form):
    """Which event a duplicate folds into: one of its likely twins (same place
    or overlapping dates), or any other by its number."""

    into = forms.TypedChoiceField(
        label="Merge into", coerce=int, required=False, widget=forms.RadioSelect, empty_value=None
    )
    into_number = forms.IntegerField(
        label="Or the number of another event",
        required=False,
        min_value=1,
        help_text="As in its address: /events/12/.",
    )
    reason = forms.CharField(
        label="Why (for the history, optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].choices = [
            (
                event.pk,
                f"#{event.pk} {event.title}"
                + (f" ({event.claim_count} claims)" if hasattr(event, "claim_count") else ""),
            )
            for event in candidates
        ]

    def clean(self):
        cleaned = super().clean()
        chosen, number = cleaned.get("into"), cleaned.get("into_number")
        if self.errors:
            return cleaned
        if chosen and number and chosen != number:
            raise forms.ValidationError("Choose one event: either from the list or by its number, not both.")
        if not (chosen or number):
            raise forms.ValidationError("Choose the event to merge into.")
        cleaned["into_event_id"] = chosen or number
        return cleaned


# Conflict flag actions


class FlagAcknowledgeForm(forms.Form):
    note = forms.CharField(label="Note (optional)", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class FlagAssignForm(forms.Form):
    assignee = forms.ModelChoiceField(
        queryset=users_who_can_triage(), required=False, empty_label="Nobody (unassign)"
    )
    note = forms.CharField(label="Note (optional)", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class FlagResolveForm(TextForm):
    note = forms.CharField(
        label="Resolution note",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Explain how the conflict was resolved."},
        help_text="Required. What did you check, and what did you decide?",
    )
    mark_claim_id = forms.TypedChoiceField(
        label="Change a claim's status too?", coerce=int, empty_value=None, required=False, choices=[]
    )
    mark_status = forms.ChoiceField(
        label="New status for that claim",
        choices=[(Claim.Status.DISPUTED, "Disputed"), (Claim.Status.FALSE, "False")],
        initial=Claim.Status.DISPUTED,
        required=False,
    )

    def __init__(self, *args, flag, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "No, leave both claims as they are")]
        for claim in (flag.claim_a, flag.claim_b):
            if claim is not None:
                choices.append((claim.pk, f"Yes, claim #{claim.pk}: {claim.text[:70]}"))
        self.fields["mark_claim_id"].choices = choices


class FlagDismissForm(TextForm):
    reason = forms.CharField(
        label="Why this is not a real conflict",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Say why this is not a real conflict."},
    )


class FlagBulkForm(forms.Form):
    """The queue's bulk actions: several flags, one action, one reason for all."""

    action = forms.ChoiceField(
        choices=[("assign", "Assign to me"), ("acknowledge", "Acknowledge"), ("dismiss", "Dismiss")]
    )
    flags = forms.ModelMultipleChoiceField(
        queryset=ConflictFlag.objects.all(), error_messages={"required": "Choose at least one conflict."}
    )
    reason = forms.CharField(label="Reason (required to dismiss)", required=False, max_length=2000)

    def clean(self):
        data = super().clean()
        if data.get("action") == "dismiss" and not shows_something(data.get("reason") or ""):
            self.add_error("reason", "Say why these are not real conflicts.")
        return data


class FlagCommentForm(TextForm):
    note = forms.CharField(
        label="Comment",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Write the comment."},
    )


class FlagReopenForm(TextForm):
    reason = forms.CharField(
        label="Why re-open it",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Say why the conflict needs another look."},
    )
