"""Patrolling wiki edits: mark them checked, approve or reject the ones held for review."""

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Page

from editing.fields import editable_fields, values_of
from editing.service import merge_values
from wiki.models.editing import EditMeta, EditStatus
from wiki.revisions import save_wiki_revision

from .audit import audit


class NotHeldError(Exception):
    """Only held edits can be approved or rejected."""


class HeldEditConflictError(Exception):
    """The page changed since the edit was held, in the same places: it cannot be merged automatically."""

    def __init__(self, fields):
        super().__init__(", ".join(fields))
        self.fields = fields


def unpatrolled_edits():
    return EditMeta.objects.filter(patrolled=False).select_related("page", "user", "revision")


def mark_patrolled(meta: EditMeta, *, by) -> EditMeta:
    if not meta.patrolled:
        meta.patrolled = True
        meta.save(update_fields=["patrolled"])
        audit(meta.page.specific, "moderation.patrol", by, revision=meta.revision_id, edit=meta.pk)
    return meta


def approve_held_edit(meta: EditMeta, *, by) -> EditMeta:
    """Publish the held edit; it becomes 'approved'.

    When the page was edited after the edit was held, the held changes are merged into the live
    text (as a save merges concurrent edits), so approving an old edit never undoes later ones.
    Changes to the same lines raise ``HeldEditConflictError`` and nothing changes.
    """
    with transaction.atomic():
        Page.objects.select_for_update().filter(pk=meta.page_id).values_list("pk", flat=True).first()
        meta = EditMeta.objects.select_for_update(of=("self",)).select_related("revision", "base_revision").get(pk=meta.pk)
        if meta.status != EditStatus.HELD:
            raise NotHeldError
        page = Page.objects.get(pk=meta.page_id).specific
        if page.live_revision_id in (None, meta.base_revision_id) or meta.base_revision is None:
            meta.revision.publish(user=by, changed=True, log_action=True, skip_permission_checks=True)
            merged_into = None
        else:
            merged_into = _merge_into_live(page, meta, by)
        meta.status = EditStatus.APPROVED
        meta.patrolled = True
        meta.save(update_fields=["status", "patrolled"])
        audit(page, "moderation.approve_edit", by, revision=meta.revision_id, edit=meta.pk,
              merged_revision=merged_into.pk if merged_into else None)
    return meta


def _merge_into_live(page, meta: EditMeta, by):
    """Save the held edit's changes merged with the later live text as a new live revision."""
    model = type(page)
    names = list(editable_fields(model))
    base = values_of(meta.base_revision.as_object(), names)
    held = values_of(meta.revision.as_object(), names)
    changed = {name: value for name, value in held.items() if value != base[name]}
    merged, conflicts = merge_values(model, {n: base[n] for n in changed}, values_of(page, changed), changed)
    if conflicts:
        raise HeldEditConflictError([str(model._meta.get_field(c.name).verbose_name) for c in conflicts])
    if all(getattr(page, name) == value for name, value in merged.items()):
        return None  # the live text already says what the held edit said
    for name, value in merged.items():
        setattr(page, name, value)
    with translation.override(page.locale.language_code):
        summary = _("Approved the held edit by %(author)s, merged with later edits") % {"author": meta.author_label}
    return save_wiki_revision(page, user=by, summary=summary)


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
