"""Helpers for tests: an empty (or snapshot) index per test, like the rolled-back database."""

import shutil
import tempfile
from pathlib import Path

from modelsearch.backends import get_search_backend

from search import synonyms


def _store():
    return getattr(get_search_backend(), "store", None)


def reset_search_index() -> None:
    synonyms.invalidate()
    store = _store()
    if store is not None:
        store.clear_rebuilding()
        store.reset()


def snapshot_search_index() -> Path | None:
    """A copy of the live index generation, for restore_search_index()."""
    store = _store()
    if store is None:
        return None
    target = Path(tempfile.mkdtemp(prefix="wiki-search-snapshot-")) / "index"
    shutil.copytree(store.root / store.current_generation(), target)
    return target


def restore_search_index(snapshot: Path | None) -> None:
    synonyms.invalidate()
    store = _store()
    if store is None or snapshot is None:
        return
    store.clear_rebuilding()
    name = f"g-test-{next(_counter)}"
    shutil.copytree(snapshot, store.root / name)
    store.switch_to(name)


def _count():
    n = 0
    while True:
        n += 1
        yield n


_counter = _count()
