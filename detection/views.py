"""Web UI for what detection offers editors: suggested event links, shown on
the claim page through the claim_page hook and decided here."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from core.views import requires, service_errors

from .figure_summary import claim_figure_summary, figure_summaries_from_claims
from .models import EventLinkSuggestion
from .selectors import event_link_suggestions_pending
from .services import event_link_accept, event_link_reject


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
