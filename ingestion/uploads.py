"""Turning an uploaded article into the plain text a Document stores.

Only .txt and .html files are taken, up to settings.INGESTION_MAX_UPLOAD_BYTES.
HTML is reduced to text with bleach: the contents of script and style
elements are removed first (bleach would otherwise keep their text), block
elements become line breaks, every tag is stripped and entities are
unescaped, so "&amp;" is stored as "&".
"""

import html
import re
from pathlib import PurePath

import bleach
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

ALLOWED_TYPES = {
    ".txt": {"text/plain"},
    ".html": {"text/html", "application/xhtml+xml"},
    ".htm": {"text/html", "application/xhtml+xml"},
}
# Elements whose text is not part of the article. Attributes are matched with
# [^<>]* (not [^>]*) so that a run of unclosed tags cannot make the search
# quadratic.
_INVISIBLE = re.compile(
    r"<(script|style|noscript|template|head|svg)\b[^<>]*>.*?(</\1\s*>|\Z)", re.IGNORECASE | re.DOTALL
)
_COMMENT = re.compile(r"<!--.*?(-->|\Z)", re.DOTALL)
_BLOCK_BREAK = re.compile(
    r"<\s*(br|/p|/div|/h[1-6]|/li|/tr|/blockquote|/section|/article|/header|/footer|/title|p|div|h[1-6]|li"
    r"|tr|blockquote)\b[^<>]*>",
    re.IGNORECASE,
)


def max_upload_bytes() -> int:
    return int(getattr(settings, "INGESTION_MAX_UPLOAD_BYTES", 2 * 1024 * 1024))


def html_to_text(markup: str) -> str:
    """The readable text of an HTML page, one paragraph per line.

    Example: '<p>Army &amp; police</p><script>alert(1)</script>' -> 'Army & police'.
    """
    markup = _COMMENT.sub(" ", markup)
    markup = _INVISIBLE.sub(" ", markup)
    markup = _BLOCK_BREAK.sub("\n", markup)
    stripped = bleach.clean(markup, tags=set(), attributes={}, strip=True, strip_comments=True)
    text = html.unescape(stripped)
    return normalise_text(text)


def normalise_text(text: str) -> str:
    """Unix line ends, spaces folded inside lines, no blank lines, no trailing space."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def text_from_upload(upload) -> str:
    """Validate an uploaded file and return its article text.

    Raises ValidationError({"upload": ...}) with a message an editor can act on.
    """
    name = getattr(upload, "name", "") or ""
    extension = PurePath(name).suffix.lower()
    if extension not in ALLOWED_TYPES:
        raise ValidationError({"upload": "Upload a .txt or .html file."}, code="file_type")
    limit = max_upload_bytes()
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            {"upload": f"The file is {filesizeformat(upload.size)}; the limit is {filesizeformat(limit)}."},
            code="file_too_large",
        )
    content_type = (getattr(upload, "content_type", "") or "").split(";")[0].strip().lower()
    if content_type and content_type not in ALLOWED_TYPES[extension]:
        raise ValidationError(
            {"upload": f"The file is named {extension} but was sent as {content_type}."},
            code="content_type",
        )
    raw = upload.read(limit + 1)
    if len(raw) > limit:
        raise ValidationError(
            {"upload": f"The file is larger than the limit of {filesizeformat(limit)}."},
            code="file_too_large",
        )
    if b"\x00" in raw:
        raise ValidationError({"upload": "This is not a text file."}, code="binary")
    try:
        decoded = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(
            {"upload": "The file is not UTF-8 text. Save it as UTF-8 and upload it again."},
            code="encoding",
        ) from None
    text = html_to_text(decoded) if extension in (".html", ".htm") else normalise_text(decoded)
    if not text.strip():
        raise ValidationError({"upload": "The file has no readable text."}, code="empty")
    return text
