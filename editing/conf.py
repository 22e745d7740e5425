"""Editing settings, each overridable in Django settings under the same name."""

from django.conf import settings

DEFAULTS = {
    # The cache alias of the anti-spam state (spent challenges, budgets): one for every worker in production
    # (config/env.py: shared_cache_from_env).
    "ANTISPAM_CACHE": "shared",
    # Proof of work for anonymous saves: leading zero bits of sha256(challenge + nonce).
    "EDIT_POW_BITS": 16,
    "EDIT_POW_MAX_AGE": 3 * 3600,  # seconds a challenge stays valid
    # Save budgets: (saves, seconds). Many fair visitors share one IP, so the IP budget is generous.
    "EDIT_BUDGET_SESSION": (10, 600),
    "EDIT_BUDGET_IP": (60, 600),
    # Size limits: characters in one text field, and bytes in a whole edit request.
    "EDIT_MAX_TEXT_CHARS": 200_000,
    "EDIT_MAX_REQUEST_BYTES": 600_000,
    # Hold for review: more than this many new external links ...
    "EDIT_HOLD_NEW_LINKS": 5,
    # ... or a deletion of more than this share of the text and more than this many characters.
    "EDIT_HOLD_DELETION_RATIO": 0.5,
    "EDIT_HOLD_DELETION_CHARS": 500,
}


def get(name: str):
    return getattr(settings, name, DEFAULTS[name])


def antispam_cache():
    from django.core.cache import caches

    return caches[get("ANTISPAM_CACHE")]
