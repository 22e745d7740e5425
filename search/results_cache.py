"""The search page's short result cache, forgotten whenever the set of live pages changes."""

import hashlib
import json

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete
from wagtail.models import Page
from wagtail.signals import page_published, page_slug_changed, page_unpublished

PREFIX = "search-page"
GENERATION_KEY = f"{PREFIX}:generation"


def seconds() -> int:
    return int(getattr(settings, "SEARCH_RESULTS_CACHE_SECONDS", 60))


def key(*parts) -> str:
    """A cache key for these parts (JSON-able), in the current generation."""
    generation = cache.get(GENERATION_KEY, 0)
    raw = json.dumps(parts, sort_keys=True)
    return f"{PREFIX}:{generation}:{hashlib.sha256(raw.encode()).hexdigest()}"


def bump_generation(**_kwargs) -> None:
    """Forget cached results (a page was published, unpublished, moved or deleted)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.add(GENERATION_KEY, 1, None)


def _page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        bump_generation()


def connect() -> None:
    page_published.connect(bump_generation, dispatch_uid="search_page_published")
    page_unpublished.connect(bump_generation, dispatch_uid="search_page_unpublished")
    page_slug_changed.connect(bump_generation, dispatch_uid="search_page_slug_changed")
    post_delete.connect(_page_deleted, dispatch_uid="search_page_deleted")
