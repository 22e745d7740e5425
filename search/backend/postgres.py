"""Wagtail's database search backend on PostgreSQL, in two languages (`SEARCH_URL=database://`).

Stock, the backend analyses every text with one text-search configuration. Here a page is indexed with
its locale's configuration (`danish` or `english`, PostgreSQL's own Snowball stemmers and stop words),
and a query is asked in both, so one search finds pages of both languages:

- folding before PostgreSQL sees the text, the same for pages and queries: Danish text gets Lucene's
  Scandinavian normalisation (`Aarhus` meets `Århus`) and loses other accents; English text loses its
  accents (`café` meets `cafe`). Done in Python, so no extension or dictionary file is needed on the server;
- Danish compounds: a query word also matches the indexed words it ends (`virksomheder` finds
  `mikrovirksomhed`), and, from five letters, the ones it begins (`eksport` finds `eksportvirksomhed`),
  drawn from the index's own vocabulary (`postgres_vocabulary.py`);
- a change of the index sends `search.signals.index_changed` once committed, from whichever process
  wrote it (the task worker), so cached search results are retired on every server.

On any other database the stock backend for it is used (SQLite's FTS5 there does no stemming).
"""

from __future__ import annotations

import logging
import operator
import re
import unicodedata
from functools import lru_cache, reduce

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection, transaction
from modelsearch.backends import database as stock_database
from modelsearch.backends.database.postgres.postgres import (
    IndexEntry,
    ObjectIndexer,
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)
from modelsearch.backends.database.postgres.query import Lexeme
from modelsearch.query import Phrase, PlainText
from modelsearch.utils import get_content_type_pk

from .analysis import DANISH_STOP_WORDS, ENGLISH_STOP_WORDS, scandinavian_normalize
from .postgres_vocabulary import compound_alternatives

logger = logging.getLogger("search.backend")

# A page's locale -> PostgreSQL's text-search configuration; anything else (images, documents) is English.
CONFIGS = {"da": "danish", "en": "english"}
DEFAULT_LANGUAGE = "en"
# How much a match inside a compound (`virksomheder` in mikrovirksomheder) counts beside the word itself.
COMPOUND_RANK = 0.3
KEEP_IN_DANISH = frozenset("åÅ")  # NFD would split å into a + ring; æ and ø do not decompose
_POSSESSIVE = re.compile(r"['’]s\b", re.IGNORECASE)
_WORD = re.compile(r"\w+")


def _strip_accents(text: str, keep: frozenset = frozenset()) -> str:
    out = []
    for char in text:
        if char in keep or char.isascii():
            out.append(char)
            continue
        decomposed = unicodedata.normalize("NFD", char)
        out.append("".join(c for c in decomposed if not unicodedata.combining(c)))
    return "".join(out)


def fold(text: str, language: str) -> str:
    """The text as the index of `language` stores it (before PostgreSQL's parser and stemmer)."""
    lowered = text.lower()
    if language == "da":
        return _strip_accents(scandinavian_normalize(lowered), KEEP_IN_DANISH)
    return _strip_accents(lowered)


def query_words(text: str) -> list[str]:
    """A query's words, without English possessives and without the stop words of either language."""
    words = _WORD.findall(_POSSESSIVE.sub("", text))
    kept = [w for w in words if w.lower() not in DANISH_STOP_WORDS and w.lower() not in ENGLISH_STOP_WORDS]
    return kept or words


def object_language(obj) -> str:
    """The language an object is indexed in: its locale's (pages, translatable snippets), else English."""
    locale_id = getattr(obj, "locale_id", None)
    code = _locale_language(locale_id) if locale_id is not None else DEFAULT_LANGUAGE
    return code if code in CONFIGS else DEFAULT_LANGUAGE


@lru_cache(maxsize=64)
def _locale_language(locale_id: int) -> str:
    # A locale's language code is set when it is made and never changed: read once per process, not per object.
    from wagtail.models import Locale

    code = Locale.objects.filter(pk=locale_id).values_list("language_code", flat=True).first() or DEFAULT_LANGUAGE
    return code.split("-")[0]


class BilingualObjectIndexer(ObjectIndexer):
    """Title and body in the object's language (folded); autocomplete as stock (`simple`, unstemmed)."""

    def __init__(self, obj, backend):
        super().__init__(obj, backend)
        self.language = object_language(obj)
        self.config = CONFIGS[self.language]

    def as_vector(self, texts, for_autocomplete=False):
        if not for_autocomplete:
            texts = [(fold(text, self.language), weight) for text, weight in texts]
        return super().as_vector(texts, for_autocomplete=for_autocomplete)


