"""Sanitising of user-supplied rich text with bleach.

Notes and descriptions may carry light formatting (emphasis, lists, links);
everything else, including scripts, event handlers and javascript: URLs, is
stripped before the text is stored.
"""

import bleach

ALLOWED_TAGS = frozenset(
    {"p", "br", "strong", "b", "em", "i", "u", "ul", "ol", "li", "blockquote", "code", "a"}
)
ALLOWED_ATTRIBUTES = {"a": ["href", "title"]}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})


def _links_open_safely(attrs, new=False):  # noqa: ARG001 (bleach's callback signature)
    attrs[(None, "rel")] = "nofollow noopener noreferrer"
    return attrs


def sanitize_rich_text(value: str | None) -> str:
    """Return `value` with only the allowed tags and safe links left.

    Example: '<p onclick="x()">Hi<script>alert(1)</script></p>' becomes
    '<p>Hi</p>' (the script's text is kept as inert text: 'alert(1)').
    """
    if not value:
        return ""
    cleaned = bleach.clean(
        value,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        protocols=ALLOWED_PROTOCOLS,
        strip=True,
        strip_comments=True,
    )
    cleaned = bleach.linkify(cleaned, callbacks=[_links_open_safely], skip_tags={"code"})
    return cleaned.strip()
