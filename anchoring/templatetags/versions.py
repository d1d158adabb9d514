from django import template

from anchoring.selectors import document_versions_context

register = template.Library()


@register.inclusion_tag("anchoring/_versions_panel.html", takes_context=True)
def document_versions_panel(context, document):
    """The document page's versions: the list, what changed since the one
    before, and where each excerpt of the earlier versions stands now."""
    return {"perms": context.get("perms"), **document_versions_context(document)}
