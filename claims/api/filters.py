import django_filters
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Exists, OuterRef, Q
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.filters import SearchFilter

from claims.models import Attribution, AuditEntry, Claim, ClaimRelation, ConflictFlag, Event
from core.api import BooleanFilter, IsoDateTimeFilter, RecordIdFilter, UpdatedSinceFilterSet


class NamedFilterBackend(DjangoFilterBackend):
    """django-filter's backend, building the view's FilterSet only when the
    request names one of its filters: building one (deep copies of every
    filter, a form) was about a tenth of an unfiltered claim list's CPU.
    Without any of its names in the query string a FilterSet filters nothing,
    so the answer is the same."""

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is not None and not any(
            name in request.query_params for name in filterset_class.base_filters
        ):
            return queryset
        return super().filter_queryset(request, queryset, view)


class ClaimIdFilter(RecordIdFilter):
    """A claim id: whole numbers only (a NumberFilter alone would take 1.5 or NaN)."""


class EventFilter(UpdatedSinceFilterSet):
    starts_after = django_filters.DateFilter(field_name="start_date", lookup_expr="gte")
    starts_before = django_filters.DateFilter(field_name="start_date", lookup_expr="lte")
    place = django_filters.CharFilter(lookup_expr="icontains")

    class Meta:
        model = Event
        fields = ["starts_after", "starts_before", "place", "updated_since"]


class ClaimFilter(UpdatedSinceFilterSet):
    status = django_filters.MultipleChoiceFilter(choices=Claim.Status.choices)
    kind = django_filters.MultipleChoiceFilter(choices=Claim.Kind.choices)
    qualifier = django_filters.ChoiceFilter(choices=Claim.Qualifier.choices)
    credibility = django_filters.ChoiceFilter(choices=Claim.Credibility.choices)
    event = RecordIdFilter(field_name="event", label="Id of the event.")
    source = RecordIdFilter(
        field_name="attributions__source",
        distinct=True,
        label="Id of a source credited with the claim.",
    )
    document = RecordIdFilter(
        field_name="attributions__document",
        distinct=True,
        label="Id of a document the claim appears in.",
    )
    quantity_subject = django_filters.CharFilter(
        lookup_expr="iexact", label="What a figure counts, e.g. 'militants killed'."
    )
    has_open_flags = BooleanFilter(
        method="filter_has_open_flags",
        label="Only claims with (true) or without (false) flags awaiting a decision.",
    )

    class Meta:
        model = Claim
        fields = [
            "status",
            "kind",
            "qualifier",
            "credibility",
            "event",
            "source",
            "document",
            "quantity_subject",
            "has_open_flags",
            "updated_since",
        ]

    def filter_has_open_flags(self, queryset, name, value):
        if value is None:
            return queryset
        active = ConflictFlag.objects.filter(status__in=ConflictFlag.ACTIVE_STATUSES)
        with_flags = Q(pk__in=active.values("claim_a")) | Q(
            pk__in=active.filter(claim_b__isnull=False).values("claim_b")
        )
        return queryset.filter(with_flags) if value else queryset.exclude(with_flags)


class AttributionFilter(UpdatedSinceFilterSet):
    claim = RecordIdFilter(field_name="claim")
    source = RecordIdFilter(field_name="source")
    document = RecordIdFilter(field_name="document")
    relayed_by = RecordIdFilter(field_name="relayed_by")
    form = django_filters.ChoiceFilter(choices=Attribution.Form.choices)

    class Meta:
        model = Attribution
        fields = ["claim", "source", "document", "relayed_by", "form", "updated_since"]


class RelationFilter(UpdatedSinceFilterSet):
    claim = ClaimIdFilter(method="filter_claim", label="Id of a claim at either end.")
    relation_type = django_filters.ChoiceFilter(choices=ClaimRelation.Type.choices)
    origin = django_filters.ChoiceFilter(choices=ClaimRelation.Origin.choices)

    class Meta:
        model = ClaimRelation
        fields = ["claim", "relation_type", "origin", "updated_since"]

    def filter_claim(self, queryset, name, value):
        return queryset.filter(Q(from_claim_id=int(value)) | Q(to_claim_id=int(value)))


class FlagFilter(UpdatedSinceFilterSet):
    status = django_filters.MultipleChoiceFilter(choices=ConflictFlag.Status.choices)
    rule = django_filters.CharFilter()
    severity = django_filters.ChoiceFilter(choices=ConflictFlag.Severity.choices)
    severity_min = django_filters.ChoiceFilter(
        choices=ConflictFlag.Severity.choices,
        field_name="severity",
        lookup_expr="gte",
        label="At least this severity.",
    )
    claim = ClaimIdFilter(method="filter_claim", label="Id of a claim the flag involves.")
    assignee = django_filters.CharFilter(
        field_name="assignee__username",
        max_length=150,
        label="Username of the assignee (no such user: an empty list).",
    )

    class Meta:
        model = ConflictFlag
        fields = ["status", "rule", "severity", "severity_min", "claim", "assignee", "updated_since"]

    def filter_claim(self, queryset, name, value):
        return queryset.filter(Q(claim_a_id=int(value)) | Q(claim_b_id=int(value)))


class AuditEntryFilter(django_filters.FilterSet):
    """History has no updated_at: `updated_since` means entries written since."""

    updated_since = IsoDateTimeFilter(
        field_name="created_at",
        lookup_expr="gte",
        label="Only entries written at or after this ISO 8601 date-time.",
    )
    action = django_filters.ChoiceFilter(choices=AuditEntry.Action.choices)

    class Meta:
        model = AuditEntry
        fields = ["updated_since", "action"]


# What `?search=` reads on the claim list and the claim exports alike.
CLAIM_SEARCH_FIELDS = ["text", "attributions__source__name"]


class ClaimSearchFilter(SearchFilter):
    """`?search=` over the claim's text and the names of its credited sources.

    Every word must match somewhere, as a substring (so "minist" finds the
    ministry). On PostgreSQL the words are also matched as English full-text
    search (websearch syntax: "killed fighters", "-civilians", "\"air raids\""),
    so "kill" finds "killed" and "raids" finds "raid".
    """

    def filter_queryset(self, request, queryset, view):
        substring_matches = super().filter_queryset(request, queryset, view)
        terms = request.query_params.get(self.search_param, "").replace("\x00", "").strip()
        if not terms or connection.vendor != "postgresql":
            return substring_matches
        query = SearchQuery(terms, search_type="websearch", config="english")
        source_matches = (
            Attribution.objects.filter(claim=OuterRef("pk"))
            .annotate(source_words=SearchVector("source__name", config="english"))
            .filter(source_words=query)
        )
        full_text_matches = queryset.annotate(text_words=SearchVector("text", config="english")).filter(
            Q(text_words=query) | Exists(source_matches)
        )
        return queryset.filter(
            Q(pk__in=substring_matches.values("pk")) | Q(pk__in=full_text_matches.values("pk"))
        )
