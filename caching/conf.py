"""Page-cache settings, as plain functions (settings import this module, so no Django imports here).

The page cache is a second cache alias, ``pages``, on the same backend as ``default``
(``CACHE_URL``): local memory per process by default, Redis when configured. Local memory
gets a larger entry limit than Django's 300, since every page of both languages may be cached.
"""

from __future__ import annotations

from collections.abc import Mapping

PAGES_ALIAS = "pages"


def with_page_cache(caches: dict, environ: Mapping[str, str]) -> dict:
    """``caches`` plus a ``pages`` alias on the same backend as ``default``."""
    default = caches["default"]
    pages = {**default, "KEY_PREFIX": f"{default.get('KEY_PREFIX', '')}:pages"}
    if default["BACKEND"].endswith("LocMemCache"):
        pages["LOCATION"] = f"{default.get('LOCATION', '')}-pages"
        pages["OPTIONS"] = {"MAX_ENTRIES": int(environ.get("PAGE_CACHE_MAX_ENTRIES", "3000") or 3000)}
    return {**caches, PAGES_ALIAS: pages}
