"""The event stream pages listen to, and the presence reports they send.

The stream is plain server-sent events (EventSource in the browser): no
extra protocol, reconnects on its own and sends back the id of the last
notice it saw (`Last-Event-ID`), so the stream resumes where it broke off.
Under runserver and gunicorn (WSGI) each open stream holds a thread; under
an ASGI server (uvicorn, docs/production.md) it waits without one.
"""

import json
import time

from django.conf import settings
from django.contrib.auth.decorators import login_required, permission_required
from django.core.handlers.asgi import ASGIRequest
from django.db import connection
from django.http import HttpResponseNotAllowed, JsonResponse, StreamingHttpResponse
from django.views.decorators.http import require_GET

from . import bus
from .forms import PresenceForm, PresenceQueryForm
from .presence import presence_leave, presence_on_flags, presence_report


def _frame(entry_id: str, notice: dict) -> str:
    return f"id: {entry_id}\nevent: change\ndata: {json.dumps(notice)}\n\n"


def _start_position(request) -> str:
    # Reconnecting: EventSource sends the last id it saw. First connection:
    # the page says where the log stood when it was rendered, so nothing that
    # happened in between is lost. Otherwise: from now on.
    return request.headers.get("Last-Event-ID") or request.GET.get("since") or bus.last_id()


def _sync_stream(after: str):
    # Ask the browser to wait 1 s before reconnecting after a drop.
    yield "retry: 1000\n\n"
    # End the response now and then: the browser reconnects from its last id
    # at once, and a worker thread is never held by one page forever.
    deadline = time.monotonic() + settings.LIVE_STREAM_SECONDS
    while time.monotonic() < deadline:
        try:
            found = bus.get_bus().read(after=after, timeout=settings.LIVE_UPDATES_HEARTBEAT_SECONDS)
        except Exception:
            return
        if not found:
            yield ": still here\n\n"
        for entry_id, notice in found:
            after = entry_id
            yield _frame(entry_id, notice)


async def _async_stream(after: str):
    from asgiref.sync import sync_to_async

    yield "retry: 1000\n\n"
    deadline = time.monotonic() + settings.LIVE_STREAM_SECONDS
    live_bus = bus.get_bus()
    read = getattr(live_bus, "aread", None) or sync_to_async(live_bus.read, thread_sensitive=False)
    while time.monotonic() < deadline:
        try:
            found = await read(after=after, timeout=settings.LIVE_UPDATES_HEARTBEAT_SECONDS)
        except Exception:
            return
        if not found:
            yield ": still here\n\n"
        for entry_id, notice in found:
            after = entry_id
            yield _frame(entry_id, notice)


@require_GET
@login_required
@permission_required("claims.view_claim", raise_exception=True)
def event_stream(request):
    after = _start_position(request)
    if not connection.in_atomic_block:
        # The stream stays open for minutes and never reads the database: give
        # the connection back now rather than hold one per open page.
        connection.close()
    stream = _async_stream(after) if isinstance(request, ASGIRequest) else _sync_stream(after)
    response = StreamingHttpResponse(stream, content_type="text/event-stream")
    response["Cache-Control"] = "no-cache, no-store"
    # Tell nginx-style proxies not to buffer the stream.
    response["X-Accel-Buffering"] = "no"
    return response


@login_required
@permission_required("claims.view_conflictflag", raise_exception=True)
def presence(request):
    """GET ?flags=1,2: who is on those conflicts now (others, not the caller).
    POST viewing=1,2&working=2 (or leave=1): report what this page shows."""
    if request.method == "GET":
        form = PresenceQueryForm(request.GET)
        if not form.is_valid():
            return JsonResponse({"errors": form.errors}, status=400)
        me = request.user.get_username()
        found = presence_on_flags(flag_ids=form.cleaned_data["flags"])
        return JsonResponse(
            {
                str(flag_id): [person for person in people if person["user"] != me]
                for flag_id, people in found.items()
            }
        )
    if request.method != "POST":
        return HttpResponseNotAllowed(["GET", "POST"])
    form = PresenceForm(request.POST)
    if not form.is_valid():
        return JsonResponse({"errors": form.errors}, status=400)
    data = form.cleaned_data
    username = request.user.get_username()
    if data["leave"]:
        presence_leave(
            username=username, flag_ids=data["viewing"] + ([data["working"]] if data["working"] else [])
        )
    else:
        # Only someone who may act on a conflict can be "working" on it.
        working = data["working"] if request.user.has_perm("claims.triage_conflictflag") else None
        presence_report(username=username, viewing=data["viewing"], working=working)
    return JsonResponse({"ok": True})
