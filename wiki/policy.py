"""Who may do what to which page: the one policy every write path asks.

``decide(request, action, page)`` answers for the site's views (edit, create, restore, rollback,
talk, protect, a new business or guest post) and, through moderation's Wagtail hooks, for the admin (edit, publish, unpublish,
delete, move, copy). Who acts on a workflow task is the workflow's own rule (its groups); a block
stops that too (moderation.admin_policy.BlockedAdminWritesMiddleware). The answer depends on

- the role: anonymous visitor, account, Editor, Moderator (wiki.permissions);
- refusals other apps contribute through the ``wiki_write_refusal`` Wagtail hook, a function
  ``(request, user) -> str | None`` (moderation: a blocked account or session may write nothing);
- the page type: ``open_editing`` types (definitions, case studies) are open to anyone;
- protection (PageProtection): editors only;
- the workflow: a page under a Wagtail workflow (market guides) is moderated: what an Editor
  changes becomes a draft submitted to the workflow; only a Moderator's approval makes it live.

The table in README.md ("Who may do what") is this module in words.
"""

from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext as _
from wagtail import hooks

from wiki.permissions import is_editor, is_moderator, is_protected


class Action(StrEnum):
    EDIT = "edit"  # change a page's text (site form, admin edit)
    CREATE = "create"  # a new page (site create form, admin create/copy)
    RESTORE = "restore"  # an old revision back as a new one
    ROLLBACK = "rollback"  # undo the latest author's run of edits
    TALK = "talk"  # post to a page's discussion
    PUBLISH = "publish"  # make a draft live in the admin
    UNPUBLISH = "unpublish"
    DELETE = "delete"
    MOVE = "move"
    MODERATE = "moderate"  # protect/unprotect, patrol, approve or reject held edits, block
    SUBMIT = "submit"  # a new business or a guest blog post from the site: held for review unless trusted


# Actions only a Moderator takes.
MODERATOR_ACTIONS = {Action.UNPUBLISH, Action.DELETE, Action.MOVE, Action.MODERATE}
# Actions that change a page's content and so go through the workflow on a moderated page.
CONTENT_ACTIONS = {Action.EDIT, Action.RESTORE, Action.ROLLBACK}


@dataclass(frozen=True)
class Decision:
    """The policy's answer. ``allowed`` False comes with a ``reason`` to show.

    ``as_draft``: the change is saved as a draft revision and submitted to the page's workflow.
    ``trusted``: an Editor or Moderator: no anti-spam checks and no hold rules.
    """

    allowed: bool
    reason: str = ""
    as_draft: bool = False
    trusted: bool = False

    def __bool__(self) -> bool:
        return self.allowed


def _refuse(reason: str) -> Decision:
    return Decision(False, reason)


def write_refusal(request=None, user=None) -> str | None:
    """Why this account or visitor may write nothing at all (a block), or None."""
    if user is None and request is not None:
        user = getattr(request, "user", None)
    for refusal in hooks.get_hooks("wiki_write_refusal"):
        reason = refusal(request, user)
        if reason:
            return reason
    return None


def is_moderated(page) -> bool:
    """A page under a Wagtail workflow: its changes go live only through a Moderator's approval."""
    if page is None or page.pk is None:
        return False
    return page.get_workflow() is not None


def is_open(page) -> bool:
    return bool(getattr(page.specific_class or type(page), "open_editing", False))


def decide(request, action: Action, page=None, *, user=None) -> Decision:
    """May this request (or ``user``, in the admin) take ``action`` on ``page``?"""
    user = user if user is not None else getattr(request, "user", None)
    blocked = write_refusal(request, user)
    if blocked:
        return _refuse(blocked)
    moderator, editor = is_moderator(user), is_editor(user)

    if action in MODERATOR_ACTIONS:
        if moderator:
            return Decision(True, trusted=True)
        return _refuse(_("Only moderators can do this."))
    if moderator:
        return Decision(True, trusted=True)

    moderated = action != Action.CREATE and is_moderated(page)
    if editor:
        if action == Action.PUBLISH and moderated:
            return _refuse(_("This page goes live only when a moderator approves it."))
        return Decision(True, as_draft=moderated and action in CONTENT_ACTIONS, trusted=True)

    # Anonymous visitors and accounts without a role.
    if action == Action.SUBMIT:
        return Decision(True)
    if action == Action.PUBLISH:
        return _refuse(_("Only editors can publish."))
    if action == Action.ROLLBACK:
        return _refuse(_("Only editors can roll back edits."))
    if moderated or page is None or not is_open(page):
        return _refuse(_("Only editors can change this kind of page."))
    if action != Action.CREATE and is_protected(page):
        return _refuse(_("This page is protected: only editors can change it."))
    return Decision(True)


def refusal(request, action: Action, page=None) -> str | None:
    """The reason ``decide`` refuses, or None when it allows."""
    decision = decide(request, action, page)
    return None if decision else decision.reason
