"""Template helpers for the digest email, whose links must work from a mail
client: absolute, on SITE_URL."""

from django import template
from django.conf import settings

register = template.Library()


@register.filter
def absolute_url(obj) -> str:
    """`{{ flag|absolute_url }}`: the object's page in the web UI, as a full URL."""
    return f"{settings.SITE_URL}{obj.get_absolute_url()}"


@register.filter
def days_old(days: int) -> str:
    """`{{ 3|days_old }}` -> "3 days old"; 0 -> "opened today"."""
    if days <= 0:
        return "opened today"
    return "1 day old" if days == 1 else f"{days} days old"
