"""What each entry of the queue (the dashboard) shows, as plain strings and
dicts, worked out once per entry in Python: the template's loop then only
looks keys up in dicts. Looking up model attributes and properties, applying
filters (severity_class, capfirst, pluralize, truncatechars, date, timesince,
join) and localizing numbers for some thousand variables a page was a third
of the dashboard's CPU.

Every value is escaped by the template as before: joining names with ", "
or "; " and escaping the whole is the same as escaping each and joining, as
the separators hold nothing to escape.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.template.defaultfilters import timesince_filter, truncatechars
from django.utils.safestring import SafeString
from django.utils.text import capfirst
from django.utils.timezone import template_localtime

from claims.models import ConflictFlag
from claims.templatetags.claimtrack import severity_class
from core.jinja_environment import render_rows
from core.url_cache import row_link_maker

from .dispute_selectors import DisputeView
from .models import Dispute

# get_severity_display() and get_status_display(), without rebuilding the
# choices' dict on every call (a tenth of this module's time).
_SEVERITY_LABELS = dict(ConflictFlag.Severity.choices)
_STATUS_LABELS = dict(ConflictFlag.Status.choices)


@dataclass(frozen=True)
class _Links:
    """The queue's links by kind, each route looked up once per page: some
    hundred links a page at 20-30 µs each through get_absolute_url."""

    claim: Callable[[int], str]
    flag: Callable[[int], str]
    dispute: Callable[[int], str]
    event: Callable[[int], str]

    @classmethod
    def for_this_request(cls) -> "_Links":
        return cls(
            claim=row_link_maker("claims:claim-detail"),
            flag=row_link_maker("claims:flag-detail"),
            dispute=row_link_maker("detection:dispute-detail"),
            event=row_link_maker("claims:event-detail"),
        )


def _pair(flag: ConflictFlag, links: _Links) -> dict:
    return {
        "pk": str(flag.pk),
        "url": links.flag(flag.pk),
        "severity": severity_class(flag.severity),
        "severity_label": str(_SEVERITY_LABELS.get(flag.severity, flag.severity)),
        "status": flag.status,
        "status_label": str(_STATUS_LABELS.get(flag.status, flag.status)),
        "explanation": flag.explanation,
    }


def _claims(view: DisputeView, links: _Links) -> list[dict]:
    names_party = view.dispute.topic == Dispute.Topic.RESPONSIBILITY
    return [
        {
            "pk": str(item.claim.pk),
            "url": links.claim(item.claim.pk),
            "figure": item.figure,
            "text": "" if item.figure else truncatechars(item.claim.text, 120),
            "names": (item.claim.responsible_party or "") if names_party else "",
            "sources": ", ".join(item.sources) or "no source credited",
        }
        for item in view.claims
    ]


def _figure(claim) -> str:
    return claim.figure_display if claim is not None else ""


def queue_entry(view: DisputeView, links: _Links | None = None) -> dict:
    """One entry of the queue, from its view (dispute_views_for or dispute_view)."""
    links = links or _Links.for_this_request()
    dispute = view.dispute
    severity = severity_class(dispute.worst)
    created = template_localtime(dispute.created_at)
    event = dispute.event
    return {
        "pk": str(dispute.pk),
        "url": links.dispute(dispute.pk),
        "title": dispute.title,
        "topic": dispute.topic,
        "severity": severity,
        "severity_label": capfirst(severity),
        "status": view.status,
        "status_label": capfirst(view.status),
        "open_pairs": str(dispute.open_pairs),
        "has_open_pairs": bool(dispute.open_pairs),
        "pair_count": str(dispute.pair_count),
        "pairs_plural": "" if dispute.pair_count == 1 else "s",
        "claims": _claims(view, links),
        "minor_gaps": "; ".join(
            f"{_figure(flag.claim_a)} / {_figure(flag.claim_b)}" for flag in view.minor_pairs
        ),
        "pairs": [_pair(flag, links) for flag in view.queue_pairs],
        "event_url": links.event(event.pk) if event is not None else "",
        "event_title": event.title if event is not None else "",
        # What the date filter's "c" gives.
        "created_iso": created.isoformat(),
        "created_since": timesince_filter(created),
        "assignees": ", ".join(view.assignees),
    }


def queue_entries(views: list[DisputeView]) -> list[dict]:
    links = _Links.for_this_request()
    return [queue_entry(view, links) for view in views]


def queue_entries_html(entries: list[dict]) -> SafeString:
    """The entries written out by detection/jinja2/detection/_queue_entries.html,
    escaped as Django escapes (core/jinja_environment.py)."""
    return render_rows("detection/_queue_entries.html", {"entries": entries})
