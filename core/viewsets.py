"""Base of the API's resource views."""

import re
from collections.abc import Mapping

from django.core.exceptions import ObjectDoesNotExist
from rest_framework import mixins, status, viewsets
from rest_framework.exceptions import MethodNotAllowed, ValidationError
from rest_framework.response import Response

from core.api import RolePermission
from core.api_input import record_context
from core.idempotency import IdempotentPosts
from core.lost_updates import IfMatch, StaleEdit, record_etag

# RFC 9110: `*`, or entity tags ("…" or W/"…") separated by commas.
_ENTITY_TAG = r'\s*(?:W/)?"[\x21\x23-\x7e]*"\s*'
IF_MATCH = re.compile(rf"\s*\*\s*|{_ENTITY_TAG}(?:,{_ENTITY_TAG})*")


def if_match_check(request) -> IfMatch | None:
    """The request's If-Match as a check to hand to an update or delete
    service, which makes it under the row lock (core/lost_updates.py); None
    without the header. A value that names no version is a 400."""
    wanted = request.headers.get("If-Match")
    if wanted is None:
        return None
    if not IF_MATCH.fullmatch(wanted):
        # A blank or unquoted value names no version: say so, rather than
        # a 412 that sends the script to read a record that did not change.
        raise ValidationError(
            {"If-Match": ['Give the ETag a GET answered, as sent (in double quotes, e.g. "5d0c…"), or *.']}
        )
    return IfMatch(wanted)


def current_version(data) -> dict | None:
    """A 412's `current`: the record as an answer renders it now, and its ETag."""
    if not isinstance(data, Mapping) or not isinstance(data.get("updated_at"), str) or "id" not in data:
        return None
    return {
        "etag": record_etag(data["id"], data["updated_at"]),
        "updated_at": data["updated_at"],
        "record": data,
    }


class ServiceViewSet(
    IdempotentPosts, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """List and retrieve from a selector; writes are spelled out per view.
    Every POST runs once per Idempotency-Key (core/idempotency.py)."""

    permission_classes = [RolePermission]
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    lookup_value_regex = "[0-9]+"
    # The row get_object() returned: the record a PATCH or DELETE changes.
    record = None

    def filter_queryset(self, queryset):
        # One row by id with no query string: the list's filters, search and
        # ordering cannot change the answer, and building the filter set is a
        # good part of a detail view's time. With a query string they apply as before.
        if self.action == "retrieve" and not self.request.query_params:
            return queryset
        return super().filter_queryset(queryset)

    # Optimistic concurrency for scripts (docs/api.md): a record's answer
    # carries an ETag; PATCH or DELETE with If-Match is refused with 412 when
    # the record changed since. Without If-Match, writes go through as before.
    def unchanged_since(self) -> IfMatch | None:
        """The If-Match check to hand to the update or delete service, which
        makes it under the row lock (core/lost_updates.py)."""
        if self.request.method not in ("PATCH", "DELETE"):
            return None
        return if_match_check(self.request)

    def get_object(self):
        record = super().get_object()
        check = self.unchanged_since()
        if check is not None:
            # Early, for a quick 412 before the body is read; the service checks again under its lock.
            check.check(record)
        self.record = record
        return record

    def http_method_not_allowed(self, request, *args, **kwargs):
        actions = self._record_actions()
        if request.method in ("PUT", "PATCH") and not hasattr(self, "partial_update") and actions:
            # A record changed only through its actions (a flag: resolve,
            # dismiss...): name them rather than a bare 405.
            raise MethodNotAllowed(
                request.method,
                detail=f"{request.method} is not offered here: this record changes only through its actions, "
                + ", ".join(f"POST {request.path.rstrip('/')}/{action}/" for action in actions)
                + ".",
            )
        if request.method == "PUT":
            # A script that read a record and sends it back whole reaches for
            # PUT: say what does that here instead of a bare 405.
            raise MethodNotAllowed(
                "PUT",
                detail="PUT is not offered: change a record with PATCH, sending the body read with GET "
                "(its updated_at included) with your changes, or only the fields you change with If-Match.",
            )
        return super().http_method_not_allowed(request, *args, **kwargs)

    def _record_actions(self) -> list[str]:
        """The url paths of the POST actions on one record (`/flags/{id}/resolve/`)."""
        if self.kwargs.get(self.lookup_url_kwarg or self.lookup_field) is None:
            return []
        return [
            action.url_path
            for action in self.get_extra_actions()
            if action.detail
            and "post" in action.mapping
            and "{" not in action.url_path
            and "(" not in action.url_path
        ]

    def handle_exception(self, exc):
        if isinstance(exc, StaleEdit) and exc.current is None:
            # If-Match named an old version: the answer carries the record as
            # it is now and its ETag, so the script can redo its change on it.
            exc.current = self._current_version()
        return super().handle_exception(exc)

    def _current_version(self) -> dict | None:
        record_id = self.kwargs.get(self.lookup_url_kwarg or self.lookup_field)
        try:
            instance = self.get_queryset().get(pk=record_id)
        except (ObjectDoesNotExist, ValueError, TypeError):
            return None  # deleted meanwhile
        return current_version(self.get_serializer(instance).data)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        data = getattr(response, "data", None)
        if (
            response.status_code in (200, 201)
            and self.action in ("retrieve", "create", "partial_update")
            and isinstance(data, dict)
            and "id" in data
            and isinstance(data.get("updated_at"), str)
        ):
            response["ETag"] = record_etag(data["id"], data["updated_at"])
        return response

    def render(self, pk: int, *, status_code: int = status.HTTP_200_OK) -> Response:
        instance = self.get_queryset().get(pk=pk)
        return Response(self.get_serializer(instance).data, status=status_code)

    def validated(self, serializer_class, *, partial: bool = False) -> dict:
        context = self.get_serializer_context()
        # A create or a change of the record itself tells the input serializer
        # the record's fields, so one of them sent is "read-only", not
        # "unknown" (and let through when sent back unchanged). An action
        # (/status/, /resolve/) takes only its own fields.
        if self.action == "create":
            context = record_context(self.get_serializer_class(), context=context)
        elif self.action == "partial_update":
            context = record_context(self.get_serializer_class(), self.record, context=context)
        serializer = serializer_class(data=self.request.data, partial=partial, context=context)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data
