"""The page a URL serves, kept in Django's cache: a rendered page view then needs no tree walk.

Used by the language roots' ``route`` (home.models.HomePage), Wagtail's public routing hook. Only
for a GET of the page itself (not a sub-address such as edit/: those read the database), and
keyed by the content version and the page's own scope (caching.generation), so a publish, move or
rename anywhere, or an edit of this page, finds its page afresh. The page is stored with its Markdown
rendered and its tags read (PRECOMPUTED): links depend on other pages' titles and URLs, which the
content version covers. Every request unpickles its own copy.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import caches
from wagtail.url_routing import RouteResult

from caching import generation
from caching.conf import PAGES_ALIAS

# What a wiki page computes for its view (cached properties): computed once, stored with the page.
PRECOMPUTED = ("rendered", "tag_list", "related_links")


def _own_page_path(request, path_components) -> bool:
    """Is ``request`` for the page at these path components itself (no sub-address)?"""
    tail = "/".join(path_components)
    return request.path.endswith(f"/{tail}/") if tail else False


def cached_route(root, request, path_components, route) -> RouteResult:
    """``route(request, path_components)`` (Wagtail's routing from ``root``), from the cache when known."""
    seconds = settings.FRAGMENT_CACHE_SECONDS
    if seconds <= 0 or request.method not in ("GET", "HEAD") or not _own_page_path(request, path_components):
        return route(request, path_components)
    version = generation.key_for(generation.page_scope(request.path))
    key = f"route:{version}:{root.pk}:{'/'.join(path_components)}"
    cache = caches[PAGES_ALIAS]
    page = cache.get(key)
    if page is not None:
        return RouteResult(page)
    result = route(request, path_components)
    page, args, kwargs = result
    if not args and not kwargs:
        for name in PRECOMPUTED:
            getattr(page, name, None)
        cache.set(key, page, seconds)
    return result
