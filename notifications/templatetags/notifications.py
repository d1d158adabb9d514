from django import template

from notifications.models import Follow
from notifications.selectors import notification_unread_count

register = template.Library()


@register.inclusion_tag("notifications/_bell.html", takes_context=True)
def notification_bell(context):
    """The header's bell: unread notifications (kept briefly, notifications/selectors.py)."""
    user = context["request"].user
    count = notification_unread_count(user=user) if user.is_authenticated else 0
    return {"count": count}


@register.inclusion_tag("notifications/_follow_button.html", takes_context=True)
def follow_button(context, thing):
    """Follow / Unfollow for an event or a source page."""
    request = context["request"]
    kind = "event" if thing._meta.model_name == "event" else "source"
    following = Follow.objects.filter(user=request.user, **{kind: thing}).exists()
    return {"kind": kind, "thing": thing, "following": following, "next": request.get_full_path()}
