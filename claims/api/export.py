"""Bulk export of claims with their sources and attributions, as CSV or JSON.

Both are streamed: the claims are read with `.iterator(chunk_size=...)`, so
Django fetches EXPORT_CHUNK_SIZE claims at a time (and their attributions in
one prefetch query per chunk) and memory holds one chunk, whether the table
has a hundred claims or a hundred thousand.

Both end with a trailer line (docs/api.md, "Bulk export"): the number of
claims and rows written and the SHA-256 of every byte before the trailer. A
stream cut short (a worker killed by its timeout, a dropped connection) has
already answered 200, so the only way a client can tell is that the trailer
is missing or does not match; `export_verify` is that check. The same stream
writes the files of background exports (exports/services.py).
"""

import csv
import hashlib
import json
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.conf import settings
from django.http import StreamingHttpResponse
from django.utils import timezone
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import APIException, ValidationError
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from claims import selectors
from claims.models import Claim
from core.api import OutputSerializer, RolePermission
from core.bidi import strip_bidi_controls
from core.read_replica import iterate_from_replica
from sources.api.serializers import SourceBriefSerializer

from .filters import CLAIM_SEARCH_FIELDS, ClaimFilter, ClaimSearchFilter
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
    return "'" + text if _reads_as_formula(text) else text


def _reads_as_formula(text: str) -> bool:
    """Whether a spreadsheet may take `text` for a formula: it starts with one
    of FORMULA_STARTS, or does once the white space and invisible characters
    before it are dropped (a spreadsheet that trims cells on import reads
    " =1+1" as a formula) or its first character is folded to ASCII (the
    full-width "＝" of an East Asian keyboard)."""
    if text.startswith(FORMULA_STARTS):
        return True
    for character in text:
        if character.isspace() or unicodedata.category(character) in ("Cf", "Cc"):
            continue
        return unicodedata.normalize("NFKC", character).startswith(FORMULA_STARTS)
    return False


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


class ExportTrailerSerializer(serializers.Serializer):
    claims = serializers.IntegerField(help_text="Claims written.")
    rows = serializers.IntegerField(help_text="Rows written (CSV: one per attribution; JSON: one per claim).")
    sha256 = serializers.CharField(help_text="SHA-256 of every byte of the file before the trailer line.")


class ExportJsonSerializer(serializers.Serializer):
    """The JSON export's shape, for the schema only (the stream is built by hand)."""

    claims = ExportClaimSerializer(many=True)
    trailer = ExportTrailerSerializer()


class _Echo:
    """csv.writer writes into this and gets the line back to yield."""

    def write(self, value: str) -> str:
        return value


@dataclass
class ExportTally:
    """What a stream has written so far: the trailer's figures."""

    claims: int = 0
    rows: int = 0


def csv_rows(claims, tally: ExportTally | None = None) -> Iterator[str]:
    tally = ExportTally() if tally is None else tally
    writer = csv.writer(_Echo())
    yield writer.writerow(CSV_COLUMNS)
    for claim in claims:
        tally.claims += 1
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
        tally.rows += max(len(attributions), 1)
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


def json_lines(claims, tally: ExportTally | None = None) -> Iterator[str]:
    """`{"claims": [` then one claim per line, then the closing `],`; the
    trailer (export_stream) completes the object with `"trailer": {...}}`."""
    tally = ExportTally() if tally is None else tally
    yield '{"claims":[\n'
    for claim in claims:
        text = json.dumps(export_claim(claim), ensure_ascii=False)
        yield text if tally.claims == 0 else ",\n" + text
        tally.claims += 1
        tally.rows += 1
    yield "\n],\n"


# The last line of every export. CSV: `#claimtrack-export-end,claims=N,rows=M,sha256=HEX`;
# JSON: `"trailer":{"claims":N,"rows":M,"sha256":"HEX"}}`. The hash covers
# every byte before this line.
CSV_TRAILER_MARK = "#claimtrack-export-end"
_CSV_TRAILER = re.compile(rb"^#claimtrack-export-end,claims=(\d+),rows=(\d+),sha256=([0-9a-f]{64})$")
_JSON_TRAILER = re.compile(rb'^"trailer":(\{"claims":\d+,"rows":\d+,"sha256":"[0-9a-f]{64}"\})\}$')


def _trailer_line(export_format: str, tally: ExportTally, sha256: str) -> str:
    if export_format == "csv":
        return f"{CSV_TRAILER_MARK},claims={tally.claims},rows={tally.rows},sha256={sha256}\r\n"
    trailer = {"claims": tally.claims, "rows": tally.rows, "sha256": sha256}
    return '"trailer":' + json.dumps(trailer, separators=(",", ":")) + "}\n"


def export_stream(
    claims, export_format: str, *, on_progress: Callable[[ExportTally], None] | None = None
) -> Iterator[bytes]:
    """The whole export as UTF-8 pieces of about STREAM_PIECE_SIZE bytes, the
    trailer last. `on_progress` is called after each piece (background exports
    record their progress with it)."""
    tally = ExportTally()
    lines = csv_rows(claims, tally) if export_format == "csv" else json_lines(claims, tally)
    digest = hashlib.sha256()
    for piece in _in_pieces(lines):
        data = piece.encode("utf-8")
        digest.update(data)
        yield data
        if on_progress is not None:
            on_progress(tally)
    yield _trailer_line(export_format, tally, digest.hexdigest()).encode("utf-8")


