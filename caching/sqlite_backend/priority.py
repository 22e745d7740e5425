"""A process lets its open SQLite write transaction finish before it starts new requests.

SQLite has one writer at a time, so the time a save holds the write lock bounds how many saves per
second the whole site can take. Under read load that time stretched several-fold: the saving thread
shares the interpreter lock with the process's other request threads, and each query it runs gives
the lock up and queues for it again. While a write transaction is open in this process, a new
request waits (briefly, at most ``MAX_WAIT``) before it starts, so the writer runs mostly alone and
releases the write lock sooner; requests already running are not interrupted.
"""

from __future__ import annotations

import threading

MAX_WAIT = 0.25  # seconds; a request never waits longer than this for another's transaction

_count_lock = threading.Lock()
_open = 0
_none_open = threading.Event()
_none_open.set()


def write_started():
    global _open
    with _count_lock:
        _open += 1
        _none_open.clear()


def write_ended():
    global _open
    with _count_lock:
        _open = max(0, _open - 1)
        if _open == 0:
            _none_open.set()


def writing() -> bool:
    return not _none_open.is_set()


def wait_for_writes() -> bool:
    """Wait until no write transaction is open in this process, at most MAX_WAIT; False if it timed out."""
    if _none_open.is_set():  # the usual case, without taking the event's lock
        return True
    return _none_open.wait(MAX_WAIT)


class WritesFirstMiddleware:
    """First in MIDDLEWARE with SQLite (config/settings/production.py; SQLITE_WRITES_FIRST=0 leaves it out)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        wait_for_writes()
        return self.get_response(request)
