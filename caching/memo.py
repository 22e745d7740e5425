"""Memoise small lookups (navigation, link targets) in each process until content changes.

A memoised function is called again once the content generation (caching.generation) has
changed, i.e. after any publish or content save anywhere, in any process. Values must be
safe to share between threads and requests: plain data or model instances used read-only.
Off when settings.CONTENT_MEMO is false (the test suite: its rolled-back transactions send
no signals).
"""

from __future__ import annotations

import threading
from functools import wraps

from django.conf import settings

from caching import generation

MAX_VALUES = 2000


def memos_on() -> bool:
    return getattr(settings, "CONTENT_MEMO", True)


class GenerationDict:
    """A dict emptied whenever the content generation changes.

    ``get`` returns ``default`` when memos are off (settings.CONTENT_MEMO false) and ``set`` then
    stores nothing, so callers fall back to the uncached path.
    """

    def __init__(self, max_values: int = MAX_VALUES):
        self._lock = threading.Lock()
        self._token = None
        self._values: dict = {}
        self.max_values = max_values

    def token(self) -> str | None:
        return generation.current() if memos_on() else None

    def get(self, key, default=None, token=None):
        token = token or self.token()
        if token is None:
            return default
        return self.get_many([key], token).get(key, default)

    def set(self, key, value, token) -> None:
        """Store under ``token`` (read before the value was computed, so a value older than a publish is dropped)."""
        self.set_many({key: value}, token)

    def get_or_compute(self, key, compute):
        """The value kept under ``key``, or ``compute()``'s, kept for the rest of the generation (computed
        every time when memos are off). The token is read before computing, so a value computed across a
        publish is not kept."""
        token = self.token()
        value = self.get(key, _MISSING, token=token)
        if value is _MISSING:
            value = compute()
            self.set(key, value, token)
        return value

    def get_many(self, keys, token) -> dict:
        """{key: value} for the keys that have one (one lock for all)."""
        if token is None:
            return {}
        with self._lock:
            if self._token != token:
                self._token, self._values = token, {}
            values = self._values
            return {key: values[key] for key in keys if key in values}

    def set_many(self, items: dict, token) -> None:
        """``set`` for several keys; values past ``max_values`` are not kept."""
        if token is None:
            return
        with self._lock:
            if self._token == token:
                for key, value in items.items():
                    if len(self._values) >= self.max_values:
                        break
                    self._values[key] = value

    def get_or_read_many(self, keys, read) -> dict:
        """{key: value} for keys: the kept ones, and ``read(the others)``'s (a dict, which may leave out a
        key that has no value), kept for the rest of the generation. The token is read before reading."""
        token = self.token()
        known = self.get_many(keys, token)
        missing = [key for key in keys if key not in known]
        if missing:
            fresh = read(missing)
            self.set_many(fresh, token)
            known.update(fresh)
        return known


_MISSING = object()


def per_generation(fn):
    """Memoise ``fn`` by its (positional, hashable) arguments until the content generation changes."""
    values = GenerationDict()

    @wraps(fn)
    def wrapper(*args):
        return values.get_or_compute(args, lambda: fn(*args))

    wrapper.uncached = fn
    return wrapper
