"""Web pages for the digest: a reader's settings, an unsubscribe link that works
without logging in, and a preview of anyone's digest for editors."""

from csp.decorators import csp_replace
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_http_methods

from accounts.roles import Role, user_role
from core.email import html_body
from core.unsubscribe import unsubscribe_view
from core.views import service_errors

from .forms import DigestPreferenceForm, DigestPreviewForm
from .selectors import digest_content_for, digest_preference_for, digest_reader_choices, digest_skip_reason
from .services import digest_message_build, digest_preference_update, digest_unsubscribe
from .tokens import DIGEST_UNSUBSCRIBE
from .weeks import IsoWeek


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request):
    preference = digest_preference_for(request.user)
    if request.method == "POST":
        form = DigestPreferenceForm.for_preference(preference, data=request.POST)
        if form.is_valid():
            with service_errors(form=form) as outcome:
                digest_preference_update(
                    user=request.user, unchanged_since=form.unchanged_since, **form.service_changes()
                )
            if outcome.succeeded:
                messages.success(request, "Your digest settings are saved.")
                return redirect("digests:preferences")
    else:
        form = DigestPreferenceForm.for_preference(preference)
    return render(request, "digests/preferences.html", {"form": form, "preference": preference})


# The unsubscribe link in every digest; "already" when the digest is off.
unsubscribe = unsubscribe_view(
    link=DIGEST_UNSUBSCRIBE,
    template="digests/unsubscribe.html",
    unsubscribe=digest_unsubscribe,
    is_unsubscribed=lambda reader: not digest_preference_for(reader).subscribed,
)


def _preview_target(request):
    """Whose digest for which week the request asks to see, after the
    permission check: editors may pick any reader, everyone else only
    themselves. Returns (form, reader, week); reader is None if the form is invalid."""
    role = user_role(request.user)
    if role is None:
        # A digest shows claims and conflicts: only the newsroom's roles read them.
        raise PermissionDenied("Your account has no newsroom role.")
    is_editor = role == Role.EDITOR
    wanted = request.GET.get("reader", "")
    if not is_editor and wanted not in ("", request.user.get_username()):
        raise PermissionDenied("Only editors may preview someone else's digest.")
    form = DigestPreviewForm(
        request.GET or None, can_choose_reader=is_editor, readers=digest_reader_choices()
    )
    if form.is_bound and not form.is_valid():
        return form, None, None
    cleaned = form.cleaned_data if form.is_bound else {}
    reader = cleaned.get("reader") or request.user
    week = cleaned.get("week") or IsoWeek.last_complete()
    return form, reader, week


def _preview_message(request, reader, week):
    preference = digest_preference_for(reader)
    content = digest_content_for(user=reader, week=week, sections=preference.sections)
    # Only the reader's own preview carries a working unsubscribe link.
    message = digest_message_build(
        user=reader, week=week, content=content, with_unsubscribe_token=reader.pk == request.user.pk
    )
    return preference, content, message


@login_required
def preview(request):
    """Show a digest as it would be sent: subject, HTML and plain text."""
    form, reader, week = _preview_target(request)
    if reader is None:
        return render(request, "digests/preview.html", {"form": form}, status=400)
    preference, content, message = _preview_message(request, reader, week)
    query = urlencode({"reader": reader.get_username(), "week": str(week)})
    return render(
        request,
        "digests/preview.html",
        {
            "form": form,
            "reader": reader,
            "week": week,
            "preference": preference,
            "message": message,
            "html_url": f"{reverse('digests:preview-html')}?{query}",
            "would_skip": bool(digest_skip_reason(user=reader, preference=preference, content=content)),
        },
    )


# The email's HTML as its own document, for the preview page's frame. Email
# HTML must carry inline styles (mail clients drop stylesheets), so this one
# response allows inline styles, and may be framed by this site's own pages.
# It still runs no script: script-src stays 'self', and the frame is sandboxed.
@login_required
@xframe_options_sameorigin
@csp_replace({"style-src": ["'self'", "'unsafe-inline'"], "frame-ancestors": ["'self'"]})
def preview_html(request):
    form, reader, week = _preview_target(request)
    if reader is None:
        return HttpResponseBadRequest("Choose a valid week, e.g. 2024-W48.", content_type="text/plain")
    _, _, message = _preview_message(request, reader, week)
    return HttpResponse(html_body(message))
