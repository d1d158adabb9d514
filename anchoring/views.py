from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from core.exceptions import ConflictError
from core.views import requires
from sources.models import Document

from .forms import DocumentVersionForm
from .models import ExcerptAnchor
from .services import document_version_add


@requires("sources.add_document")
def version_add(request, pk: int):
    """Paste the source's revised text of a document as its next version."""
    document = get_object_or_404(Document, pk=pk)
    form = DocumentVersionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            new = document_version_add(document_id=document.pk, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            for field, field_messages in error.message_dict.items():
                form.add_error(field if field in form.fields else None, field_messages)
        except ConflictError as error:
            form.add_error(None, error.message)
        else:
            anchors = list(new.excerpt_anchors.values_list("status", flat=True))
            orphaned = anchors.count(ExcerptAnchor.Status.ORPHANED)
            messages.success(
                request,
                f"Version {new.version} stored; {len(anchors) - orphaned} of {len(anchors)} earlier excerpts found"
                + (f", {orphaned} orphaned for an editor to check." if orphaned else "."),
            )
            return redirect(new)
    return render(
        request,
        "anchoring/version_form.html",
        {"form": form, "document": document},
        status=400 if form.errors else 200,
    )
