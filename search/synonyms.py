"""Synonym groups (editable in the admin) as a map used to expand queries.

The map is cached (Django cache, shared between processes when the cache is
Redis) and dropped whenever a group is saved or deleted (search.signals).
With the per-process local-memory cache, other processes see an edit after
CACHE_SECONDS at most.
"""

from __future__ import annotations

from django.core.cache import cache

from search.backend.analysis import words

CACHE_KEY = "search:synonyms:v1"
CACHE_SECONDS = 60
MAX_PHRASE_WORDS = 4


def phrase_key(text: str) -> tuple[str, ...]:
    """How a term is matched in a query: its lowercase words, `children's` -> children."""
    return tuple(words(text))


def build_synonym_map() -> dict[tuple[str, ...], list[str]]:
    from search.models import SynonymGroup

    mapping: dict[tuple[str, ...], list[str]] = {}
    for group in SynonymGroup.objects.all():
        terms = group.term_list
        for term in terms:
            key = phrase_key(term)
            if not key or len(key) > MAX_PHRASE_WORDS:
                continue
            others = mapping.setdefault(key, [])
            for other in terms:
                if other != term and other not in others:
                    others.append(other)
    return mapping


def get_synonym_map() -> dict[tuple[str, ...], list[str]]:
    mapping = cache.get(CACHE_KEY)
    if mapping is None:
        try:
            mapping = build_synonym_map()
        except Exception:  # no table yet (migrations), or the database is away: search without synonyms
            return {}
        cache.set(CACHE_KEY, mapping, CACHE_SECONDS)
    return mapping


def invalidate() -> None:
    cache.delete(CACHE_KEY)


def split_units(text: str, mapping=None) -> list[tuple[str, list[str]]]:
    """The query's words, with runs that form a synonym term kept together.

    [("micro-business", ["micro-enterprise", "mikrovirksomhed"]), ("denmark", [])]
    """
    mapping = get_synonym_map() if mapping is None else mapping
    tokens = words(text)
    units: list[tuple[str, list[str]]] = []
    i = 0
    while i < len(tokens):
        for size in range(min(MAX_PHRASE_WORDS, len(tokens) - i), 0, -1):
            key = tuple(tokens[i : i + size])
            if key in mapping:
                units.append((" ".join(key), list(mapping[key])))
                i += size
                break
        else:
            units.append((tokens[i], []))
            i += 1
    return units
