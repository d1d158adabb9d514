"""Turning an uploaded article into the plain text a Document stores.

Only .txt and .html files are taken, up to settings.INGESTION_MAX_UPLOAD_BYTES.
HTML is read with lxml (libxml2's HTML parser, written in C, one pass over the
input, linear in its size): the contents of script, style and other invisible
elements are dropped, block elements become line breaks and entities come out
as the characters they name, so "&amp;" is stored as "&".

Why not bleach and regular expressions any more: bleach's tokenizer went far
worse than linear on entity-dense input (a 2 MiB file of "&amp;" took minutes
of CPU and a web worker with it; docs/security.md). The parser's work is
bounded by the size limit: bench/upload_bench.py measures the worst inputs we
know of at the limit, and the request is the right place for it (tens of
milliseconds), so an editor sees a bad file refused on the form at once.

Each upload is parsed once: the form and the service share the result
(`text_from_upload` remembers it on the upload object).
"""

from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from lxml import etree
from lxml import html as lxml_html

ALLOWED_TYPES = {
    ".txt": {"text/plain"},
    ".html": {"text/html", "application/xhtml+xml"},
    ".htm": {"text/html", "application/xhtml+xml"},
}
# Elements whose text is not part of the article.
INVISIBLE_TAGS = ("script", "style", "noscript", "template", "head", "svg", "math", "iframe", "object")
# Elements that start a new line of text.
BLOCK_TAGS = frozenset(
    "address article aside blockquote br dd div dl dt figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr"
    " li main nav ol p pre section table tbody td th thead tr ul title caption".split()
)
# Where text_from_upload keeps its result on the upload object, so the form's
# validation and the service share one parse.
_PARSED_ATTRIBUTE = "_claimtrack_text"


def max_upload_bytes() -> int:
    return int(getattr(settings, "INGESTION_MAX_UPLOAD_BYTES", 2 * 1024 * 1024))


def _parser() -> lxml_html.HTMLParser:
    # no_network: never fetch a DTD or entity from the web; huge_tree off keeps
    # libxml2's own limits on text node size and nesting depth.
    return lxml_html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, huge_tree=False)


def html_to_text(markup: str) -> str:
    """The readable text of an HTML page, one paragraph per line.

    Example: '<p>Army &amp; police</p><script>alert(1)</script>' -> 'Army & police'.
    """
    if not markup.strip():
        return ""
    try:
        root = etree.fromstring(markup, _parser())
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return ""
    if root is None:
        return ""
    etree.strip_elements(root, *INVISIBLE_TAGS, with_tail=False)
    pieces: list[str] = []
    # iterwalk is iterative, so deeply nested markup cannot exhaust the stack.
    for event, element in etree.iterwalk(root, events=("start", "end")):
        if not isinstance(element.tag, str):
            continue  # comments and processing instructions left by the parser
        tag = element.tag.lower()
        if event == "start":
            if tag in BLOCK_TAGS:
                pieces.append("\n")
            if element.text:
                pieces.append(element.text)
        else:
            if tag in BLOCK_TAGS:
                pieces.append("\n")
            if element.tail and element is not root:
                pieces.append(element.tail)
    return normalise_text("".join(pieces))


def normalise_text(text: str) -> str:
    """Unix line ends, spaces folded inside lines, no blank lines, no trailing space."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def text_from_upload(upload) -> str:
    """Validate an uploaded file and return its article text.

    Raises ValidationError({"upload": ...}) with a message an editor can act on.
    A second call for the same upload returns the first call's text.
    """
    remembered = getattr(upload, _PARSED_ATTRIBUTE, None)
    if remembered is not None:
        return remembered
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
    setattr(upload, _PARSED_ATTRIBUTE, text)
    return text
