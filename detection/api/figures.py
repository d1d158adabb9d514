"""The event figure summary over the API: GET /api/v1/events/{id}/figures/.

Read only; the summary is built by detection.figure_summary (three queries
whatever the event holds). Documented in docs/api.md and the OpenAPI schema.
"""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from claims.models import Attribution, Claim, Event
from core.api import RolePermission
from detection.figure_summary import event_figure_summaries
from sources.models import Source


class _SourceBrief(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    slug = serializers.CharField()


class _FigureHistoryEntry(serializers.Serializer):
    claim = serializers.IntegerField(help_text="The claim that gave this figure.")
    figure = serializers.CharField(help_text='With its qualifier, e.g. "at least 45".')
    reported_at = serializers.DateTimeField(
        help_text="Its document's publication time, else when it was recorded."
    )


class FigureRowSerializer(serializers.Serializer):
    """One source's latest figure for the subject."""

    source = _SourceBrief(help_text="The speaker (never the relaying outlet).")
    claim = serializers.IntegerField(help_text="The claim carrying the latest figure.")
    figure = serializers.CharField(
        help_text='The latest figure with its qualifier, e.g. "about 200", "24–99".'
    )
    value_low = serializers.IntegerField()
    value_high = serializers.IntegerField()
    qualifier = serializers.ChoiceField(choices=Claim.Qualifier.choices)
    form = serializers.ChoiceField(choices=Attribution.Form.choices, help_text="How it was attributed.")
    is_party = serializers.BooleanField(help_text="The source is a party to the conflict.")
    side = serializers.CharField(help_text="The party's side; empty for others.")
    republishes = serializers.CharField(
        help_text="Whose text this source's excerpt prints word for word (a passage of 12 or more words "
        "shared with another source's excerpt in another document; a party by its side), or empty: the "
        "two count as one origin."
    )
    may_republish = serializers.CharField(
        help_text="Whose text this source's excerpt may repeat, or empty: its excerpt shares a passage of 12 "
        "or more words with that source's, but one of their documents was not recorded, so it is not shown "
        "to print its words. The two still count as one origin (never a second one); `republishes` is then "
        "empty."
    )
    reliability = serializers.ChoiceField(
        choices=Source.Reliability.choices, help_text="Admiralty grade A–F."
    )
    reported_at = serializers.DateTimeField()
    history = _FigureHistoryEntry(
        many=True, help_text="Every figure this source gave, oldest first, latest last."
    )


class _Conservative(serializers.Serializer):
    value = serializers.IntegerField(
        help_text="The lowest figure from a source that is not a party (nor shown to republish a party's "
        "words)."
    )
    figure = serializers.CharField()
    source = serializers.CharField()
    claim = serializers.IntegerField()
    may_repeat = serializers.CharField(
        help_text="Whose words the source's excerpt may repeat (a passage in common, a document not "
        "recorded), or empty: its figure is still the lowest independent one, but adds no independent origin."
    )


class _Range(serializers.Serializer):
    low = serializers.IntegerField()
    high = serializers.IntegerField()


class FigureSummarySerializer(serializers.Serializer):
    """One counted subject of the event: every source's figure side by side, never averaged."""

    subject = serializers.CharField(
        help_text='Canonical counted subject (synonyms merged), e.g. "militants killed".'
    )
    subject_display = serializers.CharField(help_text="As the latest report worded it.")
    running_total = serializers.BooleanField(
        help_text='These are running totals ("since the flooding began"), set apart from the same day\'s '
        "counts of the subject, which are another summary: never one range."
    )
    rows = FigureRowSerializer(many=True)
    conservative = _Conservative(
        allow_null=True, help_text="Null while only parties to the conflict have given a figure."
    )
    full_range = _Range(help_text="Lowest and highest of the sources' latest figures.")
    agreeing_independent_origins = serializers.IntegerField(
        help_text="Independent origins whose latest figure agrees with the conservative one (parties on one "
        "side count once, and so do sources printing one text word for word)."
    )
    agreeing_origin_names = serializers.ListField(child=serializers.CharField())


FIGURES_EXAMPLE = OpenApiExample(
    "The Friday airstrikes",
    value=[
        {
            "subject": "militants killed",
            "subject_display": "insurgents killed",
            "running_total": False,
            "rows": [
                {
                    "source": {"id": 3, "name": "Syrian Observatory for Human Rights", "slug": "sohr"},
                    "claim": 2,
                    "figure": "20",
                    "value_low": 20,
                    "value_high": 20,
                    "qualifier": "exact",
                    "form": "statement",
                    "is_party": False,
                    "side": "",
                    "republishes": "",
                    "may_republish": "",
                    "reliability": "B",
                    "reported_at": "2024-11-30T14:00:00Z",
                    "history": [{"claim": 2, "figure": "20", "reported_at": "2024-11-30T14:00:00Z"}],
                }
            ],
            "conservative": {
                "value": 20,
                "figure": "20",
                "source": "Syrian Observatory for Human Rights",
                "claim": 2,
                "may_repeat": "",
            },
            "full_range": {"low": 20, "high": 200},
            "agreeing_independent_origins": 1,
            "agreeing_origin_names": ["Syrian Observatory for Human Rights"],
        }
    ],
    response_only=True,
)


@extend_schema(
    summary="The event's figure summary",
    description="For each counted subject: one row per source with its latest figure, attribution form, "
    "party or not, reliability grade and time, with its figure history; the conservative figure (the "
    "lowest from a source that is not a party, ACLED practice), the full range, and how many independent "
    "origins agree. Never an average. See docs/detection.md.",
    responses={200: FigureSummarySerializer(many=True)},
    examples=[FIGURES_EXAMPLE],
)
class EventFiguresView(APIView):
    permission_classes = [RolePermission]
    required_permissions = {"get": ["claims.view_event", "claims.view_claim"]}

    def get(self, request, pk: int):
        event = get_object_or_404(Event, pk=pk)
        summaries = event_figure_summaries(event=event)
        return Response(FigureSummarySerializer([summary.as_dict() for summary in summaries], many=True).data)
