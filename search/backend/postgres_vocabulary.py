"""Danish compounds on PostgreSQL search, from the index's own vocabulary.

PostgreSQL stems a whole word: `mikrovirksomhed` is indexed as `mikrovirksom`, which the query
`virksomheder` (`virksom`) does not meet. A query word is therefore also matched with the indexed
lexemes it ends (the head of a Danish compound comes last) or, from five letters, begins; a word no page
writes (`smykkefirma`) is split into two parts the index knows, both required.

The vocabulary is read with `ts_stat` and kept per process for VOCABULARY_SECONDS: a word new to the
index takes part in compounds after that (it is found as itself at once).
"""

from __future__ import annotations

import threading
import time

from django.db import connection

from .analysis import snowball_stem

VOCABULARY_SECONDS = 300
MIN_PART = 3  # letters of the shortest part of a compound
PREFIX_FROM = 5  # a query stem this long also finds the compounds it begins (`eksport` -> eksportvirksomhed)
MAX_LEXEMES = 30
LINKING_LETTERS = ("s", "e")  # børnetøjsfirma, smykkefirma


class Vocabulary:
    def __init__(self, words: frozenset[str]):
        self.words = words
        self.by_length = sorted(words, key=len)

    def compounds_with(self, stem: str) -> list[str]:
        """Indexed lexemes of which `stem` is the last part (or, when long enough, the first)."""
        if len(stem) < MIN_PART:
            return []
        found = []
        for lexeme in self.by_length:
            if len(lexeme) - len(stem) < MIN_PART:
                continue
            if lexeme.endswith(stem) or (len(stem) >= PREFIX_FROM and lexeme.startswith(stem)):
                found.append(lexeme)
                if len(found) == MAX_LEXEMES:
                    break
        return found

    def split(self, word: str) -> tuple[str, str] | None:
        """Two indexed lexemes that make up `word` (folded, unstemmed), the longest last part first."""
        for cut in range(MIN_PART, len(word) - MIN_PART + 1):
            tail = snowball_stem("danish", word[cut:])
            if tail not in self.words:
                continue
            head = word[:cut]
            for candidate in (head, *(head[:-1] for letter in LINKING_LETTERS if head.endswith(letter))):
                head_stem = snowball_stem("danish", candidate)
                if len(candidate) >= MIN_PART and head_stem in self.words:
                    return head_stem, tail
        return None


_lock = threading.Lock()
_loaded: tuple[float, Vocabulary] | None = None


def vocabulary() -> Vocabulary:
    global _loaded
    with _lock:
        if _loaded is None or time.monotonic() - _loaded[0] > VOCABULARY_SECONDS:
            _loaded = (time.monotonic(), Vocabulary(_read_vocabulary()))
        return _loaded[1]


def forget() -> None:
    """Read the vocabulary again on next use (after a rebuild, and in tests)."""
    global _loaded
    with _lock:
        _loaded = None


def _read_vocabulary() -> frozenset[str]:
    from modelsearch.backends.database.postgres.postgres import IndexEntry

    table = connection.ops.quote_name(IndexEntry._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT word FROM ts_stat('SELECT title || body FROM {table}')")  # noqa: S608 - our table
        return frozenset(row[0] for row in cursor.fetchall())


def compound_alternatives(danish_word: str) -> list[tuple[str, ...]]:
    """For a folded Danish query word: index lexemes that stand for it as part of a compound, each
    alternative a tuple of lexemes that must all be present."""
    words = vocabulary()
    stem = snowball_stem("danish", danish_word)
    alternatives: list[tuple[str, ...]] = [(lexeme,) for lexeme in words.compounds_with(stem)]
    if stem not in words.words and not alternatives:
        parts = words.split(danish_word)
        if parts:
            alternatives.append(parts)
    return alternatives
