"""The content generation: one token that changes whenever published content may have changed.

Every cache key contains it, so changing it retires every cached page at once: the page that
was published, the index and home pages that list it, its tag pages, and every page that links
to it with [[links]] (including red links that just turned blue). Precise per-page invalidation
would need an exact dependency graph of every template; the global token cannot miss one.

Where the token lives must be shared by every process that serves pages:
- a shared cache (Redis, ...): a key in that cache;
- local memory (per process): a small file in DATA_DIR, read on every cacheable request,
  replaced atomically when bumped. One host only, like local memory itself.

A token is random, never a counter: if Redis evicts it, a new random token cannot collide with
the tokens of pages still cached.

Scopes narrow this. Each cached page's key also holds the token of its scope: "page:<path>" for a
page, "search" for the search results. An edit that changes only what the page itself shows (its
body: caching.signals.changes_confined_to) bumps the scope of that page alone, so the other pages
stay cached through a stream of edits; the search index bumps "search" when it commits a change.
A scope nobody bumped yet reads "0" from the files (they are never evicted); in a shared cache a
missing scope gets a new random token, which again cannot collide.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import threading
from collections.abc import Iterable
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from django.conf import settings
from django.core.cache import caches

from caching.conf import PAGES_ALIAS

CACHE_KEY = "content-generation"
SEARCH_SCOPE = "search"
UNBUMPED_SCOPE = "0"


def new_token() -> str:
    return secrets.token_hex(8)


def page_scope(path: str) -> str:
    """The scope of the page served at ``path`` (a URL path such as /en/definitions/konkollega/)."""
    return f"page:{path}"


def _digest(scope: str) -> str:
    return hashlib.blake2b(scope.encode(), digest_size=16).hexdigest()


def _write_atomically(path: Path, token: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.{token}")
    tmp.write_text(token)
    os.replace(tmp, path)


class FileGeneration:
    def __init__(self, path: Path):
        self.path = Path(path)
        self.scopes = self.path.with_name(f"{self.path.name}-scopes")

    def current(self) -> str:
        try:
            token = self.path.read_text()
        except FileNotFoundError:
            token = ""
        return token or self.bump()

    def bump(self) -> str:
        token = new_token()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        _write_atomically(self.path, token)
        return token

    def scope(self, scope: str) -> str:
        try:
            return (self.scopes / _digest(scope)).read_text() or UNBUMPED_SCOPE
        except FileNotFoundError:
            return UNBUMPED_SCOPE

    def bump_scopes(self, scopes: Iterable[str]) -> None:
        self.scopes.mkdir(parents=True, exist_ok=True)
        for scope in scopes:
            _write_atomically(self.scopes / _digest(scope), new_token())


class CacheGeneration:
    def __init__(self, alias: str):
        self.alias = alias

    def _token(self, key: str, timeout: int | None) -> str:
        """The token under ``key``; a missing one becomes a new random token (the first writer wins)."""
        cache = caches[self.alias]
        token = cache.get(key)
        if token is None:
            cache.add(key, new_token(), timeout=timeout)
            token = cache.get(key) or new_token()
        return token

    def current(self) -> str:
        return self._token(CACHE_KEY, None)

    def bump(self) -> str:
        token = new_token()
        caches[self.alias].set(CACHE_KEY, token, timeout=None)
        return token

    def _scope_seconds(self) -> int | None:
        # A scope key may expire (that only retires its pages); it must not pile up for every path asked for.
        return max(getattr(settings, "PAGE_CACHE_SECONDS", 0), getattr(settings, "SEARCH_CACHE_SECONDS", 0)) or None

    def scope(self, scope: str) -> str:
        return self._token(f"{CACHE_KEY}:{_digest(scope)}", self._scope_seconds())

    def bump_scopes(self, scopes: Iterable[str]) -> None:
        cache = caches[self.alias]
        cache.set_many({f"{CACHE_KEY}:{_digest(scope)}": new_token() for scope in scopes}, self._scope_seconds())


def _is_process_local(alias: str) -> bool:
    backend = settings.CACHES[alias]["BACKEND"]
    return backend.endswith(("LocMemCache", "DummyCache"))


def store():
    """The generation store for the current settings (chosen on every call: tests override settings)."""
    if _is_process_local(PAGES_ALIAS):
        return FileGeneration(Path(settings.DATA_DIR) / "page-cache-generation")
    return CacheGeneration(PAGES_ALIAS)


# Within a request (read_once), the content generation is read from its store once: a page's memos ask for it
# several times (navigation, links, search results), each a file read or a cache round trip. Values made
# during the request are then all kept under the token read at its start, which a publish meanwhile retires.
_UNREAD = ""
_request_token: ContextVar[str | None] = ContextVar("content_generation", default=None)


@contextmanager
def read_once():
    reset = _request_token.set(_UNREAD)
    try:
        yield
    finally:
        _request_token.reset(reset)


def current() -> str:
    token = _request_token.get()
    if token:
        return token
    token = store().current()
    if token is not None and _request_token.get() is not None:
        _request_token.set(token)
    return token


def bump() -> str:
    token = store().bump()
    if _request_token.get() is not None:
        _request_token.set(token)  # this request's own change: what it reads next is after it
    return token


def key_for(scope: str) -> str:
    """The content generation and the token of ``scope``, for a cache key."""
    return f"{current()}.{store().scope(scope)}"


def scope_token(scope: str) -> str:
    return store().scope(scope)


def bump_scopes(scopes: Iterable[str]) -> None:
    store().bump_scopes(scopes)
