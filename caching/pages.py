"""Rendering a page without the page cache, with few queries: per-generation memos of what pages share.

Everything here is memoised per process until the content generation changes (caching.memo), so
a publish, a move, a new restriction or a new tag anywhere retires it at once, like the page cache.
With memos off (settings.CONTENT_MEMO false: the test suite) every function does its plain query.

- ``site_for_request``: the request's Wagtail Site (Wagtail asks the database on every request);
- ``serve``: Wagtail's page view, with the route (language, path -> page type and id) memoised, so a
  view fetches its page in one query (with its locale) instead of one query per path segment;
- ``FastPageMixin``: view restrictions answered from the set of restricted paths (no query when
  nothing on the way to the page is restricted), the page's tags and its translations memoised;
- ``pages_with_held_edits``: the held-edit notice asks the database only for pages that have some.
"""

from __future__ import annotations

import copy

from django.http import Http404
from django.http.request import split_domain_port
from django.utils import translation
from django.utils.functional import cached_property
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.models.sites import get_site_for_hostname

from caching import generation
from caching.memo import GenerationDict, memos_on, per_generation

_routes = GenerationDict()
_pages = GenerationDict()


_sites = GenerationDict()
_NO_SITE = object()
_urls = GenerationDict(max_values=50_000)


def _site_key(request) -> tuple[str, int]:
    return split_domain_port(request._get_raw_host())[0], request.get_port()


def site_for_request(request):
    """Like ``Site.find_for_request`` (and cached on the request the same way), memoised per generation."""
    if not hasattr(request, "_wagtail_site"):
        key = _site_key(request)
        request._wagtail_site = _sites.get_or_compute(key, lambda: _site_for_hostname(*key))
    return request._wagtail_site


def _site_for_hostname(hostname: str, port: int):
    try:
        return get_site_for_hostname(hostname, port)
    except Site.DoesNotExist:
        return None


class SiteMiddleware:
    """Hands Wagtail the request's Site from the memo when it is known (never queries: robots.txt,
    static files and the like need no Site; the first page view fills the memo)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not memos_on():
            return self.get_response(request)
        with generation.pinned() as token:
            site = _sites.get(_site_key(request), _NO_SITE, token=token)
            if site is not _NO_SITE:
                request._wagtail_site = site
            return self.get_response(request)


def _components(path: str) -> list[str]:
    return [component for component in path.split("/") if component]


def _memoised_route(request, path: str):
    """Wagtail's route for (site, language, path), from the memo when known; stored after a plain routing."""
    site = site_for_request(request)
    token = _routes.token()
    if site is None or token is None or request.method not in ("GET", "HEAD"):
        return
    key = (site.pk, translation.get_language(), path)
    target = _routes.get(key, token=token)
    components = _components(path)
    if target is not None:
        model, pk, consumed = target
        rest = components[consumed:]
        page = _live_page(model, pk, request.path) if not rest else None
        if page is None:
            page = model.objects.select_related("locale").filter(pk=pk).first()
        if page is None:
            return
        try:
            request._wagtail_route_for_request = page.route(request, rest)
        except Http404:
            request._wagtail_route_for_request = None
        return
    result = Page.route_for_request(request, path)
    if result is None:
        return
    page = result[0]
    root_depth = site.root_page.depth  # every language's home sits at the site root's depth
    consumed = page.depth - root_depth
    if 0 <= consumed <= len(components):
        _routes.set(key, (type(page), page.pk, consumed), token)


def _live_page(model, pk, path):
    """A copy of the live page for its own view at ``path`` (no sub-route), with its Markdown rendered
    once: a view of a known page needs no query at all. Memoised per generation and per token of the
    page's scope (an edit of the body bumps only that scope)."""
    token = _pages.token()
    scope_token = generation.scope_token(generation.page_scope(path)) if token else None
    scoped = _pages.get((model, pk, path), token=token)
    if scoped is not None and scoped[0] == scope_token:
        memoised = scoped[1]
    else:
        memoised = model.objects.select_related("locale").filter(pk=pk).first()
        if memoised is None or not memoised.live:
            return None
        if isinstance(getattr(model, "rendered", None), cached_property):
            memoised.rendered  # noqa: B018 (rendered once, kept in the copies)
        _pages.set((model, pk, path), (scope_token, memoised), token)
    return copy.copy(memoised)  # each request gets its own instance (attributes set on it stay there)


