import django_filters

from core.api import IsoDateTimeFilter, RecordIdFilter, UpdatedSinceFilterSet
from sources.models import Document, Source


class SourceFilter(UpdatedSinceFilterSet):
    kind = django_filters.ChoiceFilter(choices=Source.Kind.choices)
    affiliation = django_filters.ChoiceFilter(choices=Source.Affiliation.choices)
    reliability = django_filters.MultipleChoiceFilter(choices=Source.Reliability.choices)
    side = django_filters.CharFilter(lookup_expr="icontains", label="Side contains (case-insensitive).")
    country = django_filters.CharFilter(lookup_expr="iexact")

    class Meta:
        model = Source
        fields = ["kind", "affiliation", "reliability", "side", "country", "updated_since"]


class DocumentFilter(UpdatedSinceFilterSet):
    outlet = RecordIdFilter(field_name="outlet", label="Id of the publishing source.")
    published_after = IsoDateTimeFilter(field_name="published_at", lookup_expr="gte")
    published_before = IsoDateTimeFilter(field_name="published_at", lookup_expr="lt")

    class Meta:
        model = Document
        fields = ["outlet", "published_after", "published_before", "updated_since"]
