"""The dispute queue's filters (the dashboard). With no status chosen the
queue shows what is still to do: disputes with an open or acknowledged pair.

Every filter is an EXISTS over the dispute's pairs, never a join, so the
counts the queue annotates (open pairs, worst severity) are not multiplied.
"""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q

from claims.filters import QueueFilterMixin, credited_source_filter, recent_event_filter
from claims.models import Attribution, ConflictFlag
from claims.selectors import users_who_can_triage

from .models import Dispute

OPEN, CLOSED, RESOLVED, DISMISSED, ALL = "open", "closed", "resolved", "dismissed", "all"


def _pairs(**conditions) -> Exists:
    return Exists(ConflictFlag.objects.filter(dispute_membership__dispute=OuterRef("pk"), **conditions))


def _pairs_where(condition: Q) -> Exists:
    return Exists(ConflictFlag.objects.filter(condition, dispute_membership__dispute=OuterRef("pk")))


def disputes_with_status(queryset, value: str):
    """The status filter; with no filter chosen at all, the queue is
    `disputes_with_status(queryset, DisputeFilter.default_status)`."""
    # A closed dispute counts as resolved when any of its pairs was
    # resolved (by the dispute or on its own), else as dismissed.
    if value == OPEN:
        return queryset.filter(is_open=True)
    if value == RESOLVED:
        return queryset.filter(is_open=False).filter(_pairs(status=ConflictFlag.Status.RESOLVED))
    if value == DISMISSED:
        return queryset.filter(is_open=False).exclude(_pairs(status=ConflictFlag.Status.RESOLVED))
    return queryset


class DisputeFilter(QueueFilterMixin, django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        choices=[
            (OPEN, "Open (a pair awaits a decision)"),
            (RESOLVED, "Resolved"),
            (DISMISSED, "Dismissed"),
            (ALL, "Any status"),
        ],
        method="filter_status",
        empty_label=None,
        label="Status",
    )
    topic = django_filters.ChoiceFilter(choices=Dispute.Topic.choices, label="Question", empty_label="Any")
    event = recent_event_filter()
    source = credited_source_filter()
    rule = django_filters.ChoiceFilter(choices=[], method="filter_rule", label="Rule", empty_label="Any rule")
    assignee = django_filters.ModelChoiceFilter(
        queryset=users_who_can_triage(), method="filter_assignee", label="Assignee", empty_label="Anyone"
    )
    mine = django_filters.BooleanFilter(
        method="filter_mine", label="Assigned to me", widget=forms.CheckboxInput
    )

    class Meta:
        model = Dispute
        fields = ["status", "topic", "event", "source", "rule", "assignee", "mine"]

    default_status = OPEN

    def filter_status(self, queryset, name, value):
        return disputes_with_status(queryset, value)

    def filter_source(self, queryset, name, value):
        credited = Q(
            Exists(Attribution.objects.filter(claim=OuterRef("claim_a"), source=value))
            | Exists(Attribution.objects.filter(claim=OuterRef("claim_b"), source=value))
        )
        return queryset.filter(_pairs_where(credited))

    def filter_rule(self, queryset, name, value):
        return queryset.filter(_pairs(rule=value))

    def filter_assignee(self, queryset, name, value):
        return queryset.filter(_pairs(assignee=value, status__in=ConflictFlag.ACTIVE_STATUSES))

    def filter_mine(self, queryset, name, value):
        if value and self.request is not None and self.request.user.is_authenticated:
            return queryset.filter(
                _pairs(assignee=self.request.user, status__in=ConflictFlag.ACTIVE_STATUSES)
            )
        return queryset
