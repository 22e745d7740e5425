"""Which cached pages a published wiki edit retires.

Listings, tag pages, the home page, links and the other language show a page's title, short
definition, summary and facts, never its body or sources (only the page's own template and search
do). So an edit that changes only those fields retires only the page itself (the cached search
results, kept briefly, catch up on their own); every other edit, and every write that is not the
page's own, retires every cached page (caching.signals). At a fair, a stream of body edits then
leaves the rest of the site, and popular searches, cached.
"""

from __future__ import annotations

from contextlib import nullcontext
from urllib.parse import unquote

from taggit.models import ItemBase
from wagtail.models import Page, Revision

from caching.signals import changes_confined_to
from wiki.models.editing import EditMeta, EditStatus

# Fields that only the page's own view shows.
OWN_PAGE_FIELDS = frozenset({"body", "sources"})


def url_path(page) -> str | None:
    """The path the page is served at (as Django's request.path has it), or None when it has no URL."""
    parts = page.get_url_parts()
    return unquote(parts[2]) if parts and parts[2] else None


def belongs_to(page, instance) -> bool:
    """Is ``instance`` a row that saving ``page`` writes: the page, its revision, its edit record, its tag links?"""
    if isinstance(instance, Page):
        return instance.pk == page.pk
    if isinstance(instance, Revision):
        return str(instance.object_id) == str(page.pk) and instance.content_type_id == page.content_type_id
    if isinstance(instance, EditMeta):
        return instance.page_id == page.pk
    if isinstance(instance, ItemBase):
        # Publishing saves the page's tag links again, unchanged (the edit form does not change tags).
        return type(instance) is page.tags.through and instance.content_object_id == page.pk
    return False


def retiring(page, changed_fields, status):
    """A context for saving ``page``: confined to the page when it is published and only its own fields
    changed. A held edit changes what the page shows (its notice) and the moderators' lists."""
    confined = status == EditStatus.LIVE and changed_fields and OWN_PAGE_FIELDS.issuperset(changed_fields)
    path = url_path(page) if confined else None
    if path is None:
        return nullcontext()
    return changes_confined_to([path], lambda instance: belongs_to(page, instance))
