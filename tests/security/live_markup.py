"""Find hostile markup that a browser would run, in a page or an email.

The page is parsed with html5lib, which builds the same tree a browser does,
so escaping tricks and broken markup are judged the way Chromium judges them.
"""

import re

import html5lib

from .xss_payloads import XSS_MARKER

URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "data",
    "xlink:href",
    "background",
    "poster",
    "srcdoc",
}
DANGEROUS_ELEMENTS = {"iframe", "object", "embed", "base", "frame", "frameset", "applet"}
# Script types a browser runs; JSON data blocks (json_script, JSON-LD) are inert.
INERT_SCRIPT_TYPES = {"application/json", "application/ld+json"}
CONTROL_AND_SPACE = re.compile(r"[\x00-\x20]+")


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1].lower()


def live_payloads(markup: str) -> list[str]:
    """Describe every place in `markup` where hostile input would run."""
    problems = []
    tree = html5lib.parse(markup, namespaceHTMLElements=False)
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        tag = _local(element.tag)
        attributes = {_local(name): value for name, value in element.attrib.items()}
        text = "".join(element.itertext())
        if tag == "script":
            script_type = attributes.get("type", "").strip().lower()
            if script_type not in INERT_SCRIPT_TYPES and (
                XSS_MARKER in text or XSS_MARKER in attributes.get("src", "")
            ):
                problems.append(f"<script> running {text[:80]!r}")
        if tag in DANGEROUS_ELEMENTS and XSS_MARKER in " ".join(attributes.values()) + text:
            problems.append(f"<{tag}> carrying the payload")
        if tag == "meta" and "refresh" in attributes.get("http-equiv", "").lower():
            problems.append("<meta http-equiv=refresh> injected")
        for name, value in attributes.items():
            if name.startswith("on") and XSS_MARKER in value:
                problems.append(f"<{tag} {name}=...> event handler")
            if name in URL_ATTRIBUTES:
                squeezed = CONTROL_AND_SPACE.sub("", value).lower()
                if squeezed.startswith(("javascript:", "vbscript:", "data:text/html")):
                    problems.append(f"<{tag} {name}={value[:60]!r}> script URL")
            if name == "style" and "expression(" in value.lower():
                problems.append(f"<{tag} style=expression(...)>")
    return problems