def serve(request, path):
    """Wagtail's page view (``wagtail.views.serve``), routed from the memo."""
    from wagtail import views as wagtail_views

    _memoised_route(request, path)
    result = getattr(request, "_wagtail_route_for_request", None)
    if result is not None and request.method in ("GET", "HEAD"):
        result[0]._served_live = True  # the live page as in the database (not a revision or a preview)
    return wagtail_views.serve(request, path)


@per_generation
def _restriction_state() -> tuple[frozenset[str], bool]:
    """(paths of pages with view restrictions, whether any page is an alias)."""
    paths = frozenset(PageViewRestriction.objects.values_list("page__path", flat=True))
    aliases = Page.objects.filter(alias_of__isnull=False).exists()
    return paths, aliases


@per_generation
def _tags(label: str, pk: int) -> list:
    from django.apps import apps

    return list(apps.get_model(label).objects.get(pk=pk).tags.all())


@per_generation
def _translation(translation_key, pk: int, language_code: str):
    return (
        Page.objects.live()
        .filter(translation_key=translation_key, locale__language_code=language_code)
        .exclude(pk=pk)
        .first()
    )


@per_generation
def _url_of_parent(parent_path: str) -> str:
    parent = Page.objects.filter(path=parent_path).first()
    return (parent.url or "") if parent else ""


def parent_url(page) -> str:
    """The URL of the page's parent ("" for none), memoised by the parent's tree path."""
    if not memos_on():
        parent = page.get_parent()
        return (parent.url or "") if parent else ""
    return _url_of_parent(page.path[: -page.steplen]) if page.depth > 1 else ""


@per_generation
def protected_page_ids() -> frozenset[int]:
    from wiki.models.editing import PageProtection

    return frozenset(PageProtection.objects.values_list("page_id", flat=True))


def shown_as_protected(page) -> bool:
    """For display (page tools); the edit policy asks the database itself (wiki.permissions)."""
    if not memos_on():
        from wiki.permissions import is_protected

        return is_protected(page)
    return page.pk in protected_page_ids()


@per_generation
def pages_with_held_edits() -> frozenset[int]:
    from wiki.models.editing import EditMeta, EditStatus

    return frozenset(EditMeta.objects.filter(status=EditStatus.HELD).values_list("page_id", flat=True).distinct())


def may_have_held_edits(page) -> bool:
    """False when the page certainly has no held edit (memos off: always True, the caller asks)."""
    return not memos_on() or page.pk in pages_with_held_edits()


class FastPageMixin:
    """For page models: memoised view restrictions, tags and translations (see the module's notes)."""

    def get_view_restrictions(self):
        if not memos_on():
            return super().get_view_restrictions()
        paths, aliases = _restriction_state()
        if not aliases and not any(self.path.startswith(path) for path in paths):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    @property
    def tag_list(self) -> list:
        """The page's tags (as ``tags.all()``), memoised for the live page being served (not a revision)."""
        if not (self.pk and memos_on() and getattr(self, "_served_live", False)):
            return list(self.tags.all())
        return _tags(self._meta.label, self.pk)

    def translation_in(self, language_code: str):
        """The live translation of this page in that language (a plain Page), or None."""
        return _translation(self.translation_key, self.pk, language_code)

    def get_url(self, request=None, current_site=None):
        """Wagtail's URL of the page, memoised per generation. Wagtail reads the sites' root paths from
        the cache and reverses the serve view each time: ~90 µs a URL, and a page view shows about ten
        (header, language switcher, tools). The key holds the page's path, the active language and the
        site the URL is relative to; a move, a rename or a change of site starts a new generation."""
        if not (self.pk and memos_on()):
            return super().get_url(request, current_site)
        if current_site is None and request is not None:
            current_site = site_for_request(request)
        key = (self.pk, self.url_path, translation.get_language(), getattr(current_site, "pk", None))
        wagtails = super().get_url
        return _urls.get_or_compute(key, lambda: wagtails(request, current_site))

    # Wagtail's `url` property is bound to Page.get_url itself, so it would skip the memo.
    url = property(get_url)
