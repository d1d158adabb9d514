"""Form fields shared by the apps' forms and filters."""

from django import forms
from django.forms.models import ModelChoiceIterator

DEFAULT_OFFERED = 100


class RecentModelChoiceField(forms.ModelChoiceField):
    """A choice of one row from a table that grows without end (events,
    documents, claims).

    Any row of `queryset` is accepted, but the drop-down offers only the first
    `limit` rows of `offered()` (the most recent ones) and the row already
    chosen: with 100,000 claims a page must not ship 100,000 options. Pages
    that know the row (an event's "add a claim here" link) pass it in the
    URL, so it is chosen even when it is old.
    """

    def __init__(self, queryset, *, offered, limit: int = DEFAULT_OFFERED, **kwargs):
        super().__init__(queryset, **kwargs)
        self.offered = offered
        self.limit = limit
        self.chosen = None

    def offer_also(self, value) -> None:
        """Make sure the row with primary key `value` is among the options."""
        self.chosen = value

    def _chosen_row(self):
        try:
            pk = int(self.chosen)
        except (TypeError, ValueError):
            return None
        return self.queryset.filter(pk=pk).first()

    def _get_choices(self):
        return _RecentChoiceIterator(self)

    choices = property(_get_choices, forms.ChoiceField.choices.fset)


class _RecentChoiceIterator(ModelChoiceIterator):
    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        rows = list(self.field.offered()[: self.field.limit])
        chosen = self.field._chosen_row() if self.field.chosen not in (None, "") else None
        if chosen is not None and all(row.pk != chosen.pk for row in rows):
            rows.insert(0, chosen)
        for row in rows:
            yield self.choice(row)

    def __len__(self):
        return self.field.limit + 2

    def __bool__(self):
        return True
