"""The anti-spam checks every write from the site passes before anything is saved, in one place.

``check_write`` applies them in order: honeypot (400); for anonymous visitors, the proof of work
for this target (400); the per-session and per-address budgets of the scope (429). Editors and
Moderators (wiki.policy's ``trusted``) skip all but the honeypot. The hold rules (editing.holds)
apply afterwards to what is saved. Site edits, creates, restores and talk posts all come here.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from editing import budgets, pow
from wiki.permissions import is_editor


@dataclass
class Refusal:
    status: int
    reason: str


def check_write(request, *, honeypot_filled: bool, challenge: str = "", nonce: str = "", target: str,
                scope: str = "edit", trusted: bool | None = None) -> Refusal | None:
    """Honeypot, proof of work (anonymous visitors), budgets; None when the write may go on."""
    if honeypot_filled:
        return Refusal(400, _("This was not saved: the form looked automatically filled in. "
                              "Your text is kept below; please check it and send it again."))
    if trusted is None:
        trusted = is_editor(request.user)
    if trusted:
        return None
    if not request.user.is_authenticated and not pow.verify(challenge, nonce, target):
        return Refusal(400, _("This was not saved: the anti-spam check did not complete. "
                              "Your text is kept below; please send it again (JavaScript must be on)."))
    if not budgets.spend(request, scope):
        return Refusal(429, _("This was not saved: too much was sent from here in a short time. "
                              "Your text is kept below; please wait a few minutes and try again."))
    return None


def check_save(request, form, target: str) -> Refusal | None:
    """``check_write`` for the site's edit and create forms."""
    return check_write(request, honeypot_filled=form.honeypot_filled, challenge=form.data.get("challenge", ""),
                       nonce=form.data.get("nonce", ""), target=target)


def check_post(request, *, honeypot_filled: bool, scope: str, challenge: str = "", nonce: str = "",
               target: str = "") -> Refusal | None:
    """``check_write`` for other forms (talk) with their own budgets."""
    return check_write(request, honeypot_filled=honeypot_filled, challenge=challenge, nonce=nonce,
                       target=target or scope, scope=scope)
