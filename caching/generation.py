"""The content generation: one token that changes whenever published content may have changed.

Every cache key contains it, so changing it retires every cached page at once: the page that
was published, the index and home pages that list it, its tag pages, and every page that links
to it with [[links]] (including red links that just turned blue). Precise per-page invalidation
would need an exact dependency graph of every template; the global token cannot miss one.

Where the token lives must be shared by every process that serves pages:
- a shared cache (Redis, ...): a key in that cache;
- local memory (per process): a small file in DATA_DIR, read on every cacheable request
  (a few microseconds), replaced atomically when bumped. One host only, like local memory itself.

A token is random, never a counter: if Redis evicts it, a new random token cannot collide with
the tokens of pages still cached.
"""

from __future__ import annotations

import os
import secrets
import threading
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.cache import caches

from caching.conf import PAGES_ALIAS

CACHE_KEY = "content-generation"


def new_token() -> str:
    return secrets.token_hex(8)


class FileGeneration:
    def __init__(self, path: Path):
        self.path = Path(path)

    def current(self) -> str:
        try:
            token = self.path.read_text()
        except FileNotFoundError:
            token = ""
        return token or self.bump()

    def bump(self) -> str:
        token = new_token()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.{token}")
        tmp.write_text(token)
        os.replace(tmp, self.path)
        return token


class CacheGeneration:
    def __init__(self, alias: str):
        self.alias = alias

    def current(self) -> str:
        cache = caches[self.alias]
        token = cache.get(CACHE_KEY)
        if token is None:
            cache.add(CACHE_KEY, new_token(), timeout=None)
            token = cache.get(CACHE_KEY) or new_token()
        return token

    def bump(self) -> str:
        token = new_token()
        caches[self.alias].set(CACHE_KEY, token, timeout=None)
        return token


def _is_process_local(alias: str) -> bool:
    backend = settings.CACHES[alias]["BACKEND"]
    return backend.endswith(("LocMemCache", "DummyCache"))


def store():
    """The generation store for the current settings (chosen on every call: tests override settings)."""
    if _is_process_local(PAGES_ALIAS):
        return FileGeneration(Path(settings.DATA_DIR) / "page-cache-generation")
    return CacheGeneration(PAGES_ALIAS)


_pin = threading.local()


def current() -> str:
    pinned = getattr(_pin, "token", None)
    return pinned if pinned is not None else store().current()


def bump() -> str:
    token = store().bump()
    if getattr(_pin, "token", None) is not None:
        _pin.token = token  # this thread's own change is seen at once
    return token


@contextmanager
def pinned():
    """Read the token once for a whole request (the memos ask for it many times per view).

    A change made by this thread moves the pin along (bump); changes by others are seen by the next request.
    """
    _pin.token = store().current()
    try:
        yield _pin.token
    finally:
        _pin.token = None
