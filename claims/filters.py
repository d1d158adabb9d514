"""django-filter filter sets for the web UI's lists: the conflict queue and the claims list."""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q

from core.forms import RecentModelChoiceField, use_fast_selects
from sources.models import Source
from sources.selectors import source_choices

from .models import Attribution, Claim, ConflictFlag, Event
from .search import claims_search
from .selectors import events_newest_first, flag_rules, users_who_can_triage

ACTIVE = "active"
ALL = "all"


def _credited_to(source: Source, claim_ref: str):
    return Exists(Attribution.objects.filter(claim=OuterRef(claim_ref), source=source))


class RecentModelChoiceFilter(django_filters.ModelChoiceFilter):
    """An event filter that offers the most recent events, not all of them."""

    field_class = RecentModelChoiceField


def recent_event_filter(**options) -> RecentModelChoiceFilter:
    """The event filter of every list: the most recent events, and the chosen one."""
    return RecentModelChoiceFilter(
        queryset=Event.objects.all(),
        offered=events_newest_first,
        label="Event",
        empty_label="Any recent event",
        **options,
    )


def credited_source_filter() -> django_filters.ModelChoiceFilter:
    """The source filter of every list; the filter set's `filter_source` says
    what being credited to it means there."""
    return django_filters.ModelChoiceFilter(
        queryset=source_choices(), method="filter_source", label="Source", empty_label="Any source"
    )


class RecentChoicesMixin:
    """Keep the chosen row among a RecentModelChoiceFilter's options."""

    def offer_chosen(self, data) -> None:
        for name, field in self.form.fields.items():
            if isinstance(field, RecentModelChoiceField) and data is not None:
                field.offer_also(data.get(name))
        use_fast_selects(self.form, cache_as=type(self).__name__)


class QueueFilterMixin(RecentChoicesMixin):
    """The queue's filter sets (pairs here, disputes in detection/filters.py):
    `default_status` when none is chosen, and the rules detection knows as the
    rule filter's choices."""

    default_status = ""

    def __init__(self, data=None, *args, **kwargs):
        data = data.copy() if data is not None else None
        if data is not None and not data.get("status"):
            data["status"] = self.default_status
        super().__init__(data, *args, **kwargs)
        self.filters["rule"].extra["choices"] = [
            (rule, rule.replace("_", " ").capitalize()) for rule in flag_rules()
        ]
        # Builds the form, so it comes after the rule choices are known.
        self.offer_chosen(data)


class FlagFilter(QueueFilterMixin, django_filters.FilterSet):
    """The dashboard's filters. With no status chosen, the queue shows what is
    still to do: open and acknowledged flags."""

    status = django_filters.ChoiceFilter(
        choices=[(ACTIVE, "Open or acknowledged"), *ConflictFlag.Status.choices, (ALL, "Any status")],
        method="filter_status",
        empty_label=None,
        label="Status",
    )
    event = recent_event_filter(method="filter_event")
    source = credited_source_filter()
    rule = django_filters.ChoiceFilter(choices=[], label="Rule", empty_label="Any rule")
    assignee = django_filters.ModelChoiceFilter(
        queryset=users_who_can_triage(), label="Assignee", empty_label="Anyone"
    )
    mine = django_filters.BooleanFilter(
        method="filter_mine", label="Assigned to me", widget=forms.CheckboxInput
    )

    class Meta:
        model = ConflictFlag
        fields = ["status", "event", "source", "rule", "assignee", "mine"]

    default_status = ACTIVE

    def filter_status(self, queryset, name, value):
        if value == ACTIVE:
            return queryset.filter(status__in=ConflictFlag.ACTIVE_STATUSES)
        if value == ALL:
            return queryset
        return queryset.filter(status=value)

    def filter_event(self, queryset, name, value):
        return queryset.filter(Q(claim_a__event=value) | Q(claim_b__event=value))

    def filter_source(self, queryset, name, value):
        return queryset.filter(_credited_to(value, "claim_a") | _credited_to(value, "claim_b"))

    def filter_mine(self, queryset, name, value):
        if value and self.request is not None and self.request.user.is_authenticated:
            return queryset.filter(assignee=self.request.user)
        return queryset


class ClaimFilter(RecentChoicesMixin, django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_search", label="Search")
    status = django_filters.ChoiceFilter(
        choices=Claim.Status.choices, label="Status", empty_label="Any status"
    )
    kind = django_filters.ChoiceFilter(choices=Claim.Kind.choices, label="Kind", empty_label="Any kind")
    event = recent_event_filter()
    source = credited_source_filter()
    has_open_conflict = django_filters.BooleanFilter(
        field_name="has_open_conflict",
        label="Open conflicts",
        widget=forms.Select(
            choices=[("", "Either"), ("true", "In an open conflict"), ("false", "No open conflict")]
        ),
    )

    # Last, so that it orders whatever the filters above left (search sorts by relevance).
    sort = django_filters.ChoiceFilter(
        choices=[("newest", "Newest first"), ("oldest", "Oldest first")],
        method="filter_sort",
        label="Sort",
        empty_label="Best match (when searching), else newest",
    )

    class Meta:
        model = Claim
        fields = ["q", "status", "kind", "event", "source", "has_open_conflict", "sort"]

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.offer_chosen(data)

    def filter_search(self, queryset, name, value):
        """Full-text search (claims/search.py), best match first unless the
        `sort` filter below asks for newest or oldest."""
        if not value.strip():
            return queryset
        return claims_search(queryset, value).order_by("-search_rank", "-created_at", "-id")

    def filter_sort(self, queryset, name, value):
        if value == "newest":
            return queryset.order_by("-created_at", "-id")
        if value == "oldest":
            return queryset.order_by("created_at", "id")
        return queryset

    def filter_source(self, queryset, name, value):
        return queryset.filter(_credited_to(value, "pk"))
