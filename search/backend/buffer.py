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

Outside a transaction the write happens at once. Inside the transaction a test
wraps around everything (which never commits) it also happens at once, and any
writes still buffered are applied before the next search in the same thread,
so a process always reads its own writes.
"""

from __future__ import annotations

import threading

from django.db import DEFAULT_DB_ALIAS, connections, transaction

_local = threading.local()


def _pending() -> dict:
    if not hasattr(_local, "items"):
        _local.items = {}
        _local.scheduled = False
    return _local.items


def _in_application_transaction(using=DEFAULT_DB_ALIAS) -> bool:
    connection = connections[using]
    if not connection.in_atomic_block:
        return False
    return not all(getattr(block, "_from_testcase", False) for block in connection.atomic_blocks)


def add(index, model, pk, action: str) -> None:
    """Record a write for (model, pk); apply it now or when the transaction commits."""
    items = _pending()
    items[(model._meta.label, str(pk))] = (model, pk, action)
    _local.index = index
    if _in_application_transaction():
        from . import queue

        queue.queue_update(model, pk, action, queue.AWAITING_COMMIT)
        _local.outbox = True
        if not _local.scheduled:
            _local.scheduled = True
            transaction.on_commit(flush, robust=True)
    else:
        flush()


def flush() -> None:
    """Apply every buffered write of this thread (objects are read fresh from the database)."""
    items = _pending()
    _local.scheduled = False
    if not items:
        return
    entries = list(items.values())
    items.clear()
    outbox, _local.outbox = getattr(_local, "outbox", False), False
    index = getattr(_local, "index", None)
    if index is not None:
        index.write_objects(entries, outbox=outbox)


def discard() -> None:
    _pending().clear()
    _local.scheduled = False
