"""Read an HTML form's fields as a browser would submit them (no third-party parser)."""

from __future__ import annotations

from html.parser import HTMLParser

SKIPPED_INPUTS = {"submit", "button", "image", "file", "reset"}


class _FormParser(HTMLParser):
    def __init__(self, wanted):
        super().__init__(convert_charrefs=True)
        self.wanted = wanted  # fn(attrs) -> bool: is this the form?
        self.in_form = False
        self.done = False
        self.action = None
        self.fields: list[tuple[str, str]] = []
        self._textarea: tuple[str, list[str]] | None = None
        self._select: tuple[str, list[tuple[str, bool]], bool] | None = None
        self._option: list | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag == "form" and not self.in_form and not self.done and self.wanted(a):
            self.in_form, self.action = True, a.get("action")
            return
        if not self.in_form:
            return
        if tag == "input" and a.get("name") and "disabled" not in a:
            kind = a.get("type", "text").lower()
            if kind in SKIPPED_INPUTS or (kind in ("checkbox", "radio") and "checked" not in a):
                return
            self.fields.append((a["name"], a.get("value", "on" if kind in ("checkbox", "radio") else "")))
        elif tag == "textarea" and a.get("name"):
            self._textarea = (a["name"], [])
        elif tag == "select" and a.get("name"):
            self._select = (a["name"], [], "multiple" in a)
        elif tag == "option" and self._select is not None:
            self._option = [a.get("value"), "selected" in a, []]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1].append(data)
        if self._option is not None:
            self._option[2].append(data)

    def handle_endtag(self, tag):
        if not self.in_form:
            return
        if tag == "textarea" and self._textarea is not None:
            text = "".join(self._textarea[1])
            self.fields.append((self._textarea[0], text[1:] if text.startswith("\n") else text))
            self._textarea = None
        elif tag == "option" and self._option is not None and self._select is not None:
            value, selected, text = self._option
            self._select[1].append((value if value is not None else "".join(text).strip(), selected))
            self._option = None
        elif tag == "select" and self._select is not None:
            name, options, multiple = self._select
            chosen = [v for v, s in options if s] or ([] if multiple or not options else [options[0][0]])
            self.fields.extend((name, v) for v in chosen)
            self._select = None
        elif tag == "form":
            self.in_form, self.done = False, True


def read_form(html: str, wanted=lambda attrs: attrs.get("method", "get").lower() == "post"):
    """(action, [(name, value), ...]) of the first form for which ``wanted(attrs)`` holds."""
    parser = _FormParser(wanted)
    parser.feed(html)
    if parser.action is None and not parser.fields:
        return None, []
    return parser.action, parser.fields


def replace(fields: list[tuple[str, str]], name: str, value: str) -> list[tuple[str, str]]:
    return [(n, value if n == name else v) for n, v in fields]


def value(fields: list[tuple[str, str]], name: str, default: str = "") -> str:
    return next((v for n, v in fields if n == name), default)
