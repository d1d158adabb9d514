"""Bulk export of claims with their sources and attributions, as CSV or JSON.

Both are streamed: the claims are read with `.iterator(chunk_size=...)`, so
Django fetches EXPORT_CHUNK_SIZE claims at a time (and their attributions in
one prefetch query per chunk) and memory holds one chunk, whether the table
has a hundred claims or a hundred thousand.
"""

import csv
import json
from collections.abc import Iterator

from django.http import StreamingHttpResponse
from django.utils import timezone
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.views import APIView

from claims import selectors
from claims.models import Claim
from core.api import OutputSerializer, RolePermission
from core.bidi import strip_bidi_controls
from sources.api.serializers import SourceBriefSerializer

from .filters import ClaimFilter
from .serializers import AttributionOutputSerializer, DocumentBriefSerializer

# 1,000 claims per database round trip: big enough that the prefetch query per
# chunk is cheap relative to the rows, small enough to keep memory flat.
EXPORT_CHUNK_SIZE = 1000

CSV_COLUMNS = [
    "claim_id",
    "claim_text",
    "kind",
    "status",
    "credibility",
    "event_id",
    "event_title",
    "quantity_subject",
    "value_low",
    "value_high",
    "qualifier",
    "place",
    "occurred_on",
    "claim_created_at",
    "claim_updated_at",
    "attribution_id",
    "source_id",
    "source_name",
    "source_kind",
    "source_affiliation",
    "source_side",
    "source_reliability",
    "form",
    "reporting_verb",
    "excerpt",
    "document_id",
    "document_title",
    "document_url",
    "document_published_at",
    "relayed_by",
]

# A cell starting with one of these is a formula to a spreadsheet; a leading
# apostrophe keeps a hostile claim text from running when an editor opens the file.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    # Directional controls (U+202E and kin) would reorder a spreadsheet cell's
    # figures on screen; a data file has no use for them (core/bidi.py).
    text = strip_bidi_controls(str(value))
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class ExportAttributionSerializer(AttributionOutputSerializer):
    source = SourceBriefSerializer(read_only=True)
    document = DocumentBriefSerializer(read_only=True, allow_null=True)

    class Meta(AttributionOutputSerializer.Meta):
        fields = [f for f in AttributionOutputSerializer.Meta.fields if f != "claim"]
        read_only_fields = fields


class ExportClaimSerializer(OutputSerializer):
    event_title = serializers.CharField(source="event.title", read_only=True, allow_null=True, default=None)
    attributions = ExportAttributionSerializer(many=True, read_only=True)
    qualifier = serializers.ChoiceField(choices=Claim.Qualifier.choices, allow_blank=True, read_only=True)

    class Meta:
        model = Claim
        fields = [
            "id",
            "text",
            "kind",
            "status",
            "credibility",
            "event",
            "event_title",
            "quantity_subject",
            "value_low",
            "value_high",
            "qualifier",
            "place",
            "occurred_on",
            "created_at",
            "updated_at",
            "attributions",
        ]
        read_only_fields = fields


class _Echo:
    """csv.writer writes into this and gets the line back to yield."""

    def write(self, value: str) -> str:
        return value


def csv_rows(claims) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield writer.writerow(CSV_COLUMNS)
    for claim in claims:
        claim_cells = [
            claim.pk,
            claim.text,
            claim.kind,
            claim.status,
            claim.credibility,
            claim.event_id,
            claim.event.title if claim.event_id else None,
            claim.quantity_subject,
            claim.value_low,
            claim.value_high,
            claim.qualifier,
            claim.place,
            claim.occurred_on,
            claim.created_at,
            claim.updated_at,
        ]
        attributions = list(claim.attributions.all())
        if not attributions:
            yield writer.writerow(
                [_cell(v) for v in claim_cells] + [""] * (len(CSV_COLUMNS) - len(claim_cells))
            )
        for a in attributions:
            document = a.document
            yield writer.writerow(
                [_cell(v) for v in claim_cells]
                + [
                    _cell(v)
                    for v in (
                        a.pk,
                        a.source_id,
                        a.source.name,
                        a.source.kind,
                        a.source.affiliation,
                        a.source.side,
                        a.source.reliability,
                        a.form,
                        a.reporting_verb,
                        a.excerpt,
                        a.document_id,
                        document.title if document else None,
                        document.url if document else None,
                        document.published_at if document else None,
                        a.relayed_by.name if a.relayed_by_id else None,
                    )
                ]
            )


def _datetime(value) -> str | None:
    """As DRF's DateTimeField writes it (UTC as "Z"), so the stream matches the schema."""
    if value is None:
        return None
    text = value.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def _source_brief(source) -> dict | None:
    if source is None:
        return None
    return {
        "id": source.pk,
        "slug": source.slug,
        "name": source.name,
        "kind": source.kind,
        "affiliation": source.affiliation,
        "side": source.side,
        "reliability": source.reliability,
    }


