"""Save budgets per session and per IP address (fixed windows in the anti-spam cache, shared by every worker)."""

import time

from editing import conf
from wiki.identity import ip_hash, session_hash


def _keys(request, scope: str) -> list[tuple[str, int, int]]:
    out = []
    for kind, setting, identity in (
        ("s", "EDIT_BUDGET_SESSION", session_hash),
        ("i", "EDIT_BUDGET_IP", ip_hash),
    ):
        limit, seconds = conf.get(setting)
        window = int(time.time() // seconds)
        out.append((f"editing:budget:{scope}:{kind}:{identity(request)}:{window}", limit, seconds))
    return out


def spend(request, scope: str = "edit") -> bool:
    """Count one save (or, with another ``scope``, one post) against the budgets; False (nothing counted)
    when one is used up. Each scope has its own budgets, so a visitor's talk posts leave their edits alone."""
    keys = _keys(request, scope)
    cache = conf.antispam_cache()
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
