"""Template context for ``{% cache %}`` fragments that every visitor sees alike (header, footer)."""

from django.conf import settings
from django.utils.functional import SimpleLazyObject

from caching import generation


def fragment_cache(request):
    """``content_version`` (part of a fragment's key: a publish anywhere retires every fragment) and
    ``fragment_cache_seconds`` (0: rendered every time)."""
    return {
        "content_version": SimpleLazyObject(generation.current),  # read only when a fragment is looked up
        "fragment_cache_seconds": settings.FRAGMENT_CACHE_SECONDS,
    }
