"""Who may add a business or write a guest post, and whether it goes live or waits for a Moderator.

One function per write path, so that the project's single policy module can take these decisions
over in one place. Until it does, they ask what exists: wiki.permissions (roles and the
``wiki_edit_refusal`` hook, where blocks live) and editing.guards (honeypot, proof of work, budgets).
DESIGN.md's table: adding a business or a guest post is held for review for anonymous visitors and
accounts, live at once for Editors and Moderators.
"""

from dataclasses import dataclass

from wagtail import hooks

from editing.guards import Refusal, check_save
from wiki.permissions import is_editor


@dataclass
class Verdict:
    refusal: str | None = None  # why not at all (403), or None
    live: bool = False  # publish at once (True) or hold for a Moderator's review


def _blocked(request, draft) -> str | None:
    # Blocks are refusals other apps register on the edit policy's hook (moderation.blocks).
    for refusal in hooks.get_hooks("wiki_edit_refusal"):
        reason = refusal(request, draft)
        if reason:
            return reason
    return None


def _held_unless_editor(request, draft) -> Verdict:
    reason = _blocked(request, draft)
    if reason:
        return Verdict(refusal=reason)
    return Verdict(live=is_editor(request.user))


def may_add_business(request, draft) -> Verdict:
    """Adding a case study (``draft``: the unsaved CaseStudyPage) from the site."""
    return _held_unless_editor(request, draft)


def may_write_post(request, draft) -> Verdict:
    """A guest post on the blog (``draft``: the unsaved BlogPostPage)."""
    return _held_unless_editor(request, draft)


def business_anti_spam(request, form, target: str) -> Refusal | None:
    """Honeypot, proof of work (anonymous) and budgets, as for edits."""
    return check_save(request, form, target)


def post_anti_spam(request, form, target: str) -> Refusal | None:
    return check_save(request, form, target)
