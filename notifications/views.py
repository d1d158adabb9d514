"""The notifications page, marking read, following, alert preferences and the
email's unsubscribe link."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from claims.models import Event
from core.unsubscribe import unsubscribe_view
from core.views import local_next_url
from sources.models import Source

from .forms import AlertPreferenceForm
from .models import AlertPreference, Notification
from .services import alert_preference_update, alert_unsubscribe, follow_toggle, notification_mark_read
from .tokens import ALERT_UNSUBSCRIBE


@login_required
def notification_list(request):
    page = Paginator(Notification.objects.filter(user=request.user), 50).get_page(request.GET.get("page"))
    preference = AlertPreference.objects.filter(user=request.user).first()
    form = AlertPreferenceForm(initial={"email_critical": bool(preference and preference.email_critical)})
    return render(request, "notifications/list.html", {"page": page, "form": form})


@require_POST
@login_required
def mark_read(request, pk: int | None = None):
    """Mark one notification read and open what it is about, or mark all read."""
    if pk is None:
        notification_mark_read(user=request.user)
        return redirect("notifications:list")
    notification = get_object_or_404(Notification, pk=pk, user=request.user)
    notification_mark_read(user=request.user, notification_id=notification.pk)
    return redirect(notification.url or "notifications:list")


@require_POST
@login_required
def preferences(request):
    form = AlertPreferenceForm(request.POST)
    if form.is_valid():
        alert_preference_update(user=request.user, email_critical=form.cleaned_data["email_critical"])
        messages.success(request, "Alert email preference saved.")
    return redirect("notifications:list")


@require_POST
@login_required
def follow(request, kind: str, pk: int):
    """Follow or stop following an event or a source, then go back."""
    if kind == "event":
        following = follow_toggle(user=request.user, event=get_object_or_404(Event, pk=pk))
    else:
        following = follow_toggle(user=request.user, source=get_object_or_404(Source, pk=pk))
    messages.success(
        request,
        "Following: high and critical flags will notify you." if following else "No longer following.",
    )
    return redirect(local_next_url(request, fallback=reverse("notifications:list")))


# The alert email's unsubscribe link (core/unsubscribe.py).
unsubscribe = unsubscribe_view(
    link=ALERT_UNSUBSCRIBE, template="notifications/unsubscribe.html", unsubscribe=alert_unsubscribe
)