def export_claim(claim: Claim) -> dict:
    """One claim of the JSON export: the same dict as ExportClaimSerializer
    (tests/api/test_export.py checks they agree), built directly because the
    serializer machinery costs ten times as much per claim at 100,000 claims."""
    return {
        "id": claim.pk,
        "text": claim.text,
        "kind": claim.kind,
        "status": claim.status,
        "credibility": claim.credibility,
        "event": claim.event_id,
        "event_title": claim.event.title if claim.event_id else None,
        "quantity_subject": claim.quantity_subject,
        "value_low": claim.value_low,
        "value_high": claim.value_high,
        "qualifier": claim.qualifier,
        "place": claim.place,
        "occurred_on": claim.occurred_on.isoformat() if claim.occurred_on else None,
        "created_at": _datetime(claim.created_at),
        "updated_at": _datetime(claim.updated_at),
        "attributions": [
            {
                "id": a.pk,
                "source": _source_brief(a.source),
                "document": (
                    {
                        "id": a.document.pk,
                        "title": a.document.title,
                        "url": a.document.url,
                        "published_at": _datetime(a.document.published_at),
                    }
                    if a.document_id
                    else None
                ),
                "excerpt": a.excerpt,
                "excerpt_start": a.excerpt_start,
                "excerpt_end": a.excerpt_end,
                "form": a.form,
                "reporting_verb": a.reporting_verb,
                "relayed_by": _source_brief(a.relayed_by) if a.relayed_by_id else None,
                "created_at": _datetime(a.created_at),
                "updated_at": _datetime(a.updated_at),
            }
            for a in claim.attributions.all()
        ],
    }


# Lines are gathered into pieces of about this many characters before being
# sent, rather than one tiny write per claim or per CSV row.
STREAM_PIECE_SIZE = 64 * 1024


def _in_pieces(lines: Iterator[str]) -> Iterator[str]:
    piece, size = [], 0
    for line in lines:
        piece.append(line)
        size += len(line)
        if size >= STREAM_PIECE_SIZE:
            yield "".join(piece)
            piece, size = [], 0
    if piece:
        yield "".join(piece)


def json_chunks(claims) -> Iterator[str]:
    def lines():
        yield "["
        first = True
        for claim in claims:
            text = json.dumps(export_claim(claim), ensure_ascii=False)
            yield text if first else "," + text
            first = False
        yield "]\n"

    return _in_pieces(lines())


class _ClaimExportView(APIView):
    permission_classes = [RolePermission]
    filter_backends = [DjangoFilterBackend]
    filterset_class = ClaimFilter
    queryset = Claim.objects.none()  # tells the schema (and django-filter) the model
    required_permissions = {
        method: ["claims.view_claim", "claims.view_attribution", "sources.view_source"]
        for method in ("get", "head")
    }

    def perform_content_negotiation(self, request, force=False):
        # The export ignores Accept: its body is always the format its URL
        # names, and errors are always the JSON error body.
        return super().perform_content_negotiation(request, force=True)

    def claims(self):
        queryset = selectors.claims_for_export()
        queryset = DjangoFilterBackend().filter_queryset(self.request, queryset, self)
        return queryset.iterator(chunk_size=EXPORT_CHUNK_SIZE)

    def filename(self, extension: str) -> str:
        return f"claims-{timezone.now():%Y%m%d-%H%M%S}.{extension}"


EXPORT_DESCRIPTION = (
    "Streamed, so any number of claims can be exported. Takes the same filters as the claim list "
    "(e.g. `?updated_since=` for the changes since the last export)."
)


class ClaimExportCsvView(_ClaimExportView):
    @extend_schema(
        summary="Export claims with sources and attributions as CSV",
        description=EXPORT_DESCRIPTION + " One row per attribution; a claim without any has one row "
        "with empty source columns. Cells that a spreadsheet would read as formulas start with an apostrophe.",
        responses={
            (200, "text/csv"): OpenApiResponse(
                response=OpenApiTypes.STR,
                examples=[
                    OpenApiExample(
                        "CSV",
                        value=",".join(CSV_COLUMNS)
                        + "\r\n12,The ministry said its strikes killed 200 militants.,...",
                        response_only=True,
                    )
                ],
            )
        },
    )
    def get(self, request):
        claims = self.claims()
        response = StreamingHttpResponse(_in_pieces(csv_rows(claims)), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.filename("csv")}"'
        return response


class ClaimExportJsonView(_ClaimExportView):
    @extend_schema(
        summary="Export claims with sources and attributions as JSON",
        description=EXPORT_DESCRIPTION + " A JSON array of claims, each with its attributions.",
        responses={200: ExportClaimSerializer(many=True)},
    )
    def get(self, request):
        claims = self.claims()
        response = StreamingHttpResponse(json_chunks(claims), content_type="application/json")
        response["Content-Disposition"] = f'attachment; filename="{self.filename("json")}"'
        return response
