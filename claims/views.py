"""Web UI views for the conflict queue, claims, relations and events.

Views stay thin: they check permissions, parse forms, call one service (or a
few in one transaction) and render. Reads come from claims/selectors.py.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from core.exceptions import ConflictError
from core.hooks import CLAIM_PAGE, EVENT_PAGE, hook_page_context

# requires, paginate and form_status live in core.views (every app's pages use
# them); imported here too for the code that imports them from claims.views.
from core.views import PAGE_SIZE, form_status, paginate, requires, service_errors  # noqa: F401
from sources.models import Source

from . import selectors
from .claimreview import claim_review_script
from .filters import ClaimFilter
from .forms import (
    AttributionFormSet,
    ClaimForm,
    ClaimStatusForm,
    EventForm,
    FlagAcknowledgeForm,
    FlagAssignForm,
    FlagBulkForm,
    FlagCommentForm,
    FlagDismissForm,
    FlagReopenForm,
    FlagResolveForm,
    NewAttributionFormSet,
    RelationForm,
    add_service_errors,
)
from .models import Attribution, Claim, ClaimRelation, ConflictFlag, Event
from .origins import PARTY_ONLY_BEST_CREDIBILITY, claims_origin_summaries
from .relation_graph import relation_graph_layout
from .services import (
    attribution_create,
    attribution_delete,
    claim_corroboration_accept,
    claim_create,
    claim_set_status,
    claim_update,
    event_create,
    event_update,
    flag_acknowledge,
    flag_assign,
    flag_comment,
    flag_dismiss,
    flag_reopen,
    flag_resolve,
    flags_triage_many,
    relation_create,
    relation_delete,
)

# Dashboard


# Conflict flags


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
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(back)
    return redirect("dashboard")


# Claims


@requires("claims.view_claim")
def claim_list(request):
    claim_filter = ClaimFilter(request.GET, queryset=selectors.claim_list(), request=request)
    claims = paginate(request, claim_filter.qs)
    return render(request, "claims/claim_list.html", {"filter": claim_filter, "claims": claims})


@requires("claims.view_claim")
def claim_detail(request, pk: int):
    try:
        claim = selectors.claim_detail(claim_id=pk)
    except Claim.DoesNotExist as error:
        raise Http404("No such claim.") from error
    relations = selectors.claim_relations(claim)
    attributions = [
        {"attribution": attribution, "context": selectors.excerpt_in_context(attribution)}
        for attribution in claim.attributions.all()
    ]
    status_form = None
    if request.user.has_perm("claims.verify_claim"):
        status_form = ClaimStatusForm(initial={"status": claim.status})
    # Independent origins, the corroboration suggestion and the party-only
    # credibility note (claims/origins.py).
    origins = claims_origin_summaries([claim])[claim.pk]
    flags = list(selectors.flags_for_claim(claim.pk))
    return render(
        request,
        "claims/claim_detail.html",
        {
            "claim": claim,
            "origins": origins,
            "suggest_corroborated": origins.supports_corroboration
            and claim.status == Claim.Status.UNVERIFIED,
            "party_only_cap": PARTY_ONLY_BEST_CREDIBILITY if origins.party_only else None,
            "attributions": attributions,
            "relations": relations,
            "graph": relation_graph_layout(claim, relations),
            "flags": flags,
            "history": list(claim.history.all()),
            "status_form": status_form,
            # schema.org ClaimReview JSON-LD for search engines (claims/claimreview.py).
            "claimreview_script": claim_review_script(claim, flags=flags),
            # Events that look-alike claims sit under, offered by the detector
            # for an editor to accept or turn down (never applied silently):
            # detection adds them through the claim_page hook (detection/apps.py).
            "event_suggestions": [],
            **hook_page_context(CLAIM_PAGE, request=request, claim=claim),
        },
    )


def _apply_claim_create_errors(form, attribution_forms, error: ValidationError) -> None:
    """claim_create names a bad attribution as 'attributions[i]': show its
    messages on that attribution's row; the rest go next to the claim's fields."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    claim_errors = {}
    for key, messages_ in error.message_dict.items():
        if key.startswith("attributions[") and key.endswith("]"):
            index = int(key[len("attributions[") : -1])
            if index < len(attribution_forms):
                attribution_forms[index].add_error(None, messages_)
                continue
        claim_errors[key] = messages_
    if claim_errors:
        add_service_errors(form, ValidationError(claim_errors))


@requires("claims.add_claim")
def claim_create_view(request):
    if request.method == "POST":
        form = ClaimForm(request.POST)
        formset = AttributionFormSet(request.POST, prefix="attributions")
        if form.is_valid() and formset.is_valid():
            filled = formset.filled_forms()
            try:
                claim = claim_create(
                    created_by=request.user,
                    attributions=[attribution_form.service_kwargs() for attribution_form in filled],
                    **form.service_kwargs(),
                )
            except ValidationError as error:
                _apply_claim_create_errors(form, filled, error)
            except ConflictError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, f"Claim #{claim.pk} saved.")
                return redirect(claim)
    else:
        initial = {}
        if request.GET.get("event", "").isdecimal():
            initial["event"] = int(request.GET["event"])
        form = ClaimForm(initial=initial)
        first_row = {}
        if request.GET.get("document", "").isdecimal():
            first_row["document"] = int(request.GET["document"])
        formset = AttributionFormSet(prefix="attributions", initial=[first_row] if first_row else None)
    has_errors = request.method == "POST"
    return render(
        request,
        "claims/claim_form.html",
        {"form": form, "formset": formset, "claim": None},
        status=400 if has_errors else 200,
    )


