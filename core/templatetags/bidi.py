"""`{{ value|isolate }}`: user text embedded in a sentence of a template
(emails above all, where there is no <bdi>), see core/bidi.py."""

from django import template

from core.bidi import isolate as isolate_text

register = template.Library()


@register.filter
def isolate(value) -> str:
    return isolate_text(value)
