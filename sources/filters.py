"""django-filter filter sets for the sources and documents lists."""

import django_filters
from django.db.models import Q

from .models import Document, Source


class SourceFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_search", label="Search")
    kind = django_filters.ChoiceFilter(choices=Source.Kind.choices, empty_label="Any kind")
    affiliation = django_filters.ChoiceFilter(
        choices=Source.Affiliation.choices, empty_label="Any affiliation"
    )
    reliability = django_filters.ChoiceFilter(choices=Source.Reliability.choices, empty_label="Any grade")

    class Meta:
        model = Source
        fields = ["q", "kind", "affiliation", "reliability"]

    def filter_search(self, queryset, name, value):
        words = value.strip()
        if not words:
            return queryset
        return queryset.filter(
            Q(name__icontains=words) | Q(side__icontains=words) | Q(country__icontains=words)
        )


class DocumentFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_search", label="Search")
    outlet = django_filters.ModelChoiceFilter(
        queryset=Source.objects.order_by("name"), empty_label="Any outlet"
    )

    class Meta:
        model = Document
        fields = ["q", "outlet"]

    def filter_search(self, queryset, name, value):
        words = value.strip()
        if not words:
            return queryset
        return queryset.filter(Q(title__icontains=words) | Q(body__icontains=words))
