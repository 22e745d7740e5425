"""Saving an edit from the site: serialised per page, merged with concurrent edits, never lost.

``submit_edit`` runs in one transaction that locks the page row (PostgreSQL
``SELECT … FOR UPDATE``; on SQLite the IMMEDIATE transaction mode already lets one
writer in at a time), re-reads the live revision and, when the page changed since
the form was opened, merges the user's values into it (three-way, line by line for
text, field by field for facts). Overlapping changes come back as a conflict and
nothing is saved.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import Page, Revision

from caching import page_scope
from editing.clashes import marked_text
from editing.fields import is_multiline, values_of
from editing.holds import hold_reason
from editing.merge import merge3, merge_value
from wiki.models.editing import EditMeta, EditStatus
from wiki.revisions import save_for_review, save_wiki_revision

_UNKNOWN = object()


@dataclass
class FieldConflict:
    name: str
    theirs: object
    yours: object
    marked: str = ""  # text with conflict markers (multi-line fields)


@dataclass
class Outcome:
    kind: str  # "saved", "unchanged", "conflict"
    revision: Revision | None = None
    status: str = ""
    hold_reason: str = ""
    merged: bool = False
    values: dict = field(default_factory=dict)  # what the form should show again (conflict)
    conflicts: list[FieldConflict] = field(default_factory=list)
    current_revision_id: int | None = None


def base_values(page, revision_id, names) -> dict | None:
    """The page's field values as of ``revision_id`` (None when that is not a revision of this page)."""
    if revision_id is None:
        return None
    revision = Revision.page_revisions.filter(pk=revision_id, object_id=str(page.pk)).first()
    if revision is None:
        return None
    return values_of(revision.as_object(), names)


def merge_values(model, base: dict | None, theirs: dict, yours: dict) -> tuple[dict, list[FieldConflict]]:
    merged, conflicts = {}, []
    for name, mine in yours.items():
        original = _UNKNOWN if base is None else base[name]
        other = theirs[name]
        if is_multiline(model, name) and original is not _UNKNOWN:
            result = merge3(original or "", other or "", mine or "")
            merged[name] = result.text("yours")
            if not result.clean:
                marked = marked_text(result, _("their version"), _("your version"))
                conflicts.append(FieldConflict(name, other, mine, marked))
            continue
        merged[name], conflict = merge_value(original, other, mine)
        if conflict:
            conflicts.append(FieldConflict(name, other, mine))
    return merged, conflicts


def _same(a, b) -> bool:
    if isinstance(a, str) and isinstance(b, str):
        return a.strip() == b.strip()
    return a == b or (a in (None, "") and b in (None, ""))


def _unchanged_kept(values: dict, original: dict) -> dict:
    """Forms strip whitespace around text: a field the user did not change keeps its stored value exactly."""
    return {name: original[name] if _same(value, original[name]) else value for name, value in values.items()}


def submit_edit(request, page, values: dict, base_revision_id: int | None, *, summary: str = "",
                display_name: str = "", reviewed: bool = False, for_review: bool = False) -> Outcome:
    """Save ``values`` (field -> new value) to ``page`` as a new revision, merging if needed.

    ``reviewed``: the author is trusted (an editor); hold rules do not apply.
    ``for_review``: a moderated page (wiki.policy ``as_draft``): a draft submitted to the page's workflow.
    """
    names = list(values)
    with transaction.atomic():
        Page.objects.select_for_update().filter(pk=page.pk).values_list("pk", flat=True).first()
        current = type(page).objects.get(pk=page.pk)
        current_id = current.live_revision_id
        values = _unchanged_kept(values, values_of(current, names))
        merged = False
        if base_revision_id != current_id:
            theirs = values_of(current, names)
            base = base_values(page, base_revision_id, names)
            if base is not None:
                values = _unchanged_kept(values, base)
            values, conflicts = merge_values(type(page), base, theirs, values)
            if conflicts:
                return Outcome("conflict", values=values, conflicts=conflicts, current_revision_id=current_id)
            merged = True
        old = values_of(current, names)
        if values == old:
            return Outcome("unchanged", current_revision_id=current_id)
        for name, value in values.items():
            setattr(current, name, value)
        reason = "" if reviewed else hold_reason(old, values, f"{summary}\n{display_name}")
        status = EditStatus.HELD if reason else EditStatus.LIVE
        if merged:
            note = _("merged with a concurrent edit")
            summary = f"{summary} ({note})".strip()
        changed = [name for name in names if values[name] != old[name]]
        if for_review:
            revision = save_for_review(current, request=request, summary=summary)
            status, reason = EditStatus.HELD, revision.wiki_meta.hold_reason
        else:
            with page_scope.retiring(current, changed, status):
                revision = save_wiki_revision(
                    current, request=request, display_name=display_name, summary=summary, status=status,
                    hold_reason=reason,
                )
    return Outcome("saved", revision=revision, status=status, hold_reason=reason, merged=merged,
                   current_revision_id=current_id)


def held_edits(page):
    """The edits of ``page`` waiting for review, newest first."""
    return EditMeta.objects.filter(page_id=page.pk, status=EditStatus.HELD).select_related("revision", "user")
