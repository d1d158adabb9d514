"""Jinja2 for the few row loops that are rendered with it instead of Django's
template language (docs/performance.md, "Compiled row loops").

Jinja2 compiles a template to Python, so a loop over some thousand plain
values costs a fraction of what the Django template language spends resolving
and escaping them one by one. The pages themselves stay Django templates; a
row loop rendered here is embedded in one as a safe string.

Autoescape is on and an undefined name is an error, never a silent blank:
the loops read dicts built in one function each, which tests render.
`render_rows` gives the bytes Django's escaping gives: Jinja2 (markupsafe)
writes a quote as `&#39;`/`&#34;` where Django writes `&#x27;`/`&quot;`, the
same characters to a browser. Converting the finished text is exact: an
escaped value holds `&#39;` only where it had a quote (its own `&` became
`&amp;`), and the templates' own text holds neither entity (a test checks).
"""

from django.template import engines
from django.utils.safestring import SafeString, mark_safe
from jinja2 import Environment, StrictUndefined


def environment(**options) -> Environment:
    options.pop("autoescape", None)
    options["undefined"] = StrictUndefined
    return Environment(autoescape=True, **options)


def render_rows(template_name: str, context: dict) -> SafeString:
    """A Jinja2 template (in an app's jinja2/ folder), escaped as Django escapes."""
    text = engines["jinja2"].get_template(template_name).render(context)
    return mark_safe(text.replace("&#39;", "&#x27;").replace("&#34;", "&quot;"))  # noqa: S308 - autoescaped
