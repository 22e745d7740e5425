"""The search results' one cache: the search page's outcome per query, filters, language and page.

It lives in Django's cache framework (the `default` alias: shared by every worker when CACHE_URL
names Redis) and its keys hold caching.generation's token of the search scope, which the index
changes whenever a commit changes what a search finds, in every process at once. The search page's
response is marked private (search.views), so the page cache does not keep a second copy.
"""

import hashlib
import json

from django.conf import settings
from django.core.cache import cache

from caching import generation

PREFIX = "search-page"


def seconds() -> int:
    return int(getattr(settings, "SEARCH_CACHE_SECONDS", 60))


def key(*parts) -> str:
    """A cache key for these parts (JSON-able), under the search scope's current token."""
    raw = json.dumps(parts, sort_keys=True)
    return f"{PREFIX}:{generation.key_for(generation.SEARCH_SCOPE)}:{hashlib.sha256(raw.encode()).hexdigest()}"


def get(cache_key: str):
    return cache.get(cache_key)


def set(cache_key: str, value) -> None:  # noqa: A001 - the cache's own verb
    cache.set(cache_key, value, seconds())
