"""Anti-spam basics for anything people post from the site: a honeypot, a size limit and a
per-session budget (with a generous per-IP backstop: at a fair, hundreds share one address).

Small and self-contained so other apps can reuse it (``check_submission``).
"""

from django.core.cache import cache
from django.utils.translation import gettext as _

from wiki.identity import ip_hash, session_hash

SESSION_BUDGET = 10  # posts per window per browser session
IP_BUDGET = 200  # posts per window per address (backstop)
WINDOW_SECONDS = 600


def _spend(key: str, limit: int) -> bool:
    """Count one use of the budget at ``key``; False when it is already spent."""
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        used = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW_SECONDS)
        used = 1
    return used <= limit


def check_submission(request, text: str, *, scope: str, max_length: int,
                     honeypot: str = "") -> tuple[int, str] | None:
    """(HTTP status, why) when this submission is refused, else None (and it counts against the budgets)."""
    if honeypot:
        return 400, _("Your message looks like spam and was not saved.")
    if not text.strip():
        return 400, _("Write something first.")
    if len(text) > max_length:
        return 400, _("Your message is too long (at most %(max)d characters).") % {"max": max_length}
    if not _spend(f"antispam:{scope}:session:{session_hash(request)}", SESSION_BUDGET):
        return 429, _("You have posted a lot in a short time. Please wait a few minutes and try again.")
    if not _spend(f"antispam:{scope}:ip:{ip_hash(request)}", IP_BUDGET):
        return 429, _("Many messages came from your network just now. Please wait a few minutes and try again.")
    return None
