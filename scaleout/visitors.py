"""People at the site, over HTTP: an anonymous visitor who solves the proof of work, an account holder.

The edit form and the save are the load test's (loadtest.editors.WikiFormEditor); what differs is who
saves: an anonymous visitor must send a solved challenge (editing/pow.py, what edit.js does in a browser).
"""

from __future__ import annotations

from editing.conf import DEFAULTS as EDITING_DEFAULTS
from editing.pow import digest, leading_zero_bits
from loadtest import forms
from loadtest.editors import Target, WikiFormEditor, new_marker
from loadtest.http import Client, Response

POW_BITS = EDITING_DEFAULTS["EDIT_POW_BITS"]


def solve(challenge: str, bits: int = POW_BITS) -> str:
    nonce = 0
    while leading_zero_bits(digest(challenge, str(nonce))) < bits:
        nonce += 1
    return str(nonce)


class SiteEditor(WikiFormEditor):
    """Saves through the wiki's edit form; ``answer`` is set to the challenge and nonce to send, when any."""

    def __init__(self, client: Client, username: str = "", password: str = ""):
        super().__init__(client, username, password)
        self.answer: tuple[str, str] | None = None
        self.sent: tuple[str, str] | None = None  # the challenge and nonce of the last save
        self.new_title: str | None = None

    def login(self):
        """The site's own log-in (accounts without admin access)."""
        page = self.client.get("/en/accounts/login/")
        _action, fields = forms.read_form(page.text)
        response = self.client.post("/en/accounts/login/", {
            "csrfmiddlewaretoken": forms.value(fields, "csrfmiddlewaretoken"),
            "username": self.username, "password": self.password, "next": "/en/",
        })
        if response.status not in (301, 302, 303) or "sessionid" not in self.client.cookies:
            raise RuntimeError(f"{self.username} could not log in ({response.status})")

    def prepare(self, fields, marker):
        fields = super().prepare(fields, marker)
        if self.new_title is not None:
            fields = forms.replace(fields, "title", self.new_title)
        challenge = forms.value(fields, "challenge")
        if self.answer is not None:
            challenge, nonce = self.answer
        elif challenge:
            nonce = solve(challenge)
        else:
            return fields
        self.sent = (challenge, nonce)
        return forms.replace(forms.replace(fields, "challenge", challenge), "nonce", nonce)


def save(editor: SiteEditor, target: Target) -> tuple[bool, Response, str]:
    """(acknowledged, the answer to the POST or, when the form itself was refused, to its GET, the marker written)."""
    form, outcome = editor.save(target)
    return outcome.acknowledged, outcome.response or form, outcome.marker


__all__ = ["SiteEditor", "Target", "new_marker", "save", "solve"]
