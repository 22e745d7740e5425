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


def per_generation(fn):
    lock = threading.Lock()
    state = {"token": None, "values": {}}

    @wraps(fn)
    def wrapper(*args):
        if not getattr(settings, "CONTENT_MEMO", True):
            return fn(*args)
        token = generation.current()
        with lock:
            if state["token"] != token:
                state["token"], state["values"] = token, {}
            values = state["values"]
            if args in values:
                return values[args]
        value = fn(*args)
        with lock:
            if state["token"] == token and len(values) < MAX_VALUES:
                values[args] = value
        return value

    wrapper.uncached = fn
    return wrapper
