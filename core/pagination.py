"""Pagination of every API list. Kept apart from core.api because DRF imports
it while defining its generic views."""

from rest_framework import pagination


class PageNumberPagination(pagination.PageNumberPagination):
    """`?page=2&page_size=100`; 50 by default, at most 200 per page."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