class BilingualPostgresIndex(PostgresIndex):
    """Index entries written with ``BilingualObjectIndexer`` (the stock method builds its own indexer)."""

    def add_items(self, model, objs):
        if not model.get_search_fields():
            return
        content_type_id = get_content_type_pk(model)
        entries = []
        for obj in objs:
            indexer = BilingualObjectIndexer(obj, self.backend)
            entries.append(IndexEntry(
                content_type_id=content_type_id, object_id=indexer.id, title=indexer.title,
                autocomplete=indexer.autocomplete, body=indexer.body, title_norm=1.0,
                title_text=indexer.title_text, body_text=indexer.body_text,
            ))
        if not entries:
            return
        IndexEntry._default_manager.using(self.write_connection.alias).bulk_create(
            entries, update_conflicts=True, unique_fields=["content_type", "object_id"],
            update_fields=["title", "autocomplete", "body", "title_norm", "title_text", "body_text"],
        )
        # Private: the stock title-length normalisation (new entries carry 1.0) has no public entry point.
        self._refresh_title_norms()
        _announce_change()

    def add_item(self, obj):
        self.add_items(type(obj), [obj])

    def delete_item(self, item):
        super().delete_item(item)
        _announce_change()


def _announce_change() -> None:
    """Tell `search.signals.index_changed` once the index write is committed (at once outside a transaction)."""
    transaction.on_commit(_send_index_changed)


def _send_index_changed() -> None:
    from search.signals import index_changed  # search.signals queues index tasks, whose module loads this package

    # A receiver's failure (a lost cache server) must not fail the index write, which has happened.
    for _receiver, result in index_changed.send_robust(sender=BilingualPostgresIndex):
        if isinstance(result, Exception):
            logger.warning("A receiver of index_changed failed: %r", result)


class BilingualQueryCompiler(PostgresSearchQueryCompiler):
    """Plain words and phrases asked in Danish and in English at once; the other query classes as stock."""

    def build_tsquery_content(self, query, config=None, invert=False):
        if isinstance(query, PlainText):
            combined = self.words_query(query, compounds=True)
            return ~combined if invert and combined is not None else combined
        if isinstance(query, Phrase):
            # As written: PostgreSQL counts the positions of possessives and stop words in pages and phrases alike.
            text = query.query_string
            combined = SearchQuery(fold(text, "da"), search_type="phrase", config=CONFIGS["da"]) | SearchQuery(
                fold(text, "en"), search_type="phrase", config=CONFIGS["en"]
            )
            return ~combined if invert else combined
        return super().build_tsquery_content(query, config=config, invert=invert)

    def build_tsrank(self, vector, query, config=None, boost=1.0):
        """A page that has the words themselves ranks above one that has them only inside compounds."""
        if isinstance(query, PlainText):
            exact = self.words_query(query, compounds=False)
            rank = COMPOUND_RANK * SearchRank(vector, self.words_query(query, compounds=True), weights=self.sql_weights)
            if exact is not None:
                rank = SearchRank(vector, exact, weights=self.sql_weights) + rank
            return rank * boost if boost != 1.0 else rank
        return super().build_tsrank(vector, query, config=config, boost=boost)

    def words_query(self, query: PlainText, *, compounds: bool):
        words = query_words(query.query_string)
        combined = None
        for word in words:
            term = self.word_query(word, compounds=compounds)
            if combined is None:
                combined = term
            elif (query.operator or self.DEFAULT_OPERATOR) == "or":
                combined |= term
            else:
                combined &= term
        return combined

    def word_query(self, word: str, *, compounds: bool = True):
        """One word: its Danish and English stems, and (with ``compounds``) the Danish compounds it is a part of."""
        danish = fold(word, "da")
        term = SearchQuery(Lexeme(danish), search_type="raw", config=CONFIGS["da"]) | SearchQuery(
            Lexeme(fold(word, "en")), search_type="raw", config=CONFIGS["en"]
        )
        for lexemes in compound_alternatives(danish) if compounds else ():
            # Index lexemes as they are: the `simple` configuration neither stems nor drops them.
            parts = [SearchQuery(Lexeme(lexeme), search_type="raw", config="simple") for lexeme in lexemes]
            term |= reduce(operator.and_, parts)
        return term


class BilingualPostgresSearchBackend(PostgresSearchBackend):
    query_compiler_class = BilingualQueryCompiler
    index_class = BilingualPostgresIndex


def SearchBackend(params):  # noqa: N802 - the name modelsearch looks for in a backend module
    """Ours on PostgreSQL; the stock database backend for the database in use anywhere else."""
    if connection.vendor == "postgresql":
        return BilingualPostgresSearchBackend(params)
    return stock_database.SearchBackend(params)
