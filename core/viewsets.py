"""Base of the API's resource views."""

from rest_framework import mixins, status, viewsets
from rest_framework.response import Response

from core.api import RolePermission


class ServiceViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """List and retrieve from a selector; writes are spelled out per view."""

    permission_classes = [RolePermission]
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    lookup_value_regex = "[0-9]+"

    def filter_queryset(self, queryset):
        # One row by id with no query string: the list's filters, search and
        # ordering cannot change the answer, and building the filter set is a
        # good part of a detail view's time. With a query string they apply as before.
        if self.action == "retrieve" and not self.request.query_params:
            return queryset
        return super().filter_queryset(queryset)

    def render(self, pk: int, *, status_code: int = status.HTTP_200_OK) -> Response:
        instance = self.get_queryset().get(pk=pk)
        return Response(self.get_serializer(instance).data, status=status_code)

    def validated(self, serializer_class, *, partial: bool = False) -> dict:
        serializer = serializer_class(
            data=self.request.data, partial=partial, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data
