"""Web UI views for relations between claims."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from core.views import form_status, requires, service_errors

from ..forms import (
    RelationForm,
)
from ..models import ClaimRelation
from ..services import (
    relation_create,
    relation_delete,
)


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
