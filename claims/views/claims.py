"""Web UI views for claims: list, page, create, edit, status, corroboration, credits."""

import functools

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from core.exceptions import ConflictError
from core.hooks import CLAIM_PAGE, hook_page_context
from core.short_cache import cached_briefly
from core.submissions import submission_refused, submission_repeated, submission_saved, submission_token
from core.views import paginate, requires, service_errors

from .. import selectors
from ..claimreview import claim_review_script
from ..filters import ClaimFilter
from ..forms import (
    AttributionFormSet,
    ClaimForm,
    ClaimStatusForm,
    NewAttributionFormSet,
    add_service_errors,
)
from ..models import Attribution, Claim
from ..origins import PARTY_ONLY_BEST_CREDIBILITY, claims_origin_summaries
from ..page_selectors import claim_detail_for_page, claim_list_for_page, claim_list_rows
from ..relation_graph import relation_graph_layout
from ..selectors import prefetched_rows
from ..services import (
    attribution_create,
    attribution_delete,
    claim_corroboration_accept,
    claim_create,
    claim_set_status,
    claim_update,
)


@requires("claims.view_claim")
def claim_list(request):
    if not request.GET:
        # The list as opened, unfiltered: every filter is empty, so its box is
        # the same for everyone until its options change; its options are kept
        # for LIST_CACHE_SECONDS anyway (core/short_cache.py), the box is kept
        # with them (building and rendering it was a fifth of the page).
        claim_filter = None
        claims = paginate(request, claim_list_for_page())
        filters_html = cached_briefly("claim-list-filters-html", lambda: _filters_html(request))
    else:
        claim_filter = ClaimFilter(request.GET, queryset=claim_list_for_page(), request=request)
        claims = paginate(request, claim_filter.qs)
        filters_html = None
    return render(
        request,
        "claims/claim_list.html",
        {
            "filter": claim_filter,
            "filters_html": filters_html,
            "claims": claims,
            "rows": claim_list_rows(claims.object_list),
        },
    )


def _filters_html(request) -> str:
    """The claim list's filter box with no filter chosen."""
    claim_filter = ClaimFilter(request.GET, queryset=claim_list_for_page(), request=request)
    return render_to_string(
        "claims/_filters.html", {"filter": claim_filter, "label": "Search and filter claims"}, request=request
    )


@requires("claims.view_claim")
def claim_detail(request, pk: int):
    try:
        claim, flags = claim_detail_for_page(claim_id=pk)
    except Claim.DoesNotExist as error:
        raise Http404("No such claim.") from error
    relations = selectors.claim_relations(claim)
    attributions = [
        {"attribution": attribution, "context": selectors.excerpt_in_context(attribution)}
        for attribution in prefetched_rows(claim, "attributions")
    ]
    status_fields = (
        _status_fields_html(claim.status) if request.user.has_perm("claims.verify_claim") else None
    )
    # Independent origins, the corroboration suggestion and the party-only
    # credibility note (claims/origins.py).
    origins = claims_origin_summaries([claim])[claim.pk]
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
            "history": prefetched_rows(claim, "history"),
            "status_fields": status_fields,
            # schema.org ClaimReview JSON-LD for search engines (claims/claimreview.py).
            "claimreview_script": claim_review_script(claim, flags=flags, origins=origins),
            # Events that look-alike claims sit under, offered by the detector
            # for an editor to accept or turn down (never applied silently):
            # detection adds them through the claim_page hook (detection/apps.py).
            "event_suggestions": [],
            **hook_page_context(CLAIM_PAGE, request=request, claim=claim),
        },
    )


@functools.lru_cache(maxsize=len(Claim.Status.values))
def _status_fields_html(status: str) -> str:
    """The claim page's status form fields for a claim in `status`: the same
    HTML for every claim in that status, so rendered once per process (a
    form's widgets render through templates, some 5% of the page)."""
    form = ClaimStatusForm(initial={"status": status})
    fields = [render_to_string("claims/_field.html", {"field": form[name]}) for name in ("status", "reason")]
    # As the page's two {% include %} lines put them, one under the other.
    return mark_safe("\n          ".join(fields))  # noqa: S308 - rendered by the template engine, escaped there


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
            repeated = submission_repeated(request, fallback=reverse("claims:claim-list"))
            if repeated is not None:
                return repeated
            filled = formset.filled_forms()
            try:
                claim = claim_create(
                    created_by=request.user,
                    attributions=[attribution_form.service_kwargs() for attribution_form in filled],
                    **form.service_kwargs(),
                )
            except ValidationError as error:
                submission_refused(request)
                _apply_claim_create_errors(form, filled, error)
            except ConflictError as error:
                submission_refused(request)
                form.add_error(None, error.message)
            else:
                submission_saved(request, claim.get_absolute_url())
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
        {"form": form, "formset": formset, "claim": None, "submission": submission_token(request)},
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
                    claim_update(
                        claim_id=claim.pk,
                        user=request.user,
                        unchanged_since=form.unchanged_since,
                        **form.service_kwargs(),
                    )
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
