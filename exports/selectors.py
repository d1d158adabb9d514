"""Reads of background exports."""

from django.db.models import QuerySet

from .models import ClaimExport


def exports_for_user(user) -> QuerySet[ClaimExport]:
    """The exports a person asked for, newest first (each sees only their own)."""
    return ClaimExport.objects.filter(requested_by=user).order_by("-created_at", "-id")


def export_for_user(*, user, export_id: int) -> ClaimExport:
    return exports_for_user(user).get(pk=export_id)