@requires("claims.change_claim")
def claim_edit(request, pk: int):
    claim = get_object_or_404(Claim, pk=pk)
    can_add_attributions = request.user.has_perm("claims.add_attribution")
    if request.method == "POST":
        form = ClaimForm(request.POST, instance=claim)
        formset = NewAttributionFormSet(request.POST, prefix="attributions") if can_add_attributions else None
        if form.is_valid() and (formset is None or formset.is_valid()):
            filled = formset.filled_forms() if formset is not None else []
            current = None
            try:
                # The claim and its new attributions are saved together or not at all.
                with transaction.atomic():
                    current = form
                    claim_update(claim_id=claim.pk, user=request.user, **form.service_kwargs())
                    for attribution_form in filled:
                        current = attribution_form
                        attribution_create(
                            claim=claim, user=request.user, **attribution_form.service_kwargs()
                        )
            except ValidationError as error:
                add_service_errors(current, error)
            except ConflictError as error:
                current.add_error(None, error.message)
            else:
                messages.success(request, f"Claim #{claim.pk} updated.")
                return redirect(claim)
    else:
        form = ClaimForm(instance=claim)
        formset = NewAttributionFormSet(prefix="attributions") if can_add_attributions else None
    existing = Attribution.objects.filter(claim=claim).select_related("source", "document", "relayed_by")
    return render(
        request,
        "claims/claim_form.html",
        {"form": form, "formset": formset, "claim": claim, "existing_attributions": existing},
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@requires("claims.verify_claim")
def claim_status(request, pk: int):
    claim = get_object_or_404(Claim, pk=pk)
    form = ClaimStatusForm(request.POST)
    if form.is_valid():
        with service_errors(request=request) as outcome:
            claim_set_status(
                claim_id=claim.pk,
                user=request.user,
                status=form.cleaned_data["status"],
                reason=form.cleaned_data["reason"],
            )
        if outcome.succeeded:
            messages.success(request, f"Claim #{claim.pk} is now {form.cleaned_data['status']}.")
    else:
        messages.error(request, "Choose a status and say why it changes.")
    return redirect(claim)


@require_POST
@requires("claims.verify_claim")
def claim_corroborate(request, pk: int):
    """One click: accept the suggestion to mark the claim corroborated (audited)."""
    claim = get_object_or_404(Claim, pk=pk)
    try:
        claim_corroboration_accept(claim_id=claim.pk, user=request.user)
    except ConflictError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"Claim #{claim.pk} is now corroborated.")
    return redirect(claim)


@require_POST
@requires("claims.delete_attribution")
def attribution_delete_view(request, pk: int, attribution_pk: int):
    attribution = get_object_or_404(Attribution, pk=attribution_pk, claim_id=pk)
    attribution_delete(attribution_id=attribution.pk, user=request.user)
    messages.success(request, f"{attribution.source} is no longer credited with claim #{pk}.")
    return redirect("claims:claim-edit", pk=pk)


# Relations


@requires("claims.add_claimrelation")
def relation_create_view(request):
    if request.method == "POST":
        form = RelationForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            with service_errors(form=form) as outcome:
                relation_create(
                    from_claim=data["from_claim"],
                    to_claim=data["to_claim"],
                    relation_type=data["relation_type"],
                    rationale=data["rationale"],
                    created_by=request.user,
                )
            if outcome.succeeded:
                messages.success(request, "Relation saved.")
                return redirect(data["from_claim"])
    else:
        initial = {}
        if request.GET.get("from", "").isdecimal():
            initial["from_claim"] = int(request.GET["from"])
        form = RelationForm(initial=initial)
    return render(request, "claims/relation_form.html", {"form": form}, status=form_status(form))


@require_POST
@requires("claims.delete_claimrelation")
def relation_delete_view(request, pk: int):
    relation = get_object_or_404(ClaimRelation, pk=pk)
    back_to = request.POST.get("claim", "")
    back_to_claim = int(back_to) if back_to.isdecimal() else relation.from_claim_id
    relation_delete(relation_id=relation.pk, user=request.user)
    messages.success(request, "Relation removed.")
    return redirect("claims:claim-detail", pk=back_to_claim)


# Events


@requires("claims.view_event")
def event_list(request):
    events = paginate(request, selectors.events_with_conflict_counts())
    return render(request, "claims/event_list.html", {"events": events})


@requires("claims.view_event")
def event_detail(request, pk: int):
    event = get_object_or_404(Event, pk=pk)
    timeline = selectors.event_timeline(event=event)
    return render(
        request,
        "claims/event_detail.html",
        {
            "event": event,
            "timeline": timeline,
            "conflicting_count": sum(1 for claim in timeline if claim.has_open_conflict),
            # What to publish, each counted subject's figures side by side (detection adds it).
            **hook_page_context(EVENT_PAGE, request=request, event=event, claims=timeline),
        },
    )


def _event_form_view(request, *, event: Event | None):
    form = EventForm(request.POST or None, instance=event)
    if request.method == "POST" and form.is_valid():
        try:
            if event is None:
                saved = event_create(user=request.user, **form.cleaned_data)
            else:
                saved = event_update(event_id=event.pk, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Event “{saved.title}” saved.")
            return redirect(saved)
    return render(request, "claims/event_form.html", {"form": form, "event": event}, status=form_status(form))


@requires("claims.add_event")
def event_create_view(request):
    return _event_form_view(request, event=None)


@requires("claims.change_event")
def event_edit(request, pk: int):
    return _event_form_view(request, event=get_object_or_404(Event, pk=pk))
