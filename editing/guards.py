"""Anti-spam checks run before anything people post from the site is saved: honeypot, proof of work,
budgets. Each returns a refusal or None. Editing uses ``check_save``; other apps (talk) ``check_post``."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from editing import budgets, pow
from wiki.permissions import is_editor


@dataclass
class Refusal:
    status: int
    reason: str


def check_post(request, *, honeypot_filled: bool, scope: str) -> Refusal | None:
    """Honeypot (400) and the per-session/per-IP budgets of ``scope`` (429); editors skip the budgets."""
    if honeypot_filled:
        return Refusal(400, _("This was not saved: the form looked automatically filled in. "
                              "Please check your text and send it again."))
    if is_editor(request.user):
        return None
    if not budgets.spend(request, scope):
        return Refusal(429, _("This was not saved: too much was sent from here in a short time. "
                              "Please wait a few minutes and try again."))
    return None


def check_save(request, form, target: str) -> Refusal | None:
    """Honeypot (400), proof of work for anonymous visitors (400), budgets (429). Editors skip the last two."""
    if form.honeypot_filled:
        return Refusal(400, _("Your edit was not saved: the form looked automatically filled in. "
                              "Please check your text and save again."))
    if is_editor(request.user):
        return None
    if not request.user.is_authenticated:
        if not pow.verify(form.data.get("challenge", ""), form.data.get("nonce", ""), target):
            return Refusal(400, _("Your edit was not saved: the anti-spam check did not complete. "
                                  "Your text is kept below; please save again (JavaScript must be on)."))
    if not budgets.spend(request):
        return Refusal(429, _("Your edit was not saved: too many edits in a short time from here. "
                              "Your text is kept below; please wait a few minutes and save again."))
    return None
