"""The signed-in user's digest preferences over the API:
GET, PUT (every field) and PATCH (some fields) /api/v1/me/digest-preferences/.

Like every editable record (docs/api.md), the answer carries an ETag once the
settings were saved, and a PUT or PATCH with If-Match, or with a body whose
`updated_at` is not the stored one, is refused with 412 when they changed since
(another tab, the settings page, the unsubscribe link)."""

from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import permissions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api_input import InputSerializer, record_context
from core.lost_updates import StaleEdit, record_etag_of
from core.viewsets import current_version, if_match_check

from .models import Section, section_field
from .selectors import digest_preference_for
from .services import digest_preference_update


class DigestPreferenceInputSerializer(InputSerializer):
    subscribed = serializers.BooleanField(help_text="Receive the weekly digest email.")
    skip_empty_weeks = serializers.BooleanField(
        help_text="Send nothing in a week with no new claims, conflicts or resolutions."
    )
    sections = serializers.ListField(
        child=serializers.ChoiceField(choices=Section.choices),
        allow_empty=True,
        help_text="The sections to include, any of: " + ", ".join(Section.values) + ".",
    )

    def to_service_changes(self) -> dict[str, bool]:
        data = dict(self.validated_data)
        changes = {name: data[name] for name in ("subscribed", "skip_empty_weeks") if name in data}
        if "sections" in data:
            chosen = set(data["sections"])
            changes.update({section_field(section): section.value in chosen for section in Section})
        return changes


class DigestPreferenceOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField(allow_null=True, help_text="Null until the settings are first saved.")
    subscribed = serializers.BooleanField()
    skip_empty_weeks = serializers.BooleanField()
    sections = serializers.ListField(child=serializers.ChoiceField(choices=Section.choices))
    unsubscribed_at = serializers.DateTimeField(allow_null=True)
    updated_at = serializers.DateTimeField(
        allow_null=True, help_text="When the settings last changed; null until first saved."
    )

    changed_through = {"unsubscribed_at": "subscribed (false unsubscribes and sets it)"}


PREFERENCES_EXAMPLE = OpenApiExample(
    "A reader who wants only the open conflicts and their own flags",
    value={
        "subscribed": True,
        "skip_empty_weeks": True,
        "sections": ["open_conflicts", "my_flags"],
    },
)


class DigestPreferenceApi(APIView):
    """Your own weekly digest settings. Everyone signed in manages only their own."""

    permission_classes = [permissions.IsAuthenticated]

    def _respond(self, preference) -> Response:
        response = Response(DigestPreferenceOutputSerializer(preference).data)
        etag = record_etag_of(preference) if preference.pk else None
        if etag:
            response["ETag"] = etag
        return response

    def handle_exception(self, exc):
        if isinstance(exc, StaleEdit):
            # The settings as they are now and their ETag, so the script can redo its change on them.
            now = current_version(
                DigestPreferenceOutputSerializer(digest_preference_for(self.request.user)).data
            )
            if exc.current is None:
                exc.current = now
            elif now is not None:
                exc.current["etag"] = now["etag"]
        return super().handle_exception(exc)

    @extend_schema(
        summary="Your digest settings",
        description="Whether you get the weekly digest email, and which sections it carries.",
        responses=DigestPreferenceOutputSerializer,
        tags=["digests"],
    )
    def get(self, request):
        return self._respond(digest_preference_for(request.user))

    @extend_schema(
        summary="Replace your digest settings",
        description="Every field is required. An empty `sections` list keeps the email to one summary line.",
        request=DigestPreferenceInputSerializer,
        responses=DigestPreferenceOutputSerializer,
        examples=[PREFERENCES_EXAMPLE],
        tags=["digests"],
    )
    def put(self, request):
        return self._update(request, partial=False)

    @extend_schema(
        summary="Change some of your digest settings",
        description='Send only the fields to change, e.g. `{"subscribed": false}` to stop the email.',
        request=DigestPreferenceInputSerializer,
        responses=DigestPreferenceOutputSerializer,
        examples=[OpenApiExample("Stop the weekly email", value={"subscribed": False})],
        tags=["digests"],
    )
    def patch(self, request):
        return self._update(request, partial=True)

    def _update(self, request, *, partial: bool) -> Response:
        preference = digest_preference_for(request.user)
        check = if_match_check(request)
        if check is not None and preference.pk:
            # Early, for a quick 412 before the body is read; the service checks again under its lock.
            check.check(preference)
        # PUT back what GET answered keeps working: its read-only fields are let through unchanged,
        # and a stale `updated_at` in the body is a 412 (core.api_input).
        context = record_context(DigestPreferenceOutputSerializer, preference)
        serializer = DigestPreferenceInputSerializer(data=request.data, partial=partial, context=context)
        serializer.is_valid(raise_exception=True)
        saved = digest_preference_update(
            user=request.user, unchanged_since=check, **serializer.to_service_changes()
        )
        return self._respond(saved)
