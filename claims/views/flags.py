"""Web UI views for conflict flags: the flag page, its actions and the queue's bulk actions."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from core.exceptions import ConflictError
from core.views import local_next_url, requires
from sources.models import Source

from .. import selectors
from ..flag_actions import flag_page_actions
from ..forms import (
    FlagAcknowledgeForm,
    FlagAssignForm,
    FlagBulkForm,
    FlagCommentForm,
    FlagDismissForm,
    FlagReopenForm,
    FlagResolveForm,
    add_service_errors,
)
from ..models import Claim, ConflictFlag
from ..services import (
    flag_acknowledge,
    flag_assign,
    flag_comment,
    flag_dismiss,
    flag_reopen,
    flag_resolve,
    flags_triage_many,
)


def _flag_context(request, flag: ConflictFlag, kept_note: dict | None = None, **forms) -> dict:
    sides = []
    for claim in (flag.claim_a, flag.claim_b):
        if claim is None:
            continue
        attributions = [
            {"attribution": attribution, "context": selectors.excerpt_in_context(attribution)}
            for attribution in claim.attributions.all()
        ]
        sides.append({"claim": claim, "attributions": attributions})
    can_triage = request.user.has_perm("claims.triage_conflictflag")
    context = {
        "flag": flag,
        "sides": sides,
        "history": list(flag.history.all()),
        "can_triage": can_triage,
        "kept_note": kept_note,
        "reliability_scale": Source.Reliability.choices,
        "credibility_scale": Claim.Credibility.choices,
    }
    if can_triage:
        # Each form names its fields after itself (resolve_note, dismiss_reason,
        # ...): one page, several notes, every id and label unique.
        context.update(
            acknowledge_form=forms.get("acknowledge") or FlagAcknowledgeForm(auto_id="acknowledge_%s"),
            assign_form=forms.get("assign")
            or FlagAssignForm(initial={"assignee": flag.assignee_id}, auto_id="assign_%s"),
            resolve_form=forms.get("resolve") or FlagResolveForm(flag=flag, auto_id="resolve_%s"),
            dismiss_form=forms.get("dismiss") or FlagDismissForm(auto_id="dismiss_%s"),
            reopen_form=forms.get("reopen") or FlagReopenForm(auto_id="reopen_%s"),
            comment_form=forms.get("comment") or FlagCommentForm(auto_id="comment_%s"),
        )
        context["flag_actions"] = flag_page_actions(
            flag, user=request.user, forms={name: context[f"{name}_form"] for name in FLAG_ACTIONS}
        )
    return context


def _get_flag(pk: int) -> ConflictFlag:
    try:
        return selectors.flag_detail(flag_id=pk)
    except ConflictFlag.DoesNotExist as error:
        raise Http404("No such conflict flag.") from error


@requires("claims.view_conflictflag")
def flag_detail(request, pk: int):
    flag = _get_flag(pk)
    return render(request, "claims/flag_detail.html", _flag_context(request, flag))


def _run_acknowledge(request, flag, form):
    flag_acknowledge(flag_id=flag.pk, user=request.user, note=form.cleaned_data["note"])
    return f"Conflict #{flag.pk} acknowledged."


def _run_assign(request, flag, form):
    assignee = form.cleaned_data["assignee"]
    flag_assign(flag_id=flag.pk, user=request.user, assignee=assignee, note=form.cleaned_data["note"])
    return (
        f"Conflict #{flag.pk} assigned to {assignee.get_username()}." if assignee else "Conflict unassigned."
    )


def _run_resolve(request, flag, form):
    flag_resolve(
        flag_id=flag.pk,
        user=request.user,
        note=form.cleaned_data["note"],
        mark_claim_id=form.cleaned_data["mark_claim_id"],
        mark_status=form.cleaned_data["mark_status"] or Claim.Status.DISPUTED,
    )
    return f"Conflict #{flag.pk} resolved."


def _run_dismiss(request, flag, form):
    flag_dismiss(flag_id=flag.pk, user=request.user, reason=form.cleaned_data["reason"])
    return f"Conflict #{flag.pk} dismissed."


def _run_reopen(request, flag, form):
    flag_reopen(flag_id=flag.pk, user=request.user, reason=form.cleaned_data["reason"])
    return f"Conflict #{flag.pk} re-opened."


def _run_comment(request, flag, form):
    flag_comment(flag_id=flag.pk, user=request.user, note=form.cleaned_data["note"])
    return f"Comment added to conflict #{flag.pk}."


def _reopen_form(data, _flag):
    # "Re-open the conflict with it" sends the kept note as `note`.
    if not data.get("reason") and data.get("note"):
        data = data.copy()
        data["reason"] = data["note"]
    return FlagReopenForm(data, auto_id="reopen_%s")


# action -> (form factory, service call, where to go afterwards)
FLAG_ACTIONS = {
    "acknowledge": (
        lambda data, _flag: FlagAcknowledgeForm(data, auto_id="acknowledge_%s"),
        _run_acknowledge,
        "flag",
    ),
    "assign": (lambda data, _flag: FlagAssignForm(data, auto_id="assign_%s"), _run_assign, "flag"),
    "resolve": (
        lambda data, flag: FlagResolveForm(data, flag=flag, auto_id="resolve_%s"),
        _run_resolve,
        "queue",
    ),
    "dismiss": (lambda data, _flag: FlagDismissForm(data, auto_id="dismiss_%s"), _run_dismiss, "queue"),
    "reopen": (_reopen_form, _run_reopen, "flag"),
    "comment": (lambda data, _flag: FlagCommentForm(data, auto_id="comment_%s"), _run_comment, "flag"),
}

# The field holding what the editor wrote, per action: kept when the action
# cannot apply any more because someone else closed or changed the flag.
TYPED_TEXT_FIELD = {"acknowledge": "note", "assign": "note", "resolve": "note", "dismiss": "reason"}


def _wants_json(request) -> bool:
    """The queue's in-row actions (static/js/triage.js) ask for JSON."""
    return "application/json" in request.headers.get("Accept", "")


