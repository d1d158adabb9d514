"""Template tags for detection's panels on other apps' pages (so those apps
need not import detection)."""

from django import template

from ..attribution_balance import document_attribution_balance, reporting_verbs_load

register = template.Library()


@register.inclusion_tag("detection/_attribution_balance.html")
def attribution_balance(document):
    """The document's reporting verbs by source, highlighted, and whether they
    take sides (two queries: the verb lexicon and the conflicts among its claims)."""
    return {"balance": document_attribution_balance(document=document, verbs=reporting_verbs_load())}
