"""Save budgets per session and per IP address (fixed windows in the cache)."""

import time

from django.core.cache import cache

from editing import conf
from wiki.identity import ip_hash, session_hash


def _keys(request) -> list[tuple[str, int, int]]:
    out = []
    for kind, setting, identity in (
        ("s", "EDIT_BUDGET_SESSION", session_hash),
        ("i", "EDIT_BUDGET_IP", ip_hash),
    ):
        limit, seconds = conf.get(setting)
        window = int(time.time() // seconds)
        out.append((f"editing:budget:{kind}:{identity(request)}:{window}", limit, seconds))
    return out


def spend(request) -> bool:
    """Count one save against the budgets; False (nothing counted) when one is used up."""
    keys = _keys(request)
    for key, limit, _seconds in keys:
        if (cache.get(key) or 0) >= limit:
            return False
    for key, _limit, seconds in keys:
        if not cache.add(key, 1, timeout=seconds):
            try:
                cache.incr(key)
            except ValueError:  # expired in between
                cache.add(key, 1, timeout=seconds)
    return True
