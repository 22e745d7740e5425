"""URL patterns for the addresses under a wiki page (``<page url>edit/``, ``<page url>history/``…).

Feature apps declare them in their own urls.py with ``page_route``; config/urls.py places them
before Wagtail's page view. The page is found the way Wagtail's own view finds it (the request's
Site, then ``Page.route`` from the root of the active language) and Wagtail's ``before_serve_page``
hooks run, so view restrictions hold here as on the page itself. An address whose page is not a
wiki page (a definition whose slug is ``history``, say) goes on to Wagtail's page view.
"""

from __future__ import annotations

from functools import wraps

from django.http import Http404, HttpResponse
from django.urls import re_path
from wagtail import hooks
from wagtail import views as wagtail_views
from wagtail.models import Site

from wiki.models.base import WikiPage

# As Wagtail's serve_pattern: slugs, each followed by a slash.
PAGE_PATH = r"(?P<page_path>(?:[\w\-]+/)*)"


def wiki_page_at(request, page_path: str) -> WikiPage | None:
    """The live wiki page served at ``page_path`` (relative to the language's home), or None."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    components = [component for component in page_path.split("/") if component]
    try:
        page, args, _kwargs = site.root_page.localized.specific.route(request, components)
    except Http404:
        return None
    return page if isinstance(page, WikiPage) and not args else None


def page_route(route: str, view, name: str, *, numbers: tuple[str, ...] = ()):
    """``re_path`` for ``<page url><route>`` (a regular expression, without ^ and $) calling
    ``view(request, page, **groups)`` with the wiki page found there; the groups named in
    ``numbers`` are passed as ints."""

    @wraps(view)
    def page_view(request, page_path, subpath, **kwargs):
        page = wiki_page_at(request, page_path)
        if page is None:
            return wagtail_views.serve(request, page_path + subpath)
        for hook in hooks.get_hooks("before_serve_page"):
            result = hook(page, request, (), {})
            if isinstance(result, HttpResponse):
                return result
        return view(request, page, **{k: int(v) if k in numbers else v for k, v in kwargs.items()})

    return re_path(rf"^{PAGE_PATH}(?P<subpath>{route})$", page_view, name=name)
