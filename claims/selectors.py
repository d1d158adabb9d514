"""Reads of events, claims, attributions, relations, flags and history that
need more than one line of ORM. `select_related`/`prefetch_related` are decided
here, once, so every list costs a fixed number of queries whatever its length."""

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from .models import Attribution, AuditEntry, Claim, ClaimRelation, ConflictFlag, Event


def event_list() -> QuerySet[Event]:
    return Event.objects.annotate(claim_count=Count("claims"))


def _active_flag_count_subquery(field: str) -> Subquery:
    counts = (
        ConflictFlag.objects.filter(**{field: OuterRef("pk")}, status__in=ConflictFlag.ACTIVE_STATUSES)
        .order_by()
        .values(field)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), Value(0))


def claims_with_open_flag_count(queryset: QuerySet[Claim] | None = None) -> QuerySet[Claim]:
    """Annotate `open_flag_count`: flags on the claim still waiting for a
    decision (open or acknowledged). Two subqueries, not joins, so the count
    is not multiplied by the claim's attributions."""
    queryset = Claim.objects.all() if queryset is None else queryset
    return queryset.annotate(
        open_flag_count=_active_flag_count_subquery("claim_a") + _active_flag_count_subquery("claim_b")
    )


def attributions_with_sources() -> QuerySet[Attribution]:
    return Attribution.objects.select_related("source", "document", "relayed_by")


def claim_list_for_api() -> QuerySet[Claim]:
    """Claims with their event, attributions (with sources and documents),
    relations both ways and the count of flags awaiting a decision."""
    return claims_with_open_flag_count(
        Claim.objects.select_related("event", "created_by").prefetch_related(
            Prefetch("attributions", queryset=attributions_with_sources()),
            Prefetch("relations_from", queryset=ClaimRelation.objects.order_by("id")),
            Prefetch("relations_to", queryset=ClaimRelation.objects.order_by("id")),
        )
    )


def attribution_list() -> QuerySet[Attribution]:
    return attributions_with_sources().select_related("created_by")


def relation_list() -> QuerySet[ClaimRelation]:
    return ClaimRelation.objects.select_related("created_by")


def flag_list() -> QuerySet[ConflictFlag]:
    return ConflictFlag.objects.select_related("claim_a", "claim_b", "assignee", "resolved_by")


def flags_for_claim(claim_id: int) -> QuerySet[ConflictFlag]:
    return flag_list().filter(Q(claim_a_id=claim_id) | Q(claim_b_id=claim_id))


def claim_history(claim_id: int) -> QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(claim_id=claim_id).select_related("actor")


def flag_history(flag_id: int) -> QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(flag_id=flag_id).select_related("actor")


def claims_for_export() -> QuerySet[Claim]:
    """Claims for the bulk export, meant to be read with
    `.iterator(chunk_size=...)`: Django then runs the prefetches once per
    chunk, so memory holds one chunk, not the whole table."""
    return (
        Claim.objects.select_related("event")
        .prefetch_related(
            Prefetch("attributions", queryset=attributions_with_sources()),
        )
        .order_by("id")
    )
