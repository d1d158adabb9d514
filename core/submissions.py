"""A create form sent twice saves once.

A double click on "Save", or a browser resending the POST after a slow answer,
sent the new-claim or new-event form twice and stored two identical records
(each checked for conflicts, each in the queue). Claims and events have no
natural key to refuse the copy by, as documents and source names do.

Each create form carries a one-time token (`submission`). The first request
that reaches the save takes the token in the cache (`cache.add`, atomic in
Redis and in the local-memory cache); a copy arriving later is sent to what
the first one saved, and a copy arriving while the first is still saving goes
back to the list. A refused form gives the token back, so the corrected form
can be sent again. With the cache down the form saves as before (a double
click can then store a copy) and the outage is logged.
"""

import re
import secrets

from django.contrib import messages
from django.core.cache import cache
from django.shortcuts import redirect

from core.cache_outage import CACHE_UNAVAILABLE, cache_outage_warn

SUBMISSION_FIELD = "submission"
# Long enough for a slow save and a resend; short enough not to pile up.
SUBMISSION_SECONDS = 3600
_PENDING = "pending"
_TOKEN = re.compile(r"[A-Za-z0-9_-]{16,64}")


def submission_token(request) -> str:
    """The token to put in the form: the one it was sent with, or a new one."""
    sent = request.POST.get(SUBMISSION_FIELD, "")
    return sent if _TOKEN.fullmatch(sent) else secrets.token_urlsafe(16)


def _key(request) -> str | None:
    sent = request.POST.get(SUBMISSION_FIELD, "")
    if not _TOKEN.fullmatch(sent):
        return None  # a form without a token (a script): saved as before
    return f"form-submission:{request.user.pk}:{sent}"


def submission_repeated(request, *, fallback: str):
    """None if this is the form's first send (the token is now taken); else a
    redirect to what the first send saved (or to `fallback` while it saves)."""
    key = _key(request)
    if key is None:
        return None
    try:
        if cache.add(key, _PENDING, SUBMISSION_SECONDS):
            return None
        earlier = cache.get(key)
    except CACHE_UNAVAILABLE as error:
        cache_outage_warn(error, going_on="saving a form without its double-submission check")
        return None
    messages.info(request, "This form was already sent; it was saved once.")
    return redirect(earlier if earlier and earlier != _PENDING else fallback)


def submission_saved(request, url: str) -> None:
    """Remember where the first send's record is, for any copy still to come."""
    _store(request, url)


def submission_refused(request) -> None:
    """Give the token back: the form is shown again to be corrected and resent."""
    key = _key(request)
    if key is None:
        return
    try:
        cache.delete(key)
    except CACHE_UNAVAILABLE as error:
        cache_outage_warn(error, going_on="leaving a form's double-submission token in place")


def _store(request, url: str) -> None:
    key = _key(request)
    if key is None:
        return
    try:
        cache.set(key, url, SUBMISSION_SECONDS)
    except CACHE_UNAVAILABLE as error:
        cache_outage_warn(error, going_on="not remembering a saved form")
