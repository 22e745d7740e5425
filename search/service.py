"""Running a search for the search page: ranked ids, facets, one page of result rows.

The outcome is plain data (ids, counts, strings, snippet HTML).
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass, field
from functools import lru_cache

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Page

from caching.memo import GenerationDict
from search import adapters, grouping, highlight
from search.facets import (
    Choices,
    count_facets,
    filter_queryset,
    locale_codes,
    locales_by_id,
    narrow,
    tags_of,
    type_key,
    type_label,
)

logger = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 500
MAX_RESULTS = 200  # ranked ids read per search: facets count over these, pagination reaches them
PER_PAGE = 10

@dataclass
class Outcome:
    query: str
    language: str
    page_number: int = 1
    num_pages: int = 0
    total: int = 0
    truncated: bool = False
    rows: list[dict] = field(default_factory=list)
    facets: dict[str, list[dict]] = field(default_factory=dict)
    suggestion: str | None = None
    notices: list[str] = field(default_factory=list)
    page_out_of_range: bool = False
    corrected: str | None = None  # nothing was found, so these are the results for the suggestion


def normalise(text: str) -> str:
    return " ".join((text or "").split())


def searchable_pages():
    """Live pages below the root (home pages, sections and wiki pages), in both languages."""
    return Page.objects.live().filter(depth__gt=1)


def ranked_ids(queryset, text: str, notices: list[str]) -> list[int]:
    """Page ids in relevance order (at most MAX_RESULTS). Never raises for odd input."""
    try:
        query, warnings = adapters.parse(text)
        notices.extend(w for w in warnings if w not in notices)
    except Exception:  # the parser must never take the page down
        logger.warning("query could not be parsed: %r", text[:100], exc_info=True)
        query = adapters.plain_words_query(text)
        notices.append(_("Part of your search could not be understood, so we searched for its words."))
    if query is None:
        return []
    try:
        return _ids(queryset, query)
    except Exception:
        logger.warning("search failed for %r; retrying with its words", text[:100], exc_info=True)
    query = adapters.plain_words_query(text)
    if query is None:
        return []
    try:
        ids = _ids(queryset, query)
    except Exception:
        logger.exception("search failed for the words of %r", text[:100])
        notices.append(_("Sorry, this search could not be run. Try other words."))
        return []
    notices.append(_("Part of your search could not be understood, so we searched for its words."))
    return ids


def searched(queryset, text: str, language: str, notices: list[str]) -> tuple[list[int], str | None, str | None]:
    """(ranked ids, the suggestion searched instead, a suggestion left to offer): adapters.corrected_search.
    A correction's notices are not the reader's; what they typed is still read for its notices."""
    ids, corrected, suggestion = adapters.corrected_search(
        text, language, lambda query, correction: ranked_ids(queryset, query, [] if correction else notices))
    if corrected:
        _parse_notices(text, notices)
    return ids, corrected, suggestion


def _parse_notices(text: str, notices: list[str]) -> None:
    try:
        notices.extend(w for w in adapters.parse(text)[1] if w not in notices)
    except Exception:  # noqa: S110 - the parser's failure is reported when text is searched, not here
        pass


def _ids(queryset, query) -> list[int]:
    results = adapters.backend().search(query, queryset.only("id"))
    return adapters.result_ids(results, MAX_RESULTS)


def run_search(text: str, params, language: str) -> Outcome:
    """Search for text with the facets and page number in params (a QueryDict or dict).

    Not cached here: the page cache (caching.policy) keeps the search page for anonymous readers,
    per query, under the search scope's token, which the index changes with every commit that changes
    what a search finds; one copy, in Django's cache, shared by the workers when the cache is."""
    notices: list[str] = []
    text = normalise(text)
    if len(text) > MAX_QUERY_LENGTH:
        text = text[:MAX_QUERY_LENGTH].rsplit(" ", 1)[0] or text[:MAX_QUERY_LENGTH]
        notices.append(
            _("Your search was very long, so only its first %(n)s characters were used.") % {"n": MAX_QUERY_LENGTH}
        )
    choices = Choices.from_params(params)
    if choices.dropped:
        notices.append(_("A filter in the address was not recognised and has been left out."))
    page_param = str(params.get("page") or "1")[:12]
    outcome = Outcome(query=text, language=language)
    if text:
        _fill(outcome, text, choices, page_param, language)
    outcome.notices = notices + outcome.notices
    return outcome


def _page_number(value: str, num_pages: int) -> tuple[int, bool]:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 1, True
    if number < 1 or number > max(num_pages, 1):
        return 1, True
    return number, False


def _fill(outcome: Outcome, text: str, choices: Choices, page_param: str, language: str) -> None:
    queryset = filter_queryset(searchable_pages(), choices)
    ids, outcome.corrected, outcome.suggestion = searched(queryset, text, language, outcome.notices)
    outcome.truncated = len(ids) >= MAX_RESULTS
    grouped = group(queryset, ids, choices.lang or language)
    ids, pages = grouped.ids, grouped.pages
    # One read of the tags serves the tag choice, the tag counts and the result rows.
    tags = tags_of(ids, {pages[pk][0] for pk in ids})
    ids = narrow(ids, choices, tags)
    outcome.total = len(ids)
    outcome.num_pages = math.ceil(len(ids) / PER_PAGE)
    outcome.page_number, outcome.page_out_of_range = _page_number(page_param, outcome.num_pages)
    if page_param == "1":
        outcome.page_out_of_range = False
    # Counts and the result list are taken over the same ids (one per page, in the language shown),
    # so they always agree.
    outcome.facets = count_facets(ids, pages, tags, choices, language)
    start = (outcome.page_number - 1) * PER_PAGE
    shown = ids[start:start + PER_PAGE]
    outcome.rows = result_rows(shown, outcome.corrected or text, tags, pages, grouped.alternates)


