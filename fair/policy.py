"""Who may add a business or write a guest post, and whether it goes live or waits for a Moderator.

The decision is wiki.policy's (``Action.SUBMIT``: blocks refuse; Editors and Moderators are live at
once; everyone else is held for review); the anti-spam checks are editing.guards', as for edits.
"""

from dataclasses import dataclass

from editing.guards import Refusal, check_save
from wiki.policy import Action, decide


@dataclass
class Verdict:
    refusal: str | None = None  # why not at all (403), or None
    live: bool = False  # publish at once (True) or hold for a Moderator's review


def may_submit(request) -> Verdict:
    """A new case study or blog post from the site's add/write forms."""
    decision = decide(request, Action.SUBMIT)
    if not decision:
        return Verdict(refusal=decision.reason)
    return Verdict(live=decision.trusted)


def anti_spam(request, form, target: str) -> Refusal | None:
    """Honeypot, proof of work (anonymous) and budgets, as for edits."""
    return check_save(request, form, target)
