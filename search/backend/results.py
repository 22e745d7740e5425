"""Search results: Whoosh finds and orders the keys, the database supplies the objects."""

from __future__ import annotations

import logging
from collections import OrderedDict

from django.db.models import Count
from modelsearch.backends.base import BaseSearchResults, FilterFieldError
from whoosh import query as wq

from .ranking import allowed_mask, best, matching

logger = logging.getLogger("search.backend")

MAX_HITS = 10_000  # an unsliced iteration reads at most this many hits
MAX_CACHED_FILTERS = 64


def searcher_cache(searcher) -> dict:
    """Memos that live exactly as long as this searcher (a refreshed searcher starts empty)."""
    cache = getattr(searcher, "_wiki_cache", None)
    if cache is None:
        cache = searcher._wiki_cache = {}
    return cache


class AllowedDocs:
    """The document numbers a filter allows: a set for Whoosh's own search, a boolean array over
    the index's documents for ranking.top_hits (made when first asked for)."""

    def __init__(self, docs: set[int], size: int):
        self.docs, self._size, self._mask = docs, size, None

    @property
    def mask(self):
        if self._mask is None:
            self._mask = allowed_mask(self.docs, self._size)
        return self._mask


def filter_docs(searcher, whoosh_filter) -> AllowedDocs:
    """The documents the filter allows, computed once per searcher and filter.

    Whoosh would otherwise walk the filter's postings (live, depth, content type: nearly every
    document) on every search; they are reused until the index changes.
    """
    cache = searcher_cache(searcher).setdefault("filters", {})
    key = repr(whoosh_filter)
    allowed = cache.get(key)
    if allowed is None:
        if len(cache) >= MAX_CACHED_FILTERS:
            cache.clear()
        allowed = cache[key] = AllowedDocs(set(searcher.docs_for_query(whoosh_filter)), searcher.doc_count_all())
    return allowed


def pk_column(searcher):
    """The `pk` column reader of this searcher (opening it reads every segment's offsets)."""
    cache = searcher_cache(searcher)
    column = cache.get("pk")
    if column is None:
        column = cache["pk"] = searcher.reader().column_reader("pk")
    return column


class WhooshSearchResults(BaseSearchResults):
    supports_facet = True

    def _prepare(self):
        """(searcher, query, AllowedDocs); query is None when nothing can match."""
        searcher = self.backend.store.searcher()
        compiler = self.query_compiler
        query = compiler.whoosh_query(searcher)
        whoosh_filter = compiler.whoosh_filter()
        if query is None or whoosh_filter is None:
            return searcher, None, None
        allowed = filter_docs(searcher, whoosh_filter)
        if not allowed.docs:  # Whoosh reads an empty filter set as "no filter"
            return searcher, None, None
        return searcher, query, allowed

    def _evaluated(self):
        """(searcher, query, allowed, matching() or None), once per query and searcher.

        Kept on the query compiler, which every slice of these results shares: a listing asks for the
        count and then for a page of hits, and both are read from one evaluation of the query."""
        compiler = self.query_compiler
        memo = getattr(compiler, "_wiki_evaluated", None)
        searcher = self.backend.store.searcher()
        if memo is not None and memo[0] is searcher:
            return memo
        searcher, query, allowed = self._prepare()
        found = None
        if query is not None and self.query_compiler.sort_facets() is None:
            found = matching(searcher, query, allowed.mask)
        memo = compiler._wiki_evaluated = (searcher, query, allowed, found)
        return memo

    def ranked_keys(self, limit: int) -> list[tuple[str, float]]:
        """[(primary key as a string, score)] of the first `limit` hits in order, without loading the objects."""
        searcher, query, allowed, found = self._evaluated()
        if query is None:
            return []
        column = pk_column(searcher)
        if found is not None:
            return [(_decode_pk(column[docnum]), score) for docnum, score in best(*found, limit)]
        sortedby = self.query_compiler.sort_facets()
        results = searcher.search(
            query,
            filter=allowed.docs,
            limit=limit,
            sortedby=sortedby,
            scored=sortedby is None or self._score_field is not None,
        )
        return [(_decode_pk(column[hit.docnum]), hit.score) for hit in results]

    def _do_search(self):
        limit = self.stop if self.stop is not None else MAX_HITS
        if limit <= self.start:
            return []
        hits = self.ranked_keys(limit)[self.start :]
        if not hits:
            return []
        pks = [pk for pk, _ in hits]
        objects = {str(obj.pk): obj for obj in self.query_compiler.queryset.filter(pk__in=pks)}
        results = []
        for pk, score in hits:
            obj = objects.get(pk)
            if obj is None:
                continue  # deleted since it was indexed; search_index_check repairs the index
            if self._score_field:
                setattr(obj, self._score_field, score)
            results.append(obj)
        return results

    def _do_count(self):
        searcher, query, allowed, found = self._evaluated()
        if query is None:
            return 0
        if found is not None:
            count = len(found[0])
        else:
            count = len(searcher.search(query, filter=allowed.docs, limit=None, scored=False))
        count -= self.start
        if self.stop is not None:
            count = min(count, self.stop - self.start)
        return max(count, 0)

    def facet(self, field_name):
        field = self.query_compiler._get_filterable_field(field_name)
        if field is None:
            raise FilterFieldError(
                f'Cannot facet search results with field "{field_name}". Please add index.FilterField("{field_name}") '
                f"to {self.query_compiler.queryset.model.__name__}.search_fields.",
                field_name=field_name,
            )
        searcher, query, allowed = self._prepare()
        if query is None:
            return OrderedDict()
        results = searcher.search(query, filter=allowed.docs, limit=None, scored=False)
        column = pk_column(searcher)
        pks = [_decode_pk(column[docnum]) for docnum in results.docs()]
        # The queryset searched, not the model's every row: a document whose object is gone or no
        # longer matches the filters (a stale entry) must not be counted beside the listed results.
        queryset = self.query_compiler.queryset.filter(pk__in=pks).order_by()
        counts = (
            queryset.values(field.field_name).annotate(count=Count("pk", distinct=True)).order_by("-count", field.field_name)
        )
        return OrderedDict((row[field.field_name], row["count"]) for row in counts)


def _decode_pk(value) -> str:
    if isinstance(value, bytes):
        value = value.decode("utf-8")
    if len(value) == 20 and value.isdigit():
        return str(int(value) - 2**63)
    return value


__all__ = ["WhooshSearchResults", "wq"]