def group(queryset, ids: list[int], language: str) -> grouping.Grouped:
    """The ranked ids one per page (translation group), in `language` where it exists (grouping).

    An id the index returned that is not a page of the queryset is a stale document (a page deleted or
    changed without the index hearing of it, e.g. a rolled-back transaction): it is left out and queued
    for repair, so counts and results never include it.
    """
    locale = next((pk for pk, code in locale_codes().items() if code == language), None)
    grouped = grouping.one_per_page(queryset, ids, locale)
    stale = [pk for pk in ids if pk not in grouped.pages]
    if stale:
        adapters.repair_stale(stale)
    return grouped


def ranked_pages(text: str, language: str) -> tuple[list[int], str | None]:
    """(page ids one per page in the reader's language, in rank order; the correction searched instead,
    if any): what the search page lists for text, without facets."""
    queryset = searchable_pages()
    ids, corrected, _suggestion = searched(queryset, normalise(text), language, [])
    return group(queryset, ids, language).ids, corrected


def result_rows(
    page_ids: list[int],
    text: str,
    tags: dict[int, list[tuple[str, str]]],
    resolved: dict[int, tuple[int, int, int | None]],
    alternates: dict[int, list[int]] | None = None,
) -> list[dict]:
    """What the template shows for each result, in rank order (tags: facets.tags_of; resolved:
    {id: (content type id, locale id, latest revision id)}, grouping.Grouped.pages; alternates: {id: ids
    of the page's other language versions}).

    Titles and URLs are kept from earlier searches (page_links); a page's specific row (one query per page
    type) is read only when its snippet text is not kept either (highlight.page_text)."""
    if not page_ids:
        return []
    alternates = alternates or {}
    links = page_links([*page_ids, *(pk for shown in page_ids for pk in alternates.get(shown, ()))])
    shown_ids = [pk for pk in page_ids if pk in links]  # a page deleted since it was grouped is left out
    token = highlight.text_token()
    texts = highlight.kept_texts([highlight.text_key_of(pk, resolved[pk][0], resolved[pk][2]) for pk in shown_ids], token)
    missing = [pk for pk in shown_ids if pk not in texts]
    if missing:
        locales = locales_by_id()
        for pk, page in _specific_pages(missing, resolved).items():
            if page.locale_id in locales:
                page.locale = locales[page.locale_id]  # texts read it (country names): no query per page
            texts[pk] = highlight.page_text(page, token)
    codes = locale_codes()
    snippet = adapters.snippets_for(text)
    result = []
    for pk in shown_ids:
        content_type = ContentType.objects.get_for_id(resolved[pk][0])
        page_language = codes.get(resolved[pk][1], "")
        title, url = links[pk]
        result.append({
            "id": pk,
            "title": title,
            "url": url,
            "language": page_language,
            "type": type_key(content_type),
            "type_label": type_label(content_type),
            "tags": [{"slug": slug, "name": name, "url": tag_url(page_language, slug)} for slug, name in tags.get(pk, ())],
            "snippet": str(snippet(texts.get(pk, ""), page_language)),
            "translations": [
                {"language": codes.get(resolved[other][1], ""), "url": links[other][1]}
                for other in alternates.get(pk, ()) if other in links and links[other][1]
            ],
        })
    return result


# A result's title and URL, kept per process until the content changes: a change of either is never
# confined to its page (caching.page_scope), so it retires these. Popular pages come back search after search.
_PAGE_LINKS = GenerationDict(max_values=20_000)


def page_links(page_ids: list[int]) -> dict[int, tuple[str, str]]:
    """{page id: (title, URL)} of these pages, read in one query for those not kept."""
    def read(missing):
        # What a link needs (url_path for the URL): a whole Page row costs the ORM more than the rest of a row.
        rows = Page.objects.filter(pk__in=missing).order_by().only("id", "title", "url_path")
        return {page.pk: (page.title, page.url or "") for page in rows}

    return _PAGE_LINKS.get_or_read_many(page_ids, read)


def _specific_pages(page_ids: list[int], resolved: dict[int, tuple[int, int, int | None]]) -> dict[int, Page]:
    """{id: the specific page}, one query per page type."""
    by_type: dict[int, list[int]] = {}
    for pk in page_ids:
        by_type.setdefault(resolved[pk][0], []).append(pk)
    pages = {}
    for content_type_id, pks in by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class() or Page
        # Unordered: the rows are put in rank order afterwards (a page's default order by path costs the ORM time).
        pages.update((page.pk, page) for page in model._default_manager.filter(pk__in=pks).order_by())
    return pages


@lru_cache(maxsize=10_000)
def tag_url(language: str, slug: str) -> str:
    """A tag page's URL in a language (the URL patterns never change while a process runs)."""
    with translation.override(language or None):
        return reverse("tag_page", args=[slug])
