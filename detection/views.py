"""Web UI for disputes: one page per disputed question, where an editor
resolves or dismisses it as a whole. The queue itself is the dashboard
(claims.views.dashboard), which lists disputes."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from claims.forms import add_service_errors
from claims.views import requires
from core.exceptions import ConflictError

from .dispute_selectors import dispute_detail as dispute_detail_read
from .dispute_selectors import dispute_view
from .dispute_services import dispute_dismiss, dispute_resolve
from .forms import DisputeDismissForm, DisputeResolveForm
from .models import Dispute


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
    return context


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
