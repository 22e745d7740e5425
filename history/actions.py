"""Restore and rollback: an old text comes back as a new revision, nothing is ever deleted."""

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from editing.fields import editable_fields, values_of
from editing.holds import hold_reason
from history.timeline import author_identity, author_label, meta_of, page_revisions
from wiki.models.editing import EditMeta, EditStatus
from wiki.revisions import published_revision_ids, save_for_review, save_wiki_revision

ROLLBACK_ACTION = "wiki.rollback"
UNAPPROVED = (EditStatus.HELD, EditStatus.REJECTED)


class NothingToRollBackError(Exception):
    """The latest author made every revision of the page, or the page has no revisions."""


def _when(revision) -> str:
    return formats.date_format(timezone.localtime(revision.created_at), "DATETIME_FORMAT")


def was_unapproved(revision) -> bool:
    """A held or rejected revision: never live, so only editors may bring it back."""
    meta = meta_of(revision)
    return meta is not None and meta.status in UNAPPROVED


def restore_summary(page, revision) -> str:
    with translation.override(page.locale.language_code):
        return _("Restored revision of %(date)s by %(author)s") % {
            "date": _when(revision),
            "author": author_label(revision),
        }


def restore_revision(page, revision, request, *, trusted: bool = True, for_review: bool = False):
    """Save the text and fields of ``revision`` as the page's newest revision.

    Published, unless the hold rules hold it (an untrusted author: the same rules as an edit, so a restore
    that blanks most of the page waits for review) or the page is moderated (``for_review``: a draft
    submitted to its workflow).
    """
    current = page.specific_class.objects.get(pk=page.pk)
    restored = current.with_content_json(revision.content)
    summary = restore_summary(page, revision)
    if for_review:
        return save_for_review(restored, request=request, summary=summary, restored_from=revision)
    reason = ""
    if not trusted:
        names = editable_fields(type(current))
        reason = hold_reason(values_of(current, names), values_of(restored, names))
    return save_wiki_revision(
        restored, request=request, summary=summary, restored_from=revision,
        status=EditStatus.HELD if reason else EditStatus.LIVE, hold_reason=reason,
    )


def rollback_plan(page):
    """(the latest author's consecutive revisions, newest first; the revision to go back to)."""
    revisions = list(page_revisions(page)[:500])
    if not revisions:
        raise NothingToRollBackError
    who = author_identity(revisions[0])
    run = []
    rest = iter(revisions)
    for revision in rest:
        if author_identity(revision) != who:
            target = revision
            break
        run.append(revision)
    else:
        raise NothingToRollBackError
    # Go back to the last revision before the run that was live: never to a draft, a held or a rejected one.
    published = published_revision_ids(page)
    while target is not None and (was_unapproved(target) or target.pk not in published):
        target = next(rest, None)
    if target is None:
        raise NothingToRollBackError
    return run, target


def rollback(page, request, *, for_review: bool = False):
    """Revert the latest author's consecutive edits in one new revision; audit-logged.

    Only editors and moderators roll back, so the undone edits and the rollback count as patrolled.
    On a moderated page (``for_review``) the rollback is a draft submitted to the page's workflow.
    """
    run, target = rollback_plan(page)
    reverted_author = author_label(run[0])
    with translation.override(page.locale.language_code):
        summary = _("Reverted %(count)s edit(s) by %(author)s to the revision of %(date)s by %(target_author)s") % {
            "count": len(run),
            "author": reverted_author,
            "date": _when(target),
            "target_author": author_label(target),
        }
    current = page.specific_class.objects.get(pk=page.pk)
    restored = current.with_content_json(target.content)
    if for_review:
        revision = save_for_review(restored, request=request, summary=summary, restored_from=target)
    else:
        revision = save_wiki_revision(restored, request=request, summary=summary, restored_from=target)
        EditMeta.objects.filter(revision__in=[*run, revision]).update(patrolled=True)
    log(
        instance=current,
        action=ROLLBACK_ACTION,
        user=request.user,
        revision=revision,
        data={
            "reverted_revisions": [r.pk for r in run],
            "reverted_author": reverted_author,
            "restored_revision": target.pk,
            "new_revision": revision.pk,
        },
    )
    return revision, run, target
