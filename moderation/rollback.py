"""One-click rollback: undo the last author's consecutive edits to a page.

The page goes back to the newest revision saved by someone else (held or rejected
edits are skipped: they were never the page's text). The rollback is itself a new
revision (wiki.revisions.save_wiki_revision), so nothing is lost from the history.
"""

from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import Revision

from wiki.models.editing import EditMeta, EditStatus
from wiki.revisions import save_wiki_revision

from .audit import audit

NOT_THE_PAGES_TEXT = (EditStatus.HELD, EditStatus.REJECTED)


class NothingToRollBackError(Exception):
    """The page has no earlier revision by another author."""


def _meta(revision) -> EditMeta | None:
    try:
        return revision.wiki_meta
    except EditMeta.DoesNotExist:
        return None


def author_key(revision) -> tuple:
    meta = _meta(revision)
    if revision.user_id:
        return ("user", revision.user_id)
    if meta is not None and meta.session_hash:
        return ("session", meta.session_hash)
    if meta is not None:
        return ("name", meta.display_name)
    return ("revision", revision.pk)


def author_label(revision) -> str:
    meta = _meta(revision)
    if meta is not None:
        return meta.author_label
    return revision.user.get_username() if revision.user_id else _("anonymous visitor")


def page_text_revisions(page):
    """The page's revisions that were (or are) its text, newest first."""
    return (
        Revision.page_revisions.filter(object_id=str(page.pk))
        .exclude(wiki_meta__status__in=NOT_THE_PAGES_TEXT)
        .select_related("user", "wiki_meta")
        .order_by("-created_at", "-pk")
    )


def rollback_plan(page) -> tuple[list[Revision], Revision]:
    """(the last author's revisions to undo, the revision to go back to)."""
    revisions = iter(page_text_revisions(page))
    latest = next(revisions, None)
    if latest is None:
        raise NothingToRollBackError
    undone = [latest]
    key = author_key(latest)
    for revision in revisions:
        if author_key(revision) != key:
            return undone, revision
        undone.append(revision)
    raise NothingToRollBackError


def rollback_last_author(page, user, request=None) -> Revision:
    """Restore the page to the newest revision by another author; returns the new revision."""
    with transaction.atomic():
        page = page.specific_class.objects.select_for_update().get(pk=page.pk) if page.specific_class else page
        undone, target = rollback_plan(page)
        restored = target.as_object()
        summary = _("Rolled back edits by %(author)s to the version by %(other)s") % {
            "author": author_label(undone[0]), "other": author_label(target),
        }
        revision = save_wiki_revision(restored, request=request, user=user, summary=summary, restored_from=target)
        EditMeta.objects.filter(revision__in=undone).update(patrolled=True)
        EditMeta.objects.filter(revision=revision).update(patrolled=True)
        audit(restored, "moderation.rollback", user, revision=revision.pk, restored_from=target.pk,
              undone=[r.pk for r in undone], author=author_label(undone[0]))
    return revision
