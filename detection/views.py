"""Web UI for what detection offers editors: the queue of disputes (the
dashboard), one page per disputed question where an editor resolves or
dismisses it as a whole, and suggested event links and figure summaries shown
on the claim and event pages through page hooks."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_POST

from claims import selectors as claim_selectors
from claims.flag_actions import FlagAction, triage_row_actions
from claims.forms import add_service_errors
from claims.origins import corroboration_suggestion_rows
from core.exceptions import ConflictError
from core.short_cache import cached_briefly
from core.views import paginate, requires, service_errors

from .dispute_selectors import dispute_detail as dispute_detail_read
from .dispute_selectors import dispute_queue_entries, dispute_status_counts, dispute_view, dispute_views_for
from .dispute_services import dispute_dismiss, dispute_resolve
from .figure_summary import claim_figure_summary, figure_summaries_from_claims
from .filters import DisputeFilter, disputes_with_status
from .forms import DisputeDismissForm, DisputeResolveForm
from .models import Dispute, EventLinkSuggestion
from .queue_entries import queue_entries, queue_entries_html
from .selectors import event_link_suggestions_pending
from .services import event_link_accept, event_link_reject


@requires("claims.view_conflictflag")
def dashboard(request):
    """The queue: one entry per disputed question (detection's disputes), each
    with every disagreeing figure and source; the pairwise flags are inside."""
    status_counts = dispute_status_counts()
    if not request.GET:
        # The queue as opened: no filter chosen, so its filter box is the same
        # for everyone until its options (kept for LIST_CACHE_SECONDS,
        # core/short_cache.py) change; the box is kept with them, as the claim
        # list's is (building and rendering it was some 4 ms a page). Its
        # length is the open count shown above it, kept as long: counting the
        # open disputes again was the largest query at a million claims.
        dispute_filter = None
        queue = disputes_with_status(dispute_queue_entries(), DisputeFilter.default_status)
        filters_html = cached_briefly("dashboard-filters-html", lambda: _filters_html(request))
        known_count = status_counts["open"]
    else:
        dispute_filter = DisputeFilter(request.GET, queryset=dispute_queue_entries(), request=request)
        queue = dispute_filter.qs
        filters_html = None
        known_count = None
    disputes = paginate(request, queue, known_count=known_count)
    views = dispute_views_for(list(disputes))
    entries = queue_entries(views)
    claims_version = claim_selectors.claims_last_changed()
    return render(
        request,
        "claims/dashboard.html",
        {
            "filter": dispute_filter,
            "filters_html": filters_html,
            "disputes": disputes,
            "dispute_views": views,
            "entries": entries,
            "entries_html": queue_entries_html(entries),
            "status_counts": status_counts,
            # The side panels are the same for every reader, kept for
            # LIST_CACHE_SECONDS but only while no claim changes: a live
            # refresh after a new claim shows it (docs/performance.md).
            "newest_claims_html": cached_briefly(
                f"dashboard-newest-claims-html:{claims_version}", _newest_claims_html
            ),
            "corroboration_suggestions": corroboration_suggestion_rows(claims_version=claims_version),
            # The buttons static/js/triage.js adds to each open pair.
            "triage_actions": triage_row_actions(),
        },
    )


def _newest_claims_html() -> str:
    """The queue's "newest claims" panel; nothing in it depends on who reads it."""
    return render_to_string("claims/_newest_claims.html", {"newest_claims": claim_selectors.claims_newest()})


def _filters_html(request) -> str:
    """The queue's filter box with no filter chosen."""
    dispute_filter = DisputeFilter(request.GET, queryset=dispute_queue_entries(), request=request)
    return render_to_string(
        "claims/_filters.html",
        {"filter": dispute_filter, "label": "Filter the conflict queue"},
        request=request,
    )


def claim_page_suggestions(*, claim, **_page) -> dict:
    """The receiver of the claim_page hook (detection/apps.py): the events the
    detector suggests for a claim without one, or the figure summary of the
    claim's event and subject, with each source's figure history."""
    if claim.event_id is not None:
        return {"figure_summary": claim_figure_summary(claim=claim)}
    return {"event_suggestions": list(event_link_suggestions_pending(claim_id=claim.pk))}


def event_page_figures(*, event, claims, **_page) -> dict:
    """The receiver of the event_page hook: what to publish, each counted
    subject's figures side by side, built from the timeline already loaded."""
    return {"figure_summaries": figure_summaries_from_claims(claims=claims, events=[event]).get(event.pk, [])}


@require_POST
@requires("claims.change_claim")
def event_suggestion_decide(request, pk: int, decision: str):
    """Accept or turn down an event the detector suggested for a claim."""
    decide = {"accept": event_link_accept, "reject": event_link_reject}.get(decision)
    if decide is None:
        raise Http404("No such decision.")
    suggestion = get_object_or_404(EventLinkSuggestion.objects.select_related("event"), pk=pk)
    with service_errors(request=request) as outcome:
        decide(suggestion_id=suggestion.pk, user=request.user)
    if outcome.succeeded:
        if decision == "accept":
            messages.success(
                request, f"Claim #{suggestion.claim_id} is now under “{suggestion.event.title}”."
            )
        else:
            messages.success(
                request, f"“{suggestion.event.title}” will not be suggested for this claim again."
            )
    return redirect("claims:claim-detail", pk=suggestion.claim_id)


def _get_dispute(pk: int) -> Dispute:
    try:
        return dispute_detail_read(dispute_id=pk)
    except Dispute.DoesNotExist as error:
        raise Http404("No such dispute.") from error


def _context(request, dispute: Dispute, **forms) -> dict:
    can_triage = request.user.has_perm("claims.triage_conflictflag")
    context = {
        "view": dispute_view(dispute),
        "dispute": dispute,
        "history": list(dispute.notes.all()),
        "can_triage": can_triage,
    }
    if can_triage:
        context.update(
            resolve_form=forms.get("resolve") or DisputeResolveForm(),
            dismiss_form=forms.get("dismiss") or DisputeDismissForm(),
        )
        context["dispute_actions"] = _dispute_actions(dispute, context)
    return context


def _dispute_actions(dispute: Dispute, context: dict) -> list[FlagAction]:
    """Resolve or dismiss every open pair at once, drawn by the conflict
    page's partial (claims/templates/claims/_flag_actions.html)."""

    def url(action: str) -> str:
        return reverse("detection:dispute-action", args=[dispute.pk, action])

    return [
        FlagAction(
            name="resolve",
            heading="Resolve",
            label="Resolve dispute",
            url=url("resolve"),
            form=context["resolve_form"],
            rows=(("note",),),
            reason_required=True,
            style="primary",
            card=True,
        ),
        FlagAction(
            name="dismiss",
            heading="Dismiss",
            label="Dismiss: not a real dispute",
            url=url("dismiss"),
            form=context["dismiss_form"],
            rows=(("reason",),),
            reason_required=True,
            card=True,
        ),
    ]


@requires("claims.view_conflictflag")
def dispute_detail(request, pk: int):
    return render(request, "detection/dispute_detail.html", _context(request, _get_dispute(pk)))


def _run_resolve(request, dispute, form) -> str:
    dispute_resolve(dispute_id=dispute.pk, user=request.user, note=form.cleaned_data["note"])
    return f"Dispute #{dispute.pk} resolved: {dispute.open_pairs} pair(s) closed with your note."


def _run_dismiss(request, dispute, form) -> str:
    dispute_dismiss(dispute_id=dispute.pk, user=request.user, reason=form.cleaned_data["reason"])
    return f"Dispute #{dispute.pk} dismissed: {dispute.open_pairs} pair(s) closed with your reason."


DISPUTE_ACTIONS = {
    "resolve": (DisputeResolveForm, _run_resolve),
    "dismiss": (DisputeDismissForm, _run_dismiss),
}


@require_POST
@requires("claims.triage_conflictflag")
def dispute_action(request, pk: int, action: str):
    if action not in DISPUTE_ACTIONS:
        raise Http404("No such action.")
    form_class, run = DISPUTE_ACTIONS[action]
    dispute = _get_dispute(pk)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            message = run(request, dispute, form)
        except ConflictError as error:
            messages.error(request, error.message)
            return redirect(dispute)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, message)
            return redirect("dashboard")
    return render(
        request,
        "detection/dispute_detail.html",
        _context(request, _get_dispute(pk), **{action: form}),
        status=400,
    )
