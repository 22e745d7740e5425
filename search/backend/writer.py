"""The writer process's loop (``manage.py search_index_writer``): apply what the web processes queue.

With SEARCH_INDEX_WRITER = "process" a web process only records each change in the queue table,
inside the change's transaction (search.backend.buffer). This loop applies the committed rows in
batches, one index commit per batch, and the command runs it at a lower CPU priority: under load
the index lags a little behind the saves instead of the saves and page views waiting for the index.
"""

from __future__ import annotations

import logging
import threading

from django.db import close_old_connections, connection

from . import queue
from .storage import LockError

logger = logging.getLogger("search.backend")

RETRY_AFTER_FAILURE = 5.0  # seconds; a failed batch keeps its rows (and their error) for the next try


class QueueWriter:
    def __init__(self, store, timeout: float, poll: float = 0.2):
        self.store = store
        self.timeout = timeout
        self.poll = poll
        self.failed = False

    def apply_once(self) -> int:
        """Apply every committed row queued now; returns how many. Never raises."""
        if not connection.in_atomic_block:  # never inside a transaction (a test's): it would be closed
            close_old_connections()  # a long-lived process: reconnect after CONN_MAX_AGE or a lost server
        self.failed = False
        try:
            return queue.process_pending(self.store, timeout=self.timeout)
        except LockError:
            logger.info("Search index locked (a rebuild or a merge?); queued updates wait")
        except queue.UnindexableRowsError as error:
            logger.error("%s; they stay queued, the others were applied", error)
        except Exception:
            logger.exception("Applying queued search index updates failed; they stay queued")
        self.failed = True
        return 0

    def run(self, stop: threading.Event, parent_alive=lambda: True) -> None:
        """Apply queued rows until ``stop`` is set or ``parent_alive()`` is false (the gunicorn master that
        started this process was killed), then once more (what was committed before the stop)."""
        while not stop.is_set() and parent_alive():
            if self.apply_once():
                continue
            stop.wait(RETRY_AFTER_FAILURE if self.failed else self.poll)
        self.apply_once()