class IncompleteExport(ValueError):
    """The export lacks its trailer or does not match it: it was cut short or altered."""


def export_verify(data: bytes) -> dict:
    """Check a downloaded export against its trailer; return the trailer's
    figures ({"claims", "rows", "sha256"}) or raise IncompleteExport. Clients
    in other languages do the same (docs/api.md shows it in Python)."""
    if not data.endswith(b"\n"):
        raise IncompleteExport("The export does not end with a complete line: it was cut short.")
    body, _, last = data[:-1].rstrip(b"\r").rpartition(b"\n")
    figures = export_trailer_figures(last)
    if hashlib.sha256(body + b"\n").hexdigest() != figures["sha256"]:
        raise IncompleteExport("The export does not match its trailer's checksum.")
    return figures


def export_trailer_figures(line: bytes) -> dict:
    """{"claims", "rows", "sha256"} from a trailer line; IncompleteExport if it is not one."""
    line = line.rstrip(b"\r\n")
    if match := _CSV_TRAILER.match(line):
        return {"claims": int(match[1]), "rows": int(match[2]), "sha256": match[3].decode()}
    if match := _JSON_TRAILER.match(line):
        return json.loads(match[1])
    raise IncompleteExport("The export has no trailer: it was cut short.")


class ExportTooLarge(APIException):
    status_code = 400
    default_code = "export_too_large"


class _ClaimExportView(APIView):
    permission_classes = [RolePermission]
    # The claim list's filters and its `search`: the claim list page's export
    # buttons carry its search box as `search` (claims.templatetags), and an
    # export that dropped it sent every claim instead of the ones found.
    filter_backends = [DjangoFilterBackend, ClaimSearchFilter]
    filterset_class = ClaimFilter
    search_fields = CLAIM_SEARCH_FIELDS
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
        # A misspelt filter (`?stauts=disputed`) or a list's paging
        # (`?page_size=5`) filtered nothing, and the file held every claim
        # (the third outside attack): refused, as on the paged lists.
        taken = set(ClaimFilter.base_filters) | {"search", api_settings.URL_FORMAT_OVERRIDE}
        unknown = sorted(set(self.request.query_params) - taken)
        if unknown:
            listed = ", ".join(sorted(taken))
            raise ValidationError(
                {name: [f"Not a parameter of the export. It takes: {listed}."] for name in unknown}
            )
        queryset = selectors.claims_for_export()
        for backend in self.filter_backends:
            queryset = backend().filter_queryset(self.request, queryset, self)
        # A synchronous export holds a web worker while it streams and must
        # finish well inside the proxy's read timeout; past the limit, a
        # background export does it.
        limit = settings.EXPORT_SYNC_MAX_CLAIMS
        if queryset.order_by()[: limit + 1].count() > limit:
            raise ExportTooLarge(
                f"More than {limit:,} claims match: too many to stream in one request. Narrow the "
                "filters (for example updated_since) or start a background export with "
                "POST /api/v1/exports/."
            )
        return queryset.iterator(chunk_size=EXPORT_CHUNK_SIZE)

    def filename(self, extension: str) -> str:
        return f"claims-{timezone.now():%Y%m%d-%H%M%S}.{extension}"


EXPORT_DESCRIPTION = (
    "Streamed. Takes the same filters as the claim list (e.g. `?updated_since=` for the changes since "
    "the last export). At most EXPORT_SYNC_MAX_CLAIMS claims (10,000 by default; more is refused with "
    "400 `export_too_large`): larger exports run in the background (`POST /api/v1/exports/`). The last "
    "line is a trailer with the number of claims and rows and the SHA-256 of every byte before it: a "
    "file without a matching trailer was cut short (docs/api.md)."
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
                        + "\r\n12,The ministry said its strikes killed 200 militants.,...\r\n"
                        + CSV_TRAILER_MARK
                        + ",claims=1,rows=1,sha256=9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                        response_only=True,
                    )
                ],
            )
        },
    )
    def get(self, request):
        claims = self.claims()
        response = StreamingHttpResponse(
            iterate_from_replica(export_stream(claims, "csv")), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{self.filename("csv")}"'
        return response


class ClaimExportJsonView(_ClaimExportView):
    @extend_schema(
        summary="Export claims with sources and attributions as JSON",
        description=EXPORT_DESCRIPTION + " An object: `claims`, the claims each with its attributions, then "
        "`trailer`.",
        responses={200: ExportJsonSerializer},
    )
    def get(self, request):
        claims = self.claims()
        response = StreamingHttpResponse(
            iterate_from_replica(export_stream(claims, "json")), content_type="application/json"
        )
        response["Content-Disposition"] = f'attachment; filename="{self.filename("json")}"'
        return response
