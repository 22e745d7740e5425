"""Loading starter content for tests: a few files of it (both languages), or all of it once per module."""

import shutil
from contextlib import contextmanager

from django.core.cache import cache
from django.db import transaction

from home.content_loader import CONTENT_DIR, ContentLoader
from search.backend.testing import reset_search_index, restore_search_index, snapshot_search_index


def load_some_content(folder, names) -> None:
    """Copy these content files (paths under site/content) into ``folder`` and load them."""
    for name in names:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(CONTENT_DIR / name, folder / name)
    ContentLoader(folder).load()


@contextmanager
def loaded_once(django_db_blocker, load):
    """Content loaded by ``load()`` inside a transaction that is rolled back when the block ends.

    Loading the starter content takes seconds; the tests of a module that use it share one load.
    Each of them runs in a savepoint of this transaction (pytest-django's ``db``), so its changes
    are rolled back, and starts from a copy of the search index as it was after loading (the
    snapshot this yields, for ``restore_search_index``).
    """
    with django_db_blocker.unblock(), transaction.atomic():
        snapshot = None
        try:
            cache.clear()
            reset_search_index()
            load()
            snapshot = snapshot_search_index()
            yield snapshot
        finally:
            transaction.set_rollback(True)
            cache.clear()
            reset_search_index()
            if snapshot is not None:
                shutil.rmtree(snapshot.parent, ignore_errors=True)


def start_from(snapshot) -> None:
    """A test begins with the module's loaded content: its index, and no cached pages or results."""
    cache.clear()
    restore_search_index(snapshot)
