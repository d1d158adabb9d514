"""Web UI views for events."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from core.exceptions import ConflictError
from core.hooks import EVENT_PAGE, hook_page_context
from core.submissions import submission_refused, submission_repeated, submission_saved, submission_token
from core.views import form_status, paginate, requires

from .. import selectors
from ..forms import (
    EventForm,
    EventMergeForm,
    add_service_errors,
)
from ..models import Event
from ..page_selectors import event_timeline_for_page, event_timeline_rows
from ..services import (
    event_create,
    event_merge,
    event_update,
)


@requires("claims.view_event")
def event_list(request):
    events = paginate(request, selectors.events_with_conflict_counts())
    return render(request, "claims/event_list.html", {"events": events})


@requires("claims.view_event")
def event_detail(request, pk: int):
    event = get_object_or_404(Event, pk=pk)
    timeline = event_timeline_for_page(event=event)
    return render(
        request,
        "claims/event_detail.html",
        {
            "event": event,
            "timeline": timeline,
            "timeline_rows": event_timeline_rows(timeline),
            "conflicting_count": sum(1 for claim in timeline if claim.has_open_conflict),
            # What to publish, each counted subject's figures side by side (detection adds it).
            **hook_page_context(EVENT_PAGE, request=request, event=event, claims=timeline),
        },
    )


def _event_form_view(request, *, event: Event | None):
    form = EventForm(request.POST or None, instance=event)
    if request.method == "POST" and form.is_valid():
        if event is None and (
            repeated := submission_repeated(request, fallback=reverse("claims:event-list"))
        ):
            return repeated
        try:
            if event is None:
                saved = event_create(user=request.user, **form.cleaned_data)
            else:
                saved = event_update(
                    event_id=event.pk,
                    user=request.user,
                    unchanged_since=form.unchanged_since,
                    **form.cleaned_data,
                )
        except ValidationError as error:
            submission_refused(request)
            add_service_errors(form, error)
        except ConflictError as error:
            # A colleague saved the event meanwhile (the form's edit_base, checked under the lock).
            submission_refused(request)
            form.add_error(None, error.message)
        else:
            if event is None:
                submission_saved(request, saved.get_absolute_url())
            messages.success(request, f"Event “{saved.title}” saved.")
            return redirect(saved)
    context = {"form": form, "event": event, "submission": submission_token(request)}
    return render(request, "claims/event_form.html", context, status=form_status(form))


@requires("claims.add_event")
def event_create_view(request):
    return _event_form_view(request, event=None)


@requires("claims.change_event")
def event_edit(request, pk: int):
    return _event_form_view(request, event=get_object_or_404(Event, pk=pk))


@requires(("claims.change_event", "claims.delete_event"))
def event_merge_view(request, pk: int):
    """Fold a duplicate event into another: its claims move, it goes."""
    event = get_object_or_404(Event, pk=pk)
    candidates = selectors.event_merge_candidates(event=event)
    form = EventMergeForm(request.POST if request.method == "POST" else None, candidates=candidates)
    if request.method == "POST" and form.is_valid():
        try:
            kept = event_merge(
                event_id=event.pk,
                into_event_id=form.cleaned_data["into_event_id"],
                user=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"“{event.title}” merged into “{kept.title}”.")
            return redirect(kept)
    context = {"form": form, "event": event, "claim_count": event.claims.count()}
    return render(request, "claims/event_merge.html", context, status=form_status(form))
