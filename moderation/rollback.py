"""One-click rollback for patrollers.

The rollback itself is history's (history.actions.rollback: the last author's consecutive
edits undone in one new revision, audit-logged as "wiki.rollback"); patrolling adds that
the undone edits, and the rollback, count as patrolled.
"""

from history import actions as history_actions
from wiki.models.editing import EditMeta

NothingToRollBackError = history_actions.NothingToRollBackError


def rollback_last_author(page, request):
    """Undo the last author's edits to ``page`` as ``request.user``; returns the new revision."""
    revision, undone, _target = history_actions.rollback(page, request)
    EditMeta.objects.filter(revision__in=[*undone, revision]).update(patrolled=True)
    return revision