def _after_closing(request, flag: ConflictFlag):
    """Back to the queue, or on to the next open conflict when asked ("then=next")."""
    if request.POST.get("then") == "next":
        following = selectors.flag_next_open(after_flag_id=flag.pk, user=request.user)
        if following is not None:
            return redirect(following)
        messages.info(request, "No open conflict is left in the queue.")
    return redirect("dashboard")


@require_POST
@requires("claims.triage_conflictflag")
def flag_action(request, pk: int, action: str):
    if action not in FLAG_ACTIONS:
        raise Http404("No such action.")
    make_form, run, next_page = FLAG_ACTIONS[action]
    flag = _get_flag(pk)
    form = make_form(request.POST, flag)
    if _wants_json(request):
        return _flag_action_json(request, flag, form, run)
    if form.is_valid():
        try:
            message = run(request, flag, form)
        except ConflictError as error:
            # Someone else acted first (or the action no longer applies). If the
            # editor wrote something, keep it and offer what to do with it;
            # otherwise say so and show the flag as it is now.
            typed = form.cleaned_data.get(TYPED_TEXT_FIELD.get(action, ""), "").strip()
            if typed:
                kept = {"text": typed, "reason": error.message}
                context = _flag_context(request, _get_flag(pk), kept_note=kept)
                return render(request, "claims/flag_detail.html", context, status=409)
            messages.error(request, error.message)
            return redirect(flag)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, message)
            if next_page == "queue":
                return _after_closing(request, flag)
            return redirect(flag)
    context = _flag_context(request, _get_flag(pk), **{action: form})
    return render(request, "claims/flag_detail.html", context, status=400)


def _flag_action_json(request, flag, form, run):
    if not form.is_valid():
        return JsonResponse({"ok": False, "message": "Check the fields.", "fields": form.errors}, status=400)
    try:
        message = run(request, flag, form)
    except ConflictError as error:
        return JsonResponse({"ok": False, "message": error.message, "code": error.code}, status=409)
    except ValidationError as error:
        fields = error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
        return JsonResponse({"ok": False, "message": " ".join(error.messages), "fields": fields}, status=400)
    return JsonResponse({"ok": True, "message": message})


@require_POST
@requires("claims.triage_conflictflag")
def flag_bulk(request):
    """Assign to me, acknowledge or dismiss the conflicts ticked in the queue."""
    form = FlagBulkForm(request.POST)
    if not form.is_valid():
        message = " ".join(str(error) for errors in form.errors.values() for error in errors)
        if _wants_json(request):
            return JsonResponse({"ok": False, "message": message, "fields": form.errors}, status=400)
        messages.error(request, message)
    else:
        data = form.cleaned_data
        outcome = flags_triage_many(
            flag_ids=[flag.pk for flag in data["flags"]],
            user=request.user,
            action=data["action"],
            reason=data["reason"],
        )
        done = ", ".join(f"#{pk}" for pk in outcome["done"]) or "none"
        verb = {"assign": "Assigned to you", "acknowledge": "Acknowledged", "dismiss": "Dismissed"}[
            data["action"]
        ]
        message = f"{verb}: {done}."
        if outcome["skipped"]:
            message += " Skipped: " + "; ".join(f"#{pk}: {why}" for pk, why in outcome["skipped"].items())
        if _wants_json(request):
            return JsonResponse({"ok": True, "message": message, **outcome})
        messages.success(request, message)
    return redirect(local_next_url(request, fallback=reverse("dashboard")))
