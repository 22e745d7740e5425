"""Thin adapters between the search page (and the API) and the search backend.

With our Whoosh backend (search.backend) the page parses queries with search.query, suggests
with search.spelling and highlights with search.highlight. With another backend (Wagtail's stock
database backend, which the benchmarks compare with) it falls back to plain, safe behaviour: its
own safe query parser, no suggestion, and an escaped plain-text snippet with the query words marked.

The backend used by the page is settings.SEARCH_PAGE_BACKEND (an alias in
WAGTAILSEARCH_BACKENDS, "default" unless set), so benchmarks can compare backends.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from functools import lru_cache

from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from modelsearch.backends import get_search_backend
from modelsearch.query import And, Phrase, PlainText

from search import highlight, query, spelling
from search.backend.results import WhooshSearchResults

logger = logging.getLogger(__name__)

OPERATORS = {"and", "or", "not", "andnot", "andmaybe", "near"}
_WORD = re.compile(r"\w+", re.UNICODE)


def backend_name() -> str:
    return getattr(settings, "SEARCH_PAGE_BACKEND", "default")


def backend():
    return get_search_backend(backend_name())


@lru_cache(maxsize=8)
def _is_stock_database_backend(path: str) -> bool:
    return path.startswith(("modelsearch.backends.database", "wagtail.search.backends.database", "search.backend.postgres"))


def uses_own_backend() -> bool:
    """True when the configured backend is not Wagtail's stock database backend."""
    config = settings.WAGTAILSEARCH_BACKENDS.get(backend_name(), {})
    return not _is_stock_database_backend(config.get("BACKEND", ""))


def result_ids(results, limit: int) -> list[int]:
    """The page ids of the first `limit` search results, in order.

    Our Whoosh results list their keys without loading the objects; other
    backends' results are loaded (ids only, the queryset is .only("id")).
    """
    if isinstance(results, WhooshSearchResults):
        return [int(pk) for pk, _score in results.ranked_keys(limit)]
    return [obj.pk for obj in results[:limit]]


def repair_stale(page_ids: list[int]) -> None:
    """Index documents for these page ids do not match the database: queue their update (search.backend.tasks
    reads each page's current state: gone or not live means removed). Never raises."""
    if not uses_own_backend():
        return
    try:
        from wagtail.models import Page

        from search.backend import tasks

        tasks.enqueue_update(Page, page_ids)
        logger.info("search: %d stale document(s) queued for repair: %s", len(page_ids), page_ids[:10])
    except Exception:  # repairing is a nicety for the reader who searched
        logger.exception("could not queue stale search documents %s", page_ids[:10])


def query_words(text: str) -> list[str]:
    """The plain words of a query (no operators, quotes or wildcards), in order, lower case."""
    words = []
    for word in _WORD.findall(text or ""):
        lowered = word.lower()
        if lowered not in OPERATORS and lowered not in words:
            words.append(lowered)
    return words


def parse(text: str) -> tuple[object | None, list[str]]:
    """(query for .search(), notices for the reader) for what the user typed; query None when nothing is left."""
    if uses_own_backend():
        parsed, warnings = query.parse_user_query(text)
        return parsed, [str(w) for w in warnings]
    return fallback_parse(text), []


def fallback_parse(text: str):
    """Phrases in balanced quotes, the other words as plain text; operators and symbols dropped,
    so nothing the user types can trip the database's full-text syntax. None when no word is left."""
    parts = text.split('"')
    if len(parts) % 2 == 0:  # unbalanced quotes: treat every quote as a space
        parts = [" ".join(parts)]
    plain: list[str] = []
    phrases: list[str] = []
    for index, part in enumerate(parts):
        words = query_words(part)
        if not words:
            continue
        if index % 2 and len(words) > 1:
            phrases.append(" ".join(words))
        else:
            plain.extend(words)
    queries = [Phrase(p) for p in phrases]
    if plain:
        queries.insert(0, PlainText(" ".join(plain)))
    if not queries:
        return None
    return queries[0] if len(queries) == 1 else And(queries)


def plain_words_query(text: str):
    """The safest form of a query: its words only (used after a parse error)."""
    words = query_words(text)
    return PlainText(" ".join(words)) if words else None


def suggest(text: str, language: str | None = None) -> str | None:
    """A "did you mean" for text, or None (words of both languages; `language`, the reader's, wins a tie)."""
    if not uses_own_backend():
        return None
    try:
        suggestion = spelling.suggest(text, language=language)
    except Exception:  # a suggestion is a nicety: never fail the page for it
        logger.exception("spelling suggestion failed for %r", text[:100])
        return None
    if suggestion and suggestion.strip().casefold() != text.strip().casefold():
        return suggestion.strip()
    return None


def corrected_search(text: str, language: str | None, search: Callable[[str, bool], object],
                     found: Callable[[object], bool] = bool) -> tuple[object, str | None, str | None]:
    """(results, the suggestion searched instead of text, a suggestion left to offer), for the search page
    and the API alike. ``search(query text, is_correction)`` runs one search; ``found(results)``: any?

    The suggestion is searched instead when one of text's words is written nowhere in the wiki (a typo such
    as `mikrovirksomhd` still finds pages by a known first part, other pages than the one meant), or when
    text finds nothing; otherwise it is offered beside the results."""
    suggestion = suggest(text, language)
    typo = bool(suggestion) and has_unknown_word(text)
    if typo:
        corrected = search(suggestion, True)
        if found(corrected):
            return corrected, suggestion, None
    results = search(text, False)
    if found(results) or not suggestion or typo:  # a typo's suggestion was searched above
        return results, None, suggestion
    corrected = search(suggestion, True)
    if found(corrected):
        return corrected, suggestion, None
    return results, None, suggestion


def has_unknown_word(text: str) -> bool:
    """Some word of text is written nowhere in the index (only our backend knows)."""
    return uses_own_backend() and spelling.has_unknown_word(text)


def snippets_for(text: str) -> Callable[[str, str], SafeString]:
    """snippet(page text, language) for one query's result list (page text: highlight.page_text): a short
    extract around the query words, with the words in <mark>. The query is analysed once for all the list's
    pages. Never raises (a failed snippet is logged and left empty)."""
    if not uses_own_backend():
        words = query_words(text)
        return lambda page_text, language: fallback_snippet(page_text, words)
    return highlight.Highlighter(text).text_snippet


def fallback_snippet(text: str, words: list[str], width: int = 220) -> SafeString:
    """Escaped extract of text around the first query word, words marked with <mark>."""
    if not text:
        return mark_safe("")
    start = 0
    pattern = None
    if words:
        pattern = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\w*", re.IGNORECASE)
        match = pattern.search(text)
        if match:
            start = max(0, match.start() - width // 3)
            space = text.rfind(" ", 0, start)
            start = space + 1 if start and space >= 0 else start
    extract = text[start:start + width]
    suffix = ""
    if start + width < len(text):
        cut = extract.rfind(" ")
        extract = extract[:cut] if cut > width // 2 else extract
        suffix = " …"
    pieces = ["… "] if start else []
    position = 0
    for match in pattern.finditer(extract) if pattern else ():
        pieces.append(escape(extract[position:match.start()]))
        pieces.append(f"<mark>{escape(match.group(0))}</mark>")
        position = match.end()
    pieces.append(escape(extract[position:]))
    pieces.append(suffix)
    return mark_safe("".join(pieces))  # noqa: S308 (every piece is escaped)
