"""How a simulated editor saves a page. Pluggable: each way of saving is one small class.

An editor logs in once, then for each save reads the edit form, appends one line with a
unique marker word to the body, and posts the form. A save counts as acknowledged when the
server answers it as done; the checks afterwards look for every acknowledged marker in the
page's revisions.
"""

from __future__ import annotations

import re
import secrets
import string
from dataclasses import dataclass

from loadtest import forms
from loadtest.http import Client, Response


def new_marker() -> str:
    # Letters only, so every search backend indexes it as one word.
    return "zq" + "".join(secrets.choice(string.ascii_lowercase) for _ in range(10))


@dataclass
class Target:
    page_id: int
    url: str  # the page's public path, e.g. /en/definitions/konkollega/
    title: str


@dataclass
class SaveOutcome:
    acknowledged: bool
    response: Response | None
    marker: str
    detail: str = ""


class Editor:
    """Base class: log in with ``login`` and save with ``save``."""

    name = "abstract"
    body_field = "body"

    def __init__(self, client: Client, username: str, password: str):
        self.client, self.username, self.password = client, username, password

    def login(self):
        page = self.client.get("/admin/login/")
        _action, fields = forms.read_form(page.text)
        token = forms.value(fields, "csrfmiddlewaretoken")
        response = self.client.post(
            "/admin/login/",
            {"csrfmiddlewaretoken": token, "username": self.username, "password": self.password, "next": "/admin/"},
        )
        if response.status not in (301, 302, 303) or "sessionid" not in self.client.cookies:
            raise RuntimeError(f"{self.username} could not log in ({response.status})")

    def form_url(self, target: Target) -> str:
        raise NotImplementedError

    def wanted_form(self, attrs: dict) -> bool:
        return attrs.get("method", "get").lower() == "post"

    def prepare(self, fields: list[tuple[str, str]], marker: str) -> list[tuple[str, str]]:
        """The fields to post, besides the changed body."""
        return fields

    def acknowledged(self, target: Target, response: Response) -> bool:
        raise NotImplementedError

    def save(self, target: Target) -> tuple[Response, SaveOutcome]:
        """(the form GET, the outcome of the POST)."""
        marker = new_marker()
        form_page = self.client.get(self.form_url(target))
        if form_page.status != 200:
            return form_page, SaveOutcome(False, None, marker, f"form answered {form_page.status}")
        action, fields = forms.read_form(form_page.text, self.wanted_form)
        if not fields:
            return form_page, SaveOutcome(False, None, marker, "no form")
        # A new paragraph at a random place: concurrent edits of one page then mostly merge.
        paragraphs = forms.value(fields, self.body_field).strip().split("\n\n")
        paragraphs.insert(secrets.randbelow(len(paragraphs) + 1), f"Load-test edit {marker}.")
        fields = forms.replace(fields, self.body_field, "\n\n".join(paragraphs) + "\n")
        fields = self.prepare(fields, marker)
        response = self.client.post(action or self.form_url(target), fields)
        ok = self.acknowledged(target, response)
        detail = "" if ok else f"{response.status} {_first_error(response.text)}"
        return form_page, SaveOutcome(ok, response, marker, detail)


class AdminEditor(Editor):
    """Saves and publishes through Wagtail's admin edit view (works without the wiki's edit form)."""

    name = "wagtail-admin"

    def form_url(self, target: Target) -> str:
        return f"/admin/pages/{target.page_id}/edit/"

    def wanted_form(self, attrs: dict) -> bool:
        return attrs.get("id") == "page-edit-form"

    def prepare(self, fields: list[tuple[str, str]], marker: str) -> list[tuple[str, str]]:
        return [*fields, ("action-publish", "action-publish")]

    def acknowledged(self, target: Target, response: Response) -> bool:
        # Published: a redirect away from the edit form (to the explorer). Errors re-render the form (200).
        return response.status in (302, 303) and f"/pages/{target.page_id}/edit/" not in response.location


class WikiFormEditor(Editor):
    """Saves through the wiki's own edit form, POST <page url>edit/ (logged-in editors need no proof-of-work)."""

    name = "wiki-edit-form"

    def form_url(self, target: Target) -> str:
        return target.url + "edit/"

    def wanted_form(self, attrs: dict) -> bool:
        return attrs.get("id") == "edit-form"

    def prepare(self, fields: list[tuple[str, str]], marker: str) -> list[tuple[str, str]]:
        return [*forms.replace(fields, "summary", f"load test {marker}"), ("save", "1")]

    def acknowledged(self, target: Target, response: Response) -> bool:
        # A save (live, merged or held) redirects to the page; a conflict (409) or an error shows the form again.
        return response.status in (302, 303) and "/edit/" not in response.location


EDITORS = {cls.name: cls for cls in (AdminEditor, WikiFormEditor)}


def _first_error(html: str) -> str:
    match = re.search(r'class="[^"]*(?:error|errorlist|help-critical)[^"]*"[^>]*>(.{0,200})', html, re.S)
    return re.sub(r"<[^>]+>|\s+", " ", match.group(1)).strip()[:160] if match else ""
