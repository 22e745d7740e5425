"""Where the header links and the language switcher point, for any request."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.urls import Resolver404, resolve, reverse, translate_url
from django.utils import translation
from wagtail.models import Page

from caching.lookups import shared
from home.models import HomePage
from wiki.tag_pairs import counterpart_slug

# The views under a page that the switch keeps (``<page url><view>``): the translation has them too.
# A revision or a diff names revisions of this page only, so those go to the translation's history.
KEPT_VIEWS = ("edit/", "history/", "links-here/", "poster/")


@dataclass
class LanguageLink:
    code: str
    name: str
    url: str
    current: bool
    # False when there is no translation and the link falls back to that language's home (or tag list).
    exact: bool


def home_for(language: str):
    return shared("home", (language,), lambda: HomePage.objects.live().filter(locale__language_code=language).first())


def section_pages(language: str) -> dict[str, Page]:
    """The index pages under a language's home, keyed by model name."""
    return shared("sections", (language,), lambda: _section_pages(language))


def _section_pages(language: str) -> dict[str, Page]:
    home = home_for(language)
    if home is None:
        return {}
    children = home.get_children().live().select_related("content_type")
    return {child.content_type.model: child for child in children}


def language_links(request, page: Page | None = None) -> list[LanguageLink]:
    current = translation.get_language() or settings.LANGUAGE_CODE
    if page is not None:
        current = page.locale.language_code
    links = []
    for code, name in settings.LANGUAGES:
        url, exact = None, True
        if page is not None:
            if code == current:
                url = page.get_url(request)
            else:
                translated = _translation(page, code)
                url = translated.get_url(request) if translated else None
            if url is not None and request is not None and code != current:
                url += same_view(request, page.get_url(request), code)
            elif url is not None and request is not None:
                url = request.get_full_path()
        elif request is not None:
            url, exact = other_language_url(request, code)
            if url == request.get_full_path() and code != current:
                url = None
        if url is None:
            home = home_for(code)
            url, exact = (home.get_url(request) if home else f"/{code}/"), False
        with translation.override(code):
            native = translation.gettext(name)
        links.append(LanguageLink(code, native, url, code == current, exact))
    return links


def _translation(page: Page, language: str) -> Page | None:
    """The page's live translation in ``language`` (a plain Page), or None."""
    return shared(
        "translation", (page.pk, language),
        lambda: page.get_translations().live().filter(locale__language_code=language).first(),
    )


def same_view(request, page_url: str | None, language: str) -> str:
    """What to add to the translation's URL so the reader stays in the same view of the page:
    ``edit/``, ``history/`` (for a revision or a diff too), and a list's filters."""
    if not page_url or not request.path.startswith(page_url):
        return ""
    rest = request.path[len(page_url):]
    for view in KEPT_VIEWS:
        if rest.startswith(view):
            return view
    if rest or not request.GET:
        return ""
    return "?" + urlencode(translated_filters(request.GET, language), doseq=True)


def translated_filters(params, language: str) -> list[tuple[str, str]]:
    """A list's query string for the same list in ``language``: tags become that language's tags."""
    pairs = []
    for name, values in params.lists():
        for value in values:
            if name == "tag" and value:
                value = _tag_in(value, language) or value
            pairs.append((name, value))
    return pairs


def other_language_url(request, language: str) -> tuple[str, bool]:
    """The current address in ``language`` (a tag page goes to the tag that language uses, or to its
    list of tags when it has none), and whether it is the same thing in that language."""
    try:
        match = resolve(request.path)
    except Resolver404:
        match = None
    if match is not None and match.url_name == "tag_page":
        slug = _tag_in(match.kwargs["slug"], language)
        with translation.override(language):
            if slug is None:
                return reverse("tag_index"), False
            return reverse("tag_page", kwargs={"slug": slug}), True
    return translate_url(request.get_full_path(), language), True


def _tag_in(slug: str, language: str) -> str | None:
    return shared("tag-counterpart", (slug, language), lambda: counterpart_slug(slug, language))
