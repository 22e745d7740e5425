"""Patrolling wiki edits: mark them checked, approve or reject the ones held for review."""

from django.db import transaction
from wagtail.models import Page

from wiki.models.editing import EditMeta, EditStatus

from .audit import audit


class NotHeldError(Exception):
    """Only held edits can be approved or rejected."""


def unpatrolled_edits():
    return EditMeta.objects.filter(patrolled=False).select_related("page", "user", "revision")


def mark_patrolled(meta: EditMeta, *, by) -> EditMeta:
    if not meta.patrolled:
        meta.patrolled = True
        meta.save(update_fields=["patrolled"])
        audit(meta.page.specific, "moderation.patrol", by, revision=meta.revision_id, edit=meta.pk)
    return meta


def approve_held_edit(meta: EditMeta, *, by) -> EditMeta:
    """Publish the held revision; the edit becomes 'approved'."""
    with transaction.atomic():
        meta = EditMeta.objects.select_for_update().get(pk=meta.pk)
        if meta.status != EditStatus.HELD:
            raise NotHeldError
        meta.revision.publish(user=by, changed=True, log_action=True)
        meta.status = EditStatus.APPROVED
        meta.patrolled = True
        meta.save(update_fields=["status", "patrolled"])
        audit(meta.page.specific, "moderation.approve_edit", by, revision=meta.revision_id, edit=meta.pk)
    return meta


def reject_held_edit(meta: EditMeta, *, by, comment: str = "") -> EditMeta:
    """Refuse a held edit. Its revision stays in the history; the page keeps its live text."""
    with transaction.atomic():
        meta = EditMeta.objects.select_for_update().get(pk=meta.pk)
        if meta.status != EditStatus.HELD:
            raise NotHeldError
        meta.status = EditStatus.REJECTED
        meta.patrolled = True
        meta.save(update_fields=["status", "patrolled"])
        page = Page.objects.get(pk=meta.page_id)
        if page.latest_revision_id == meta.revision_id and page.live_revision_id:
            # The admin's editor opens the latest revision: point it back at the live text.
            Page.objects.filter(pk=page.pk).update(latest_revision_id=page.live_revision_id,
                                                   has_unpublished_changes=False)
        audit(page.specific, "moderation.reject_edit", by, revision=meta.revision_id, edit=meta.pk,
              comment=comment[:300])
    return meta
