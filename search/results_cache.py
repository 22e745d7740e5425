"""The search page's short result cache, forgotten whenever published content changes.

Keys contain the page cache's content generation and the search scope's token (caching.generation):
tokens shared by every process (files in DATA_DIR with local-memory caches, keys in Redis otherwise).
The generation changes on every publish, unpublish, move, delete and content save (caching.signals),
the search scope also when the search index has such a change. So no worker serves results from
before such a change, and this module needs no signal handlers of its own. An edit of a page's
body alone (caching.signals.confined_to_its_page) retires neither: results catch up within
SEARCH_CACHE_SECONDS.
"""

import hashlib
import json

from django.conf import settings

from caching import generation

PREFIX = "search-page"


def seconds() -> int:
    return int(getattr(settings, "SEARCH_CACHE_SECONDS", 60))


def key(*parts) -> str:
    """A cache key for these parts (JSON-able), in the current content generation."""
    raw = json.dumps(parts, sort_keys=True)
    return f"{PREFIX}:{generation.key_for(generation.SEARCH_SCOPE)}:{hashlib.sha256(raw.encode()).hexdigest()}"
