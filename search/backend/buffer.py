"""Index writes wait for the database transaction that caused them.

A page publish saves the page several times inside one transaction, and
modelcluster saves a page's tags only *after* the page's post_save signal. So
index writes are collected per thread and applied once the transaction commits
(`transaction.on_commit`), reading each object fresh from the database: the
index gets the committed state, tags included, in one Whoosh commit.

Durability: inside a transaction each write is also recorded in the retry
queue (PendingIndexUpdate) in the same transaction, and the row is removed once
the index has it. If the process dies between the commit and the index write,
the row survives and the next write (or `search_index_check --repair`) applies it.

``SEARCH_INDEX_WRITER`` says who applies the writes of a committed transaction:
- "request" (the default): the thread that committed, at once;
- "thread": one background thread per process. A save answers without waiting for the Whoosh commit
  (and its lock), and writes that arrive while one is applied go in the next commit together. The
  queue rows keep them durable; a worker that stops cleanly finishes them;
- "process" (under gunicorn: site/deploy/gunicorn.conf.py): nobody in this process, which only writes
  the queue rows, inside the change's transaction or at once outside one. They are the hand-over to one
  low-priority writer process (``manage.py search_index_writer``), so the index's pure-Python work
  neither competes with the requests for this process's GIL (a request holding SQLite's write lock
  waited for it after each query) nor for the cores.

Whoever writes reads the objects once it holds the index's write lock (IndexStore.write), so of two
writers the later one writes the newer state.

Outside a transaction the write happens at once. Inside the transaction a test
wraps around everything (which never commits) it also happens at once, and any
writes still buffered are applied before the next search in the same thread,
so a process always reads its own writes (no queue rows are written there, as
the test's transaction never commits).
"""

from __future__ import annotations

import os
import threading

from django.conf import settings
from django.db import transaction

from caching.background import BackgroundWorker, in_application_transaction, inside_a_test_case

_local = threading.local()


def _pending() -> dict:
    if not hasattr(_local, "items"):
        _local.items = {}
    return _local.items


def add(index, model, pk, action: str, quiet: bool = False) -> None:
    """Record a write for (model, pk); apply it now or when the transaction commits.

    ``quiet``: the change shows only on its own page (caching.signals.confined_to_its_page), so the
    write need not retire cached search results, which then catch up within SEARCH_CACHE_SECONDS.
    """
    from . import queue

    in_transaction = in_application_transaction()
    if _writer() == "process" and not inside_a_test_case():
        # The queue row is the whole hand-over, committed with the change. Nothing is kept here: an entry
        # left by a rolled-back transaction was later written by this process (before a search) while the
        # writer process wrote the same page, and the older of the two writes could land last.
        queue.queue_update(model, pk, action, queue.AWAITING_COMMIT if in_transaction else "",
                           retires_search=not quiet)
        return
    items = _pending()
    items[(model._meta.label, str(pk))] = (model, pk, action)
    _local.index = index
    if not quiet:
        _local.loud = True
    if in_transaction:
        if not inside_a_test_case():
            queue.queue_update(model, pk, action, queue.AWAITING_COMMIT, retires_search=not quiet)
            _local.outbox = True
        # Registered with every write, not once per thread: a rolled-back transaction drops its callbacks,
        # and a flag saying "registered" then kept the next transaction's writes from being applied.
        transaction.on_commit(_after_commit(), robust=True)
    else:
        flush()


def _writer() -> str:
    return getattr(settings, "SEARCH_INDEX_WRITER", "request")


def _after_commit():
    # "process" reaches here only inside a test case, where writes apply at once, as with "request".
    return flush_in_background if _writer() == "thread" else flush


def flush() -> None:
    """Apply every buffered write of this thread (objects are read fresh from the database)."""
    items = _pending()
    if not items:
        return
    entries = list(items.values())
    items.clear()
    outbox, _local.outbox = getattr(_local, "outbox", False), False
    loud, _local.loud = getattr(_local, "loud", False), False
    index = getattr(_local, "index", None)
    if index is not None:
        index.write_objects(entries, outbox=outbox, retire_search=loud)


def discard() -> None:
    """Forget this thread's buffered writes (their queue rows, if any, stay)."""
    _pending().clear()
    _local.loud = False
    _local.outbox = False


# --- background writes (SEARCH_INDEX_WRITER = "thread") ---

_worker = BackgroundWorker("search-index")
_background_lock = threading.Lock()
_background = {"pid": None, "entries": {}, "scheduled": False}


def _handed_over() -> dict:
    """The writes handed to this process's writer (a forked process starts with none)."""
    if _background["pid"] != os.getpid():
        _background.update(pid=os.getpid(), entries={}, scheduled=False)
    return _background["entries"]


def flush_in_background() -> None:
    """Hand this thread's buffered writes (of a committed transaction) to the background writer."""
    items = _pending()
    if not items:
        return
    index = getattr(_local, "index", None)
    outbox, _local.outbox = getattr(_local, "outbox", False), False
    loud, _local.loud = getattr(_local, "loud", False), False
    entries = list(items.values())
    items.clear()
    if index is None:
        return
    with _background_lock:
        handed_over = _handed_over()
        for model, pk, action in entries:
            handed_over[(model._meta.label, str(pk))] = (index, model, pk, action, outbox, loud)
        if _background["scheduled"]:
            return
        _background["scheduled"] = True
    _worker.submit(_write_pending)


def _write_pending() -> None:
    """Apply everything handed over so far, in one write per index."""
    with _background_lock:
        handed_over = _handed_over()
        batch = list(handed_over.values())
        handed_over.clear()
        _background["scheduled"] = False
    by_index: dict = {}  # one write per backend (index objects are made afresh per call)
    for index, model, pk, action, outbox, loud in batch:
        write = by_index.setdefault((type(index), index.get_key()), {"index": index, "entries": [], "outbox": False,
                                                                     "loud": False})
        write["entries"].append((model, pk, action))
        write["outbox"] |= outbox
        write["loud"] |= loud
    for write in by_index.values():
        # Never raises; failures are queued for retry.
        write["index"].write_objects(write["entries"], outbox=write["outbox"], retire_search=write["loud"])


def wait_for_background_writes(timeout: float = 30) -> None:
    """Block until the background writer has applied what it was handed (tests, management commands)."""
    _worker.wait(timeout)
