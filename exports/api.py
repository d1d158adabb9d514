"""Background exports over the API: ask for one, follow its progress, download
its file through a link that expires. Each person sees only their own."""

from django.http import FileResponse
from django.urls import reverse
from django.utils.http import urlencode
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import APIException, NotFound
from rest_framework.response import Response

from claims.api.filters import ClaimFilter
from core.api import RolePermission
from core.api_input import InputSerializer, StrictInputField, is_whole_number, record_context
from core.idempotency import IdempotentPosts

from . import services
from .models import ClaimExport
from .selectors import exports_for_user

EXPORT_PERMISSIONS = ["claims.view_claim", "claims.view_attribution", "sources.view_source"]


class DownloadLinkGone(APIException):
    status_code = 410
    default_code = "link_expired"
    default_detail = "This download link has expired or the file was deleted; get a new link from the export."


@extend_schema_field(
    {
        "oneOf": [
            {"type": "string"},
            {"type": "integer"},
            {"type": "boolean"},
            {"type": "array", "items": {"oneOf": [{"type": "string"}, {"type": "integer"}]}},
        ]
    }
)
class ExportFilterValueField(StrictInputField, serializers.JSONField):
    """One filter's value as the claim list's query string carries it: text, a
    whole number, true or false, or a list of texts or numbers (for the
    filters that take several values). An object, a decimal number or a null
    used to be turned into text and handed to the filter."""

    expected = "text, a whole number, true or false, or a list of texts"

    def takes(self, data) -> bool:
        if isinstance(data, list):
            return all(isinstance(item, str) or is_whole_number(item) for item in data)
        return isinstance(data, (str, bool)) or is_whole_number(data)


class ExportInputSerializer(InputSerializer):
    format = serializers.ChoiceField(choices=ClaimExport.Format.choices)
    filters = serializers.DictField(
        child=ExportFilterValueField(),
        required=False,
        default=dict,
        help_text='The claim list\'s filters, e.g. {"status": ["disputed"], "updated_since": '
        '"2026-11-25T00:00:00Z"}. Names: ' + ", ".join(ClaimFilter.base_filters) + ".",
    )


class ExportOutputSerializer(serializers.ModelSerializer):
    progress = serializers.FloatField(
        read_only=True, allow_null=True, help_text="0 to 1 while writing; null until the total is known."
    )
    download_url = serializers.SerializerMethodField(
        help_text="When ready: a link for the requester that works for EXPORT_LINK_SECONDS (1 hour by "
        "default). Ask for the export again for a fresh link."
    )

    class Meta:
        model = ClaimExport
        fields = [
            "id",
            "format",
            "filters",
            "status",
            "progress",
            "claims_total",
            "claims_written",
            "rows_written",
            "size_bytes",
            "sha256",
            "error",
            "download_url",
            "created_at",
            "started_at",
            "finished_at",
            "expires_at",
            "ready_seen_at",
        ]
        read_only_fields = fields

    def get_download_url(self, export: ClaimExport) -> str | None:
        request = self.context.get("request")
        if export.status != ClaimExport.Status.DONE or request is None:
            return None
        token = services.export_download_token(export=export, user=request.user)
        path = reverse("api:export-download", kwargs={"pk": export.pk})
        return request.build_absolute_uri(f"{path}?{urlencode({'token': token})}")


EXPORT_EXAMPLE = OpenApiExample(
    "A disputed-claims export",
    value={"format": "csv", "filters": {"status": ["disputed"]}},
    request_only=True,
)


class ClaimExportViewSet(
    IdempotentPosts, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Exports of any size, written by a background worker."""

    serializer_class = ExportOutputSerializer
    permission_classes = [RolePermission]
    filter_backends = []
    http_method_names = ["get", "post", "head", "options"]
    lookup_value_regex = "[0-9]+"
    queryset = ClaimExport.objects.none()  # for the schema; get_queryset gives the user's own
    required_permissions = {
        "list": EXPORT_PERMISSIONS,
        "retrieve": EXPORT_PERMISSIONS,
        "create": EXPORT_PERMISSIONS,
        "download": EXPORT_PERMISSIONS,
    }

    def perform_content_negotiation(self, request, force=False):
        # The file is the format it was written in, whatever Accept says.
        return super().perform_content_negotiation(request, force=force or self.action == "download")

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return exports_for_user(self.request.user)

    @extend_schema(summary="Your background exports, newest first")
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(summary="One background export: its progress and, when ready, its download link")
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)

    @extend_schema(
        summary="Start a background export of claims (CSV or JSON)",
        description="For exports too large to stream in one request. Answers 202 at once; follow the "
        "export at its URL until `status` is `done`, then fetch `download_url`. The file ends with the same "
        "trailer as the streamed export (docs/api.md).",
        request=ExportInputSerializer,
        responses={202: ExportOutputSerializer},
        examples=[EXPORT_EXAMPLE],
    )
    def create(self, request):
        data = ExportInputSerializer(
            data=request.data, context=record_context(ExportOutputSerializer, context={"request": request})
        )
        data.is_valid(raise_exception=True)
        export = services.export_request(
            user=request.user,
            export_format=data.validated_data["format"],
            filters=data.validated_data["filters"],
        )
        export.refresh_from_db()
        return Response(self.get_serializer(export).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(
        summary="Download a finished export's file",
        description="Only through the `download_url` of the export, by the person who asked for it, while "
        "the link has not expired (410 after). Headers X-Export-Claims, X-Export-Rows and X-Export-SHA256 "
        "repeat the trailer.",
        parameters=[OpenApiParameter("token", str, required=True, description="From download_url.")],
        responses={
            (200, "text/csv"): OpenApiResponse(response=OpenApiTypes.BINARY),
            (200, "application/json"): OpenApiResponse(response=OpenApiTypes.BINARY),
        },
        filters=False,
    )
    @action(detail=True, methods=["get"], pagination_class=None)
    def download(self, request, pk=None):
        export = self.get_object()
        if export.status != ClaimExport.Status.DONE:
            if export.status == ClaimExport.Status.EXPIRED:
                raise DownloadLinkGone()
            raise NotFound("This export has no file yet.")
        try:
            services.export_check_download_token(
                token=request.query_params.get("token", ""), export=export, user=request.user
            )
        except services.DownloadLinkExpired as error:
            raise DownloadLinkGone() from error
        except services.DownloadLinkInvalid as error:
            raise NotFound("This download link is not valid.") from error
        storage = services.export_storage()
        if not storage.exists(export.file_name):
            raise DownloadLinkGone()
        services.export_mark_seen(export_id=export.pk, user=request.user)
        response = FileResponse(
            storage.open(export.file_name, "rb"),
            as_attachment=True,
            filename=f"claims-{export.created_at:%Y%m%d-%H%M%S}.{export.format}",
            content_type="text/csv; charset=utf-8" if export.format == "csv" else "application/json",
        )
        response["X-Export-Claims"] = str(export.claims_written)
        response["X-Export-Rows"] = str(export.rows_written)
        response["X-Export-SHA256"] = export.sha256
        return response
