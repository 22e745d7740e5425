"""Search result snippets with the matched words in <mark>.

`snippet(page, "mikrovirksomheder eksport", "da")` picks the passage of the page's
text with the most matches and marks every word whose stem matches a query
word, a synonym, or (in Danish) contains one (`virksomhed` marks
`mikrovirksomheder`). Returns escaped, safe HTML.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_right
from html import escape  # what Django's escape() runs, without its lazy-string wrapper on every piece

from django.utils.safestring import SafeString, mark_safe

from caching.memo import GenerationDict
from search import synonyms
from search.backend.analysis import LANGUAGES, analyze, matching_spans, terms_with_spans
from search.backend.compiler import COMPOUND_MIN_LENGTH

logger = logging.getLogger("search.highlight")

DEFAULT_CHARS = 240
MAX_TEXT = 50_000

_WIKI_LINK = re.compile(r"\[\[([^\]|]*)\|?([^\]]*)\]\]")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_BLOCKS = re.compile(r"(^|\s)[#>*+-]+\s|^\s*\d+\.\s", re.MULTILINE)
# Emphasis marks go without a trace: a space in their place stood before the punctuation after them.
_MD_EMPHASIS = re.compile(r"[*`~]+|(?<!\w)_+|_+(?!\w)")
_EXCLUDED = re.compile(r"(^|\s)-(\"[^\"]*\"?|\S+)")
_PHRASE = re.compile(r'"([^"]*)"?')


def plain_text(markdown: str) -> str:
    """Markdown as readable plain text (links as their labels)."""
    text = _WIKI_LINK.sub(lambda m: m.group(2) or m.group(1), markdown or "")
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_BLOCKS.sub(" ", text)
    text = _MD_EMPHASIS.sub("", text)
    return " ".join(text.split())


# A page's snippet text, per process until the content changes; keyed by its latest revision too, so
# an edit shown on its page alone (which leaves the content generation) is never cut from old text.
_PAGE_TEXTS = GenerationDict(max_values=5_000)


def text_token() -> str | None:
    """The content generation the kept texts belong to (read once for a result list: it is a file read)."""
    return _PAGE_TEXTS.token()


def text_key(page) -> tuple:
    """What a page's snippet text is kept under: any Page row (specific or not) gives the same key."""
    return text_key_of(page.pk, page.content_type_id, getattr(page, "latest_revision_id", None))


def text_key_of(page_id: int, content_type_id: int, latest_revision_id: int | None) -> tuple:
    """text_key() from a page's columns, without its row (grouping.Grouped.pages has them)."""
    return (page_id, content_type_id, latest_revision_id)


def kept_texts(keys: list[tuple], token: str | None) -> dict[int, str]:
    """{page id: snippet text} of the pages whose text is kept (keys: text_key's), without reading their rows."""
    return {key[0]: text for key, text in _PAGE_TEXTS.get_many(keys, token).items()}


def page_text(page, token: str | None = None) -> str:
    """The text a snippet is cut from: the page's searchable text fields, most important first (`page`:
    the specific page). ``token``: text_token(), read once for a result list."""
    key = text_key(page)
    token = token or _PAGE_TEXTS.token()
    text = _PAGE_TEXTS.get(key, token=token)
    if text is None:
        text = _page_text(page)
        _PAGE_TEXTS.set(key, text, token)
    return text


def _page_text(page) -> str:
    from modelsearch.index import SearchField

    fields = [
        f for f in type(page).get_search_fields() if isinstance(f, SearchField) and f.field_name not in ("title",)
    ]
    fields.sort(key=lambda f: -(f.boost or 1))
    parts = []
    for field in fields:
        try:
            value = field.get_value(page)
        except Exception:  # noqa: S112 - a broken property must not break the result list
            continue
        if isinstance(value, str) and value.strip():
            parts.append(plain_text(value))
    if not parts and getattr(page, "search_description", ""):
        parts.append(page.search_description)
    return " — ".join(parts)[:MAX_TEXT]


def split_phrases(query_text: str) -> tuple[str, list[str]]:
    """(the query's loose words, its quoted phrases), excluded parts (-word, -"a phrase") left out."""
    text = _EXCLUDED.sub(" ", query_text or "")
    phrases = [phrase for phrase in _PHRASE.findall(text) if phrase.strip()]
    return _PHRASE.sub(" ", text), phrases


def phrase_spans(text: str, phrases: list[str], language: str) -> list[tuple[int, int]]:
    """(start, end) of each word of text that is part of one of the phrases, its words in a row."""
    wanted = [terms for terms in (analyze(phrase, language) for phrase in phrases) if terms]
    if not wanted:
        return []
    words = terms_with_spans(text, language)
    terms = [term for term, _start, _end in words]
    spans = set()
    for phrase in wanted:
        size = len(phrase)
        for i in range(len(terms) - size + 1):
            if terms[i:i + size] == phrase:
                spans.update((start, end) for _term, start, end in words[i:i + size])
    return sorted(spans)


