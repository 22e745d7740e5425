"""SQLite with fair queueing of writers: a transaction takes an exclusive file lock before BEGIN IMMEDIATE.

SQLite lets one writer in at a time; the others wait in its busy handler, which *polls*, sleeping
1, 2, 5, ... up to 100 ms between attempts. Under ten concurrent editors a waiting save keeps
sleeping while newer ones slip in, so a few saves wait seconds (a long p95 tail). Here writers
queue on ``flock`` on ``<database>.write-lock`` first: the kernel wakes a waiter the moment the
lock is released, so the write lock passes from one save to the next without idle gaps. The lock
is per connection (own file descriptor), released at commit, rollback or close, and by the kernel
if the process dies. Single statements outside a transaction still use SQLite's busy handler.

Used by the production settings for SQLite databases (config/settings/production.py).
"""

from __future__ import annotations

import fcntl
import os

from django.db.backends.sqlite3.base import DatabaseWrapper as SQLiteDatabaseWrapper

from caching.sqlite_backend import priority


def _lock_path(name) -> str | None:
    name = str(name or "")
    if not name or name == ":memory:" or name.startswith("file:") or "mode=memory" in name:
        return None
    return name + ".write-lock"


class DatabaseWrapper(SQLiteDatabaseWrapper):
    _write_lock_fd: int | None = None
    _write_locked = False

    def _acquire_write_lock(self):
        path = _lock_path(self.settings_dict.get("NAME"))
        if path is None:
            return
        if self._write_lock_fd is None:
            self._write_lock_fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        fcntl.flock(self._write_lock_fd, fcntl.LOCK_EX)
        self._write_locked = True
        priority.write_started()

    def _release_write_lock(self):
        if self._write_locked:
            if self._write_lock_fd is not None:
                fcntl.flock(self._write_lock_fd, fcntl.LOCK_UN)
            priority.write_ended()
        self._write_locked = False

    def _start_transaction_under_autocommit(self):
        self._acquire_write_lock()
        try:
            super()._start_transaction_under_autocommit()
        except BaseException:
            self._release_write_lock()
            raise

    def _commit(self):
        try:
            return super()._commit()
        finally:
            self._release_write_lock()

    def _rollback(self):
        try:
            return super()._rollback()
        finally:
            self._release_write_lock()

    def _close(self):
        try:
            return super()._close()
        finally:
            self._release_write_lock()
            if self._write_lock_fd is not None:
                os.close(self._write_lock_fd)
                self._write_lock_fd = None
