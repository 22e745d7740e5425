"""Resolving [[Page title]] links to pages of the same language."""

from collections.abc import Iterable
from functools import partial
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import translation
from wagtail.models import Page

from wiki.markup import normalise_title


def _title_variants(title: str) -> set[str]:
    # Like MediaWiki, the first letter is case-insensitive: [[micro-business]]
    # finds "Micro-business". Matching the rest exactly keeps the query indexed.
    variants = {title}
    if title:
        variants |= {title[0].upper() + title[1:], title[0].lower() + title[1:], title.title()}
    return variants


def resolve_titles(locale_id: int, targets: Iterable[str]) -> dict[str, str | None]:
    targets = tuple(targets)
    variants = set().union(*(_title_variants(t) for t in targets)) if targets else set()
    found: dict[str, str] = {}
    pages = Page.objects.live().filter(locale_id=locale_id, title__in=variants).order_by("depth", "pk")
    for page in pages:
        found.setdefault(normalise_title(page.title), page.get_url())
    return {t: found.get(normalise_title(t)) for t in targets}


def page_link_resolver(locale_id: int):
    return partial(resolve_titles, locale_id)


def missing_page_url(language_code: str, title: str) -> str:
    with translation.override(language_code):
        return reverse("wiki_create") + "?" + urlencode({"title": title})