def query_stems(query_text: str, language: str) -> set[str]:
    text = _EXCLUDED.sub(" ", query_text or "")
    text = re.sub(r"\b(AND|OR|NOT)\b", " ", text)[:1000]
    stems = set(analyze(text, language))
    for _surface, alternatives in synonyms.split_units(text):
        for alternative in alternatives:
            stems.update(analyze(alternative, language))
    return stems


class Highlighter:
    """Snippets of several pages for one query.

    A result list asks for ten snippets of one query: its stems (synonyms included) are worked out once
    per language, not once per page, and each page's terms once per text (analysis.term_lines)."""

    def __init__(self, query_text: str, max_chars: int = DEFAULT_CHARS):
        self.query_text = query_text
        # A quoted phrase marks its words only where they stand together, as the search matched them.
        self.loose_text, self.phrases = split_phrases(query_text)
        self.max_chars = max_chars
        self._stems: dict[str, tuple[frozenset[str], tuple[str, ...]]] = {}

    def snippet(self, page, language: str | None = None) -> SafeString:
        """An HTML passage of `page` with query matches in <mark>; the start of the text if nothing matches."""
        if language not in LANGUAGES:
            code = (getattr(getattr(page, "locale", None), "language_code", "") or "").lower()
            language = "da" if code.startswith("da") else "en"
        try:
            text = page_text(page)
        except Exception:
            logger.exception("Snippet text failed for %r", page)
            return mark_safe("")  # noqa: S308 - empty string
        return self.text_snippet(text, language)

    def text_snippet(self, text: str, language: str) -> SafeString:
        """snippet() of a page's text (page_text); never raises."""
        try:
            return self.highlight(text, language if language in LANGUAGES else "en")
        except Exception:
            logger.exception("Snippet failed for %r", text[:100])
            return mark_safe("")  # noqa: S308 - empty string

    def highlight(self, text: str, language: str) -> SafeString:
        stems, parts = self._wanted(language)
        spans = matching_spans(text, language, stems, parts)
        if self.phrases:
            spans = sorted(set(spans) | set(phrase_spans(text, self.phrases, language)))
        start, end = _best_window(text, spans, self.max_chars)
        pieces = []
        cursor = start
        for s, e in spans:
            if s < start or e > end:
                continue
            pieces.append(escape(text[cursor:s]))
            pieces.append(f"<mark>{escape(text[s:e])}</mark>")
            cursor = e
        pieces.append(escape(text[cursor:end]))
        html = "".join(pieces).strip()
        if start > 0:
            html = "…" + html
        if end < len(text):
            html = html + "…"
        return mark_safe(html)  # noqa: S308 - every piece of text is escaped above

    def _wanted(self, language: str) -> tuple[frozenset[str], tuple[str, ...]]:
        """(the query's stems, synonyms included; in Danish, the stems a compound word marked may contain)."""
        if language not in self._stems:
            stems = frozenset(query_stems(self.loose_text, language))
            parts = tuple(sorted(s for s in stems if len(s) >= COMPOUND_MIN_LENGTH)) if language == "da" else ()
            self._stems[language] = (stems, parts)
        return self._stems[language]


def snippet(page, query_text: str, language: str | None = None, max_chars: int = DEFAULT_CHARS) -> SafeString:
    """An HTML passage of `page` with query matches in <mark>; the start of the text if nothing matches."""
    return Highlighter(query_text, max_chars).snippet(page, language)


def highlight_text(text: str, query_text: str, language: str, max_chars: int = DEFAULT_CHARS) -> SafeString:
    return Highlighter(query_text, max_chars).highlight(text, language)


def _best_window(text: str, spans, max_chars: int) -> tuple[int, int]:
    if len(text) <= max_chars:
        return 0, len(text)
    best_start, best_count = 0, -1
    ends = [e for _s, e in spans]
    for i, (s, _) in enumerate(spans):
        # Spans are sorted and do not overlap, so their ends are sorted too: count those that end in the window.
        count = bisect_right(ends, s + max_chars, i) - i
        if count > best_count:
            best_start, best_count = s, count
    if best_count <= 0:
        best_start = 0
    # Start a little before the first match, at a word boundary.
    start = max(0, best_start - max_chars // 4)
    if start > 0:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < best_start else start
    end = min(len(text), start + max_chars)
    if end < len(text):
        space = text.rfind(" ", start, end)
        if space > start:
            end = space
    return start, end
