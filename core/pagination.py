"""Pagination of every API list. Kept apart from core.api because DRF imports
it while defining its generic views."""

from rest_framework import pagination
from rest_framework.exceptions import ValidationError


class PageNumberPagination(pagination.PageNumberPagination):
    """`?page=2&page_size=100`; 50 by default, at most 200 per page.

    A `page_size` that is not a whole number from 1 up is a 400 naming it, as
    the schema says (DRF alone silently used the default, issue 13); above 200
    it is capped at 200.
    """

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200

    def get_page_size(self, request):
        values = request.query_params.getlist(self.page_size_query_param)
        if not values:
            return self.page_size
        value = values[-1]
        # Checked as text: int() refuses strings over 4,300 digits.
        if len(values) > 1 or not (value.isascii() and value.isdigit()) or not value.strip("0"):
            raise ValidationError(
                {self.page_size_query_param: ["Give a whole number from 1 up (at most 200 are used)."]}
            )
        return self.max_page_size if len(value) > 6 else min(int(value), self.max_page_size)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 1}
            elif parameter["name"] == self.page_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 1}
        return parameters
