from django.conf import settings

from . import bus


def live_updates(request):
    """Where the live-update log stands as this page renders: its event
    stream starts there, so a change made in between is not missed."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    # A callable: only pages that use it ask the bus.
    return {"live_since": bus.last_id, "presence_heartbeat": settings.LIVE_PRESENCE_HEARTBEAT_SECONDS}
