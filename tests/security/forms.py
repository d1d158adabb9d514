"""Fill every field of every form on a page, the way a hostile or careless
user would, and submit it."""

from html.parser import HTMLParser

TEXT_TYPES = {"text", "search", "email", "url", "tel", "password", ""}


class FormReader(HTMLParser):
    """Collects the POST forms of a page: action and fields (name -> kind, value, options)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._form = None
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("method", "get").lower() == "post":
            self._form = {
                "action": attrs.get("action") or "",
                "fields": {},
                "enctype": attrs.get("enctype", ""),
            }
            self.forms.append(self._form)
        if self._form is None:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text").lower()
            if kind in {"submit", "button", "image", "reset"}:
                return
            if kind in {"checkbox", "radio"} and name in self._form["fields"]:
                return
            self._form["fields"][name] = {"kind": kind, "value": attrs.get("value", ""), "options": []}
        elif tag == "textarea" and name:
            self._form["fields"][name] = {"kind": "textarea", "value": "", "options": []}
        elif tag == "select" and name:
            self._select = {"kind": "select", "value": "", "options": []}
            self._form["fields"][name] = self._select
        elif tag == "option" and self._select is not None:
            self._select["options"].append(attrs.get("value", ""))
            if "selected" in attrs:
                self._select["value"] = attrs.get("value", "")

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def post_forms(markup: str) -> list[dict]:
    reader = FormReader()
    reader.feed(markup)
    # A form with nothing but its CSRF token is a button (log out): not input.
    return [
        form for form in reader.forms if "csrfmiddlewaretoken" in form["fields"] and len(form["fields"]) > 1
    ]


def filled(form: dict, text: str) -> dict:
    """Every text field gets `text`; numbers, dates and choices get something valid."""
    data = {}
    for name, field in form["fields"].items():
        kind = field["kind"]
        if kind in TEXT_TYPES or kind == "textarea":
            data[name] = text
        elif kind == "number":
            data[name] = "12"
        elif kind == "date":
            data[name] = "2024-11-29"
        elif kind == "datetime-local":
            data[name] = "2024-11-29T10:00"
        elif kind == "select":
            choices = [option for option in field["options"] if option]
            data[name] = field["value"] or (choices[0] if choices else "")
        elif kind == "file":
            continue
        elif kind == "checkbox":
            data[name] = field["value"] or "on"
        else:  # hidden: csrf token, formset management
            data[name] = field["value"]
    return data
