"""Work after a save's commit, off the request: one background thread per process.

Used for Wagtail's reference-index updates (caching.deferred) and the search index's writes
(search.backend.buffer). Each job runs on the process's own thread (a forked worker gets a new
one) and closes that thread's database connections when done.
"""

from __future__ import annotations

import os
import threading
from concurrent.futures import ThreadPoolExecutor

from django.db import DEFAULT_DB_ALIAS, connections


def inside_a_test_case(using=DEFAULT_DB_ALIAS) -> bool:
    """The outermost transaction is a test's, which never commits (on_commit never fires)."""
    blocks = connections[using].atomic_blocks
    return bool(blocks) and getattr(blocks[0], "_from_testcase", False)


def in_application_transaction(using=DEFAULT_DB_ALIAS) -> bool:
    """Inside a transaction of the application's own (not only a test's wrapping one)."""
    connection = connections[using]
    if not connection.in_atomic_block:
        return False
    return not all(getattr(block, "_from_testcase", False) for block in connection.atomic_blocks)


class BackgroundWorker:
    def __init__(self, name: str):
        self.name = name
        self._lock = threading.Lock()
        self._pid = None
        self._executor = None

    def _current(self) -> ThreadPoolExecutor:
        with self._lock:
            if self._pid != os.getpid():
                self._pid, self._executor = os.getpid(), ThreadPoolExecutor(1, self.name)
            return self._executor

    def submit(self, fn, *args) -> None:
        self._current().submit(self._run, fn, args)

    @staticmethod
    def _run(fn, args) -> None:
        try:
            fn(*args)
        finally:
            connections.close_all()  # this thread's own connections

    def wait(self, timeout: float = 30) -> None:
        """Block until the jobs submitted so far have run (tests, management commands)."""
        with self._lock:
            executor = self._executor if self._pid == os.getpid() else None
        if executor is not None:
            executor.submit(lambda: None).result(timeout=timeout)
