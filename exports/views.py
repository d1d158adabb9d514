"""The exports page: ask for a background export, watch it progress, download it."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_http_methods

from claims.views import requires

from . import services
from .forms import ExportRequestForm
from .models import ClaimExport
from .selectors import exports_for_user

# The page lists this many of the person's latest exports.
EXPORTS_SHOWN = 20


@requires("claims.view_claim")
@require_http_methods(["GET", "POST"])
def export_list(request):
    if request.method == "POST":
        form = ExportRequestForm(request.POST)
        if form.is_valid():
            try:
                export = services.export_request(
                    user=request.user,
                    export_format=form.cleaned_data["format"],
                    filters=form.service_filters(),
                )
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                messages.success(request, f"Export #{export.pk} started; this page shows its progress.")
                return redirect("exports:export-list")
    else:
        form = ExportRequestForm()
    exports = list(exports_for_user(request.user)[:EXPORTS_SHOWN])
    for export in exports:
        export.download_url = (
            reverse("api:export-download", kwargs={"pk": export.pk})
            + "?"
            + urlencode({"token": services.export_download_token(export=export, user=request.user)})
            if export.status == ClaimExport.Status.DONE
            else None
        )
    return render(
        request,
        "exports/export_list.html",
        {"form": form, "exports": exports, "status_choices": ClaimExport.Status},
        status=400 if form.errors else 200,
    )
