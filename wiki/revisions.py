"""Saving a wiki revision: a Wagtail revision plus the wiki's record of it (EditMeta).

Site edits, restores, rollbacks and approvals all go through ``save_wiki_revision``
so that every change is a revision with an author label, a summary and a status.
Permission checks happen before this is called (wiki.permissions): Wagtail skips
its own when a revision is published with ``user=None``.
"""

from django.db import transaction
from wagtail.models import Revision

from wiki.identity import ip_hash, session_hash
from wiki.models.editing import EditMeta, EditStatus, HoldReason


def text_size(page) -> int:
    """The size of a page's text, for the history's size change column."""
    names = ("title", *getattr(page, "markdown_fields", ()))
    return sum(len(getattr(page, name, "") or "") for name in names)


def latest_revision(page) -> Revision | None:
    return Revision.page_revisions.filter(object_id=str(page.pk)).order_by("-created_at", "-pk").first()


def _size_of(revision: Revision | None) -> int:
    """The text size of a revision: from its edit record when it has one (no need to rebuild the page)."""
    if revision is None:
        return 0
    size = EditMeta.objects.filter(revision_id=revision.pk).values_list("size", flat=True).first()
    return size if size is not None else text_size(revision.as_object())


def save_wiki_revision(
    page,
    *,
    request=None,
    user=None,
    display_name: str = "",
    summary: str = "",
    status: str = EditStatus.LIVE,
    hold_reason: str = "",
    base_revision: Revision | None = None,  # default: the live revision the change was made to
    restored_from: Revision | None = None,
) -> Revision:
    """Save ``page`` (already changed in memory) as a new revision; publish it when live."""
    if user is None and request is not None and request.user.is_authenticated:
        user = request.user
    if base_revision is None and page.live_revision_id:
        # The revision this text was built on: approving a held edit merges from it.
        base_revision = Revision(pk=page.live_revision_id)
    with transaction.atomic():
        previous = latest_revision(page)
        previous_size = _size_of(previous)
        live = status == EditStatus.LIVE
        # A published revision is validated by the publish (Page.save's full_clean); only a held one here.
        revision = page.save_revision(user=user, changed=True, log_action=True, clean=not live)
        size = text_size(page)
        EditMeta.objects.create(
            revision=revision,
            page_id=page.pk,
            language=page.locale.language_code,
            page_type=page._meta.label,
            summary=summary[:300],
            user=user,
            display_name="" if user else display_name[:80],
            status=status,
            hold_reason=hold_reason[:300],
            size=size,
            size_delta=size - previous_size,
            base_revision=base_revision,
            restored_from=restored_from,
            session_hash=session_hash(request) if request is not None else "",
            ip_hash=ip_hash(request) if request is not None else "",
        )
        if live:
            # The wiki's policy was checked before this call (wiki.permissions); Wagtail's own
            # publish permission would refuse every account that is not a Wagtail editor.
            revision.publish(user=user, changed=True, log_action=True, skip_permission_checks=True)
    return revision


def save_for_review(page, *, request=None, user=None, summary: str = "", restored_from: Revision | None = None,
                    base_revision: Revision | None = None) -> Revision:
    """A change to a moderated page (wiki.policy: ``as_draft``): saved as a draft revision, not published,
    and submitted to the page's workflow (unless one is under way: its approval publishes the latest revision).
    """
    if user is None and request is not None and request.user.is_authenticated:
        user = request.user
    with transaction.atomic():
        revision = save_wiki_revision(
            page, request=request, user=user, summary=summary, status=EditStatus.HELD, hold_reason=HoldReason.WORKFLOW,
            restored_from=restored_from, base_revision=base_revision,
        )
        workflow = page.get_workflow()
        if workflow is not None and not page.workflow_in_progress:
            workflow.start(page, user)
    return revision


def published_revision_ids(page) -> set[int]:
    """The revisions of ``page`` that were ever live: published (Wagtail's log) or approved (EditMeta)."""
    from wagtail.models import PageLogEntry

    published = set(
        PageLogEntry.objects.filter(page_id=page.pk, action__in=("wagtail.publish", "wagtail.publish.scheduled"))
        .exclude(revision_id=None).values_list("revision_id", flat=True)
    )
    published |= set(
        EditMeta.objects.filter(page_id=page.pk, status__in=(EditStatus.LIVE, EditStatus.APPROVED))
        .values_list("revision_id", flat=True)
    )
    if page.live_revision_id:
        published.add(page.live_revision_id)
    return published
