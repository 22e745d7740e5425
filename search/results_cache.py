"""The search page's short result cache, forgotten whenever published content changes.

Keys contain the page cache's content generation (caching.generation): one token shared by
every process (a file in DATA_DIR with local-memory caches, a key in Redis otherwise), changed
by caching.signals on every publish, unpublish, move, delete and content save. So no worker
serves results from before a change, and this module needs no signal handlers of its own.
"""

import hashlib
import json

from django.conf import settings

from caching import generation

PREFIX = "search-page"


def seconds() -> int:
    return int(getattr(settings, "SEARCH_RESULTS_CACHE_SECONDS", 60))


def key(*parts) -> str:
    """A cache key for these parts (JSON-able), in the current content generation."""
    raw = json.dumps(parts, sort_keys=True)
    return f"{PREFIX}:{generation.current()}:{hashlib.sha256(raw.encode()).hexdigest()}"
