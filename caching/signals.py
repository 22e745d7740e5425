"""Retire every cached page when content may have changed.

Publishing, unpublishing, moving and deleting pages send Wagtail's signals; everything else
that a page can show (tags, sites, locales, settings, snippets, revisions, edit records)
arrives as a model save or delete. Every model counts except the bookkeeping that changes
without changing what readers see (sessions, logins, log entries, the search index).

The token is bumped at once and again after the transaction commits: a reader who rendered
the old content between the first bump and the commit stored it under the first bump's token,
which the second one retires.

Inside ``changes_confined_to`` (an edit that changes only what its own page shows), the writes
that belong to that page bump only the scope of its URL: the other pages, the memos and the
cached search results stay (the results are cached briefly and catch up within
SEARCH_CACHE_SECONDS). Any other write in there still retires everything.
"""

import threading
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from caching import generation
from search.signals import index_changed

# app_label.ModelName (lower case) whose writes never change a public page.
IGNORED_MODELS = {
    "sessions.session",
    "auth.user",  # last_login on every log-in
    "admin.logentry",
    "contenttypes.contenttype",
    "wagtailcore.pagelogentry",
    "wagtailcore.modellogentry",
    "wagtailcore.taskstate",
    "wagtailadmin.editingsession",
    "wagtailusers.userprofile",
    "wagtailsearch.indexentry",
    "modelsearch.indexentry",
    "wagtailembeds.embed",
    "django_tasks_database.dbtaskresult",  # the task queue; the index tells its changes by search.signals.index_changed
}


def _ignored(sender) -> bool:
    meta = getattr(sender, "_meta", None)
    if meta is None:
        return False
    label = meta.label_lower
    return label in IGNORED_MODELS or label in getattr(settings, "PAGE_CACHE_IGNORED_MODELS", ())


@dataclass(frozen=True)
class _Confinement:
    scopes: frozenset[str]
    belongs: Callable[[object], bool]


_confined = threading.local()


@contextmanager
def changes_confined_to(paths: Iterable[str], belongs: Callable[[object], bool]):
    """Within: a write of an object for which ``belongs(instance)`` is true retires only the pages
    at ``paths`` (their scopes, see caching.generation)."""
    scopes = frozenset(generation.page_scope(path) for path in paths)
    outer = getattr(_confined, "value", None)
    _confined.value = _Confinement(scopes, belongs)
    try:
        yield
    finally:
        _confined.value = outer


def confined_to_its_page(instance) -> bool:
    """Is this write part of a change confined to its own page (see ``changes_confined_to``)?"""
    confinement = getattr(_confined, "value", None)
    return confinement is not None and confinement.belongs(instance)


def _bump(scopes: frozenset[str] | None) -> None:
    if scopes is None:
        generation.bump()
    else:
        generation.bump_scopes(scopes)


def content_changed(instance=None, **_kwargs):
    """Bump now, and once more when the current transaction (if any) commits."""
    confinement = getattr(_confined, "value", None)
    scopes = confinement.scopes if instance is not None and confined_to_its_page(instance) else None
    _bump(scopes)
    if not transaction.get_autocommit():
        transaction.on_commit(partial(_bump, scopes))


def model_changed(sender, **kwargs):
    if not _ignored(sender):
        content_changed(**kwargs)


def search_index_changed(**_kwargs):
    """The index changed (on the task worker, after the save's commit): retire the cached search results."""
    generation.bump_scopes([generation.SEARCH_SCOPE])


def connect():
    index_changed.connect(search_index_changed, dispatch_uid="caching-search-index-changed")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(content_changed, dispatch_uid=f"caching-{id(signal)}")
    post_save.connect(model_changed, dispatch_uid="caching-post-save")
    post_delete.connect(model_changed, dispatch_uid="caching-post-delete")
