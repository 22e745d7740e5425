"""Retire every cached page when content may have changed.

Publishing, unpublishing, moving and deleting pages send Wagtail's signals; everything else
that a page can show (tags, sites, locales, settings, snippets, revisions, edit records)
arrives as a model save or delete. Every model counts except the bookkeeping that changes
without changing what readers see (sessions, logins, log entries, the search index).

The token is bumped at once and again after the transaction commits: a reader who rendered
the old content between the first bump and the commit stored it under the first bump's token,
which the second one retires. The bumps waiting for a commit run once, however many savepoints
registered one (each is a file write or a cache round trip; a wiki save registers four).

Inside ``changes_confined_to`` (an edit that changes only what its own page shows), the writes
that belong to that page bump only the scope of its URL: the other pages, the memos and the
cached search results stay (the results are cached briefly and catch up within
SEARCH_CACHE_SECONDS). Any other write in there still retires everything.
"""

import threading
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field, replace

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


class _Once:
    """Shared by the pending copies of one bump in one transaction: the first to run does the work."""

    __slots__ = ("done",)

    def __init__(self):
        self.done = False


@dataclass(frozen=True)
class _Bump:
    """Replace the generation (scopes None) or these scopes' tokens. Equal bumps compare equal
    whatever their ``once``."""

    scopes: frozenset[str] | None = None
    once: _Once | None = field(default=None, compare=False)

    def __call__(self):
        if self.once is not None:
            if self.once.done:
                return
            self.once.done = True
        if self.scopes is None:
            generation.bump()
        else:
            generation.bump_scopes(self.scopes)


def _bump_now_and_after_commit(bump: _Bump) -> None:
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        bump()
        return
    # One pending bump per atomic block is enough; a nested block (savepoint) gets its own, which
    # shares the first one's `once`: after the commit, only one of them does the work.
    savepoints = set(connection.savepoint_ids)
    pending = [(sids, func) for sids, func, _robust in connection.run_on_commit if func == bump]
    if any(sids == savepoints for sids, _func in pending):
        return
    bump()
    transaction.on_commit(replace(bump, once=pending[0][1].once if pending else _Once()))


def content_changed(instance=None, **_kwargs):
    """Bump now, and once more when the current transaction (if any) commits."""
    confined = instance is not None and confined_to_its_page(instance)
    _bump_now_and_after_commit(_Bump(_confined.value.scopes if confined else None))


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
