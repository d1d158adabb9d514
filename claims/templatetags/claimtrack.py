"""Small template helpers shared by every page of the web UI."""

from django import template
from django.http import QueryDict
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from accounts.roles import Role, user_role
from core.richtext import sanitize_rich_text

register = template.Library()

ROLE_LABELS = {role.value: role.label for role in Role}


@register.simple_tag
def role_badge(user) -> str:
    """The signed-in user's role as a small badge, so everyone sees what they may do."""
    role = user_role(user)
    if role is None:
        return format_html('<span class="badge badge--muted">{}</span>', "No role")
    return format_html('<span class="badge badge--role-{}">{}</span>', role, ROLE_LABELS[role])


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The current query string with some parameters replaced (for pagination links)."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            query.pop(key, None)
        else:
            query[key] = value
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"


# What each detection rule checks, in one line an editor can act on
# (docs/detection.md has the full rules). Rules added later without a line
# here show their name only.
RULE_EXPLANATIONS = {
    "figure_mismatch": "Two sources give figures for the same thing at the same event that cannot both be true.",
    "framing_conflict": "The same action is described in opposing loaded words (a retreat called a redeployment).",
    "territorial_control": "Two claims say different sides hold the same place at the same time.",
    "party_only_sourcing": "A figure is vouched for only by parties to the conflict, with no independent source.",
    "verified_contradiction": "Two claims already marked verified are recorded as contradicting each other.",
    "editor_contradiction": "An editor recorded that these two claims contradict each other.",
}


@register.filter
def rule_explanation(rule: str) -> str:
    return RULE_EXPLANATIONS.get(rule, "")


# Web filter name -> API export parameter (docs/api.md), per page. The claim
# list's filters map one to one; the queue exports the claims behind its
# conflicts, narrowed by the same event and source.
EXPORT_PARAMETERS = {
    "claims": {"q": "search", "status": "status", "kind": "kind", "event": "event", "source": "source"},
    "queue": {"event": "event", "source": "source"},
}


@register.simple_tag(takes_context=True)
def export_url(context, file_format: str, page: str = "claims") -> str:
    """The export link for this page's current filters (CSV or JSON)."""
    query = context["request"].GET
    exported = QueryDict(mutable=True)
    for web_name, api_name in EXPORT_PARAMETERS[page].items():
        value = query.get(web_name, "").strip()
        if value:
            exported[api_name] = value
    if page == "claims" and query.get("has_open_conflict", "").lower() in ("true", "false"):
        exported["has_open_flags"] = query["has_open_conflict"].lower()
    if page == "queue":
        exported["has_open_flags"] = "true"
    url = reverse(f"api:claim-export-{file_format}")
    return f"{url}?{exported.urlencode()}" if exported else url


@register.filter
def severity_class(severity: int) -> str:
    return {10: "low", 20: "medium", 30: "high", 40: "critical"}.get(severity, "medium")


@register.filter
def rich_text(value: str) -> str:
    """Show stored rich text (source notes, event descriptions). It was
    sanitised on save; cleaning it again here means a row written some other
    way (an import, the shell) still cannot inject markup."""
    return mark_safe(sanitize_rich_text(value))  # noqa: S308 - bleach-cleaned on the line itself


@register.filter
def percent(share: float | None) -> str:
    if share is None:
        return "—"
    return f"{share * 100:.0f}%"
