"""Adding a new page from the site: live at once, or held (unpublished, with a held revision) for a Moderator.

A held page is created with ``live=False``, so Wagtail keeps it out of the site, search, listings
and the API; its revision carries an ``EditMeta`` with status HELD, which puts it in the Moderators'
patrol list, where approving publishes it (moderation.patrol.approve_held_edit).
"""

from django.core import signing
from django.db import transaction
from django.utils.text import slugify
from wagtail.coreutils import find_available_slug
from wagtail.models import Page, Revision

from editing.holds import hold_reason
from wiki.models import EditMeta, EditStatus
from wiki.revisions import save_wiki_revision

STATUS_SALT = "fair.submission"


def add_page(request, parent, page, *, live: bool, summary: str, why_held: str, display_name: str = "",
             tags=()) -> Revision:
    """Add ``page`` (unsaved) under ``parent`` and save its first revision: published when ``live``.

    A held page records the hold rule it tripped (links, blocked words) when it tripped one, so the
    Moderator sees it, and otherwise ``why_held``."""
    reason = "" if live else (
        hold_reason({}, {"title": page.title, "body": getattr(page, "body", "")}, f"{summary}\n{display_name}")
        or why_held
    )
    with transaction.atomic():
        # Serialises concurrent additions under one parent (unique slugs, tree paths).
        parent = type(parent).objects.select_for_update().get(pk=parent.pk)
        page.slug = find_available_slug(parent, slugify(page.title, allow_unicode=True)[:200] or "page")
        page.live = live
        parent.add_child(instance=page)
        if tags:
            page.tags.add(*tags)
        revision = save_wiki_revision(
            page, request=request, display_name=display_name, summary=summary,
            status=EditStatus.LIVE if live else EditStatus.HELD, hold_reason=reason,
        )
    return revision


def status_token(revision: Revision) -> str:
    """An unguessable reference to a submission, for its author's status link."""
    return signing.dumps(revision.pk, salt=STATUS_SALT)


def submission_for(token: str) -> tuple[Page, EditMeta] | None:
    try:
        revision_id = signing.loads(token, salt=STATUS_SALT)
    except signing.BadSignature:
        return None
    meta = EditMeta.objects.filter(revision_id=revision_id).select_related("page").first()
    if meta is None:
        return None
    return meta.page.specific, meta


def same_name_pages(parent, model, title: str):
    """Pages of ``model`` under ``parent`` with this name (case-insensitive), live or waiting for review."""
    return model.objects.child_of(parent).filter(title__iexact=title.strip())
