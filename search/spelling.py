""""Did you mean": the closest words from the index vocabulary.

`suggest("mikrovirksomhder eksprt")` -> "mikrovirksomheder eksport", or None when
every word is known (as written, or by its stem, in either language: the search matches both)
or nothing close enough exists.

Candidates are words actually written in the indexed pages (field w_da/w_en,
not stems), with the same first letter and a length within 2; they are ranked
by edit distance (Damerau-Levenshtein: a swap counts once), then by how many
documents use them. Whoosh's own corrector is not used: it is slow on large
vocabularies and ranks poorly.
"""

from __future__ import annotations

import logging
from collections import defaultdict

from search.backend.analysis import LANGUAGES, analyze, words
from search.backend.compiler import Vocabulary
from search.backend.index_state import cached
from search.backend.schema import parse_text_field_name

logger = logging.getLogger("search.spelling")

MAX_WORDS = 10
MIN_WORD_LENGTH = 3


def damerau_levenshtein(a: str, b: str, limit: int) -> int:
    """Edit distance with transpositions; returns limit + 1 as soon as it exceeds `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous_previous = None
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        row_min = current[0]
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if previous_previous is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                value = min(value, previous_previous[j - 2] + 1)
            current[j] = value
            row_min = min(row_min, value)
        if row_min > limit:
            return limit + 1
        previous_previous, previous = previous, current
    return previous[-1]


class _Lexicon:
    """One language's vocabulary in one index reader: (written words, words by first letter, stems)."""

    _cache: dict = {}

    @classmethod
    def get(cls, reader, language):
        def build():
            word_field = f"w_{language}"
            known_words = set(Vocabulary.terms(reader, [word_field] if word_field in reader.schema else []))
            buckets = defaultdict(list)
            for word in known_words:
                if len(word) >= MIN_WORD_LENGTH and not word.isdigit():
                    buckets[word[0]].append(word)
            fields = [n for n in reader.indexed_field_names() if (parse_text_field_name(n) or ("",))[0] == language]
            return known_words, buckets, set(Vocabulary.terms(reader, fields))

        return cached(cls._cache, 8, reader, language, build)


def _is_known(word, lexicons: dict) -> bool:
    """Written in the index, or its stem is, in any language: the search matches both at once, so a
    Danish word on the English page is not a typo."""
    if len(word) < MIN_WORD_LENGTH or word.isdigit():
        return True
    for language, (known_words, _buckets, stems) in lexicons.items():
        if word in known_words:
            return True
        terms = analyze(word, language)
        if not terms:  # a stop word in this language
            return True
        if all(term in stems for term in terms):
            return True
    return False


def _best(word, reader, lexicons: dict, preferred: str | None):
    """The closest written word of either language; at the same distance one of the reader's language
    (`preferred`), then the one more documents use."""
    limit = 1 if len(word) <= 4 else 2
    word_fields = [f"w_{language}" for language in LANGUAGES if f"w_{language}" in reader.schema]
    best = None
    seen = set()
    ordered = sorted(LANGUAGES, key=lambda language: language != preferred)
    for language in ordered:
        for candidate in lexicons[language][1].get(word[0], ()):
            if candidate in seen or abs(len(candidate) - len(word)) > limit:
                continue
            seen.add(candidate)
            distance = damerau_levenshtein(word, candidate, limit)
            if distance > limit:
                continue
            frequency = sum(reader.doc_frequency(field, candidate) for field in word_fields)
            rank = (distance, language != preferred, -frequency, candidate)
            if best is None or rank < best:
                best = rank
    return best[3] if best else None


def has_unknown_word(query_text: str) -> bool:
    """Some word of the query is written nowhere in the index, in either language (as written or by its stem)."""
    try:
        from modelsearch.backends import get_search_backend

        store = getattr(get_search_backend(), "store", None)
        if store is None:
            return False
        reader = store.searcher().reader()
        lexicons = {each: _Lexicon.get(reader, each) for each in LANGUAGES}
        query_words = [w for w in words((query_text or "")[:500]) if w.upper() not in ("AND", "OR", "NOT")][:MAX_WORDS]
        return any(not _is_known(word, lexicons) for word in query_words)
    except Exception:  # a nicety, as suggest() is
        logger.exception("Spelling check failed for %r", query_text)
        return False


def suggest(query_text: str, language: str | None = None) -> str | None:
    """A corrected query, or None. Words of both languages are candidates (the search box searches
    both); `language` ("da"/"en", the reader's) wins between candidates equally close."""
    try:
        from modelsearch.backends import get_search_backend

        backend = get_search_backend()
        store = getattr(backend, "store", None)
        if store is None:
            return None
        query_words = [w for w in words((query_text or "")[:500]) if w.upper() not in ("AND", "OR", "NOT")][:MAX_WORDS]
        if not query_words:
            return None
        reader = store.searcher().reader()
        lexicons = {each: _Lexicon.get(reader, each) for each in LANGUAGES}
        changed = False
        corrected = []
        for word in query_words:
            if _is_known(word, lexicons):
                corrected.append(word)
                continue
            replacement = _best(word, reader, lexicons, language)
            if replacement and replacement != word:
                corrected.append(replacement)
                changed = True
            else:
                corrected.append(word)
        return " ".join(corrected) if changed else None
    except Exception:  # "did you mean" is a nicety: never break the search page
        logger.exception("Spelling suggestion failed for %r", query_text)
        return None
