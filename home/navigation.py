"""Where the header links and the language switcher point, for any request."""

from dataclasses import dataclass

from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Page

from caching.lookups import shared
from home.models import HomePage


@dataclass
class LanguageLink:
    code: str
    name: str
    url: str
    current: bool
    # False when the page has no translation and the link falls back to that language's home.
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
        elif request is not None:
            url = translate_url(request.get_full_path(), code)
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
