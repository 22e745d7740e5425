"""Top hits of a scored search, computed a term at a time.

Whoosh scores a document at a time: for every matching document it walks a tree of matchers
(one Union per field of every word), calling Python methods at each node. For a common word
in a large index ("mikropartner": half the documents, in five fields) that time goes mostly to
matcher bookkeeping, not to scoring.

The queries the page sends are Ors of Terms (a word in each of its fields, with boosts), Ands of
those, phrases (search.backend.phrases: pair terms, then word positions), NOT and AndNot. For
them this module reads each term's postings (decoded once per segment: SegmentPostings), scores
them with the figures of Whoosh's own BM25F scorer (same idf, average length, B and K1, same
formula, in numpy arrays of float64: the same operations on the same doubles) and adds the
scores up per document, in an array over the index's documents. The result is Whoosh's ranking
without a limit: same hits, same scores up to the order of float additions, ties to the lower
document number (Whoosh adds a document's scores in an order that depends on its matcher tree,
so its equal scores can differ in the last bit, and it orders those by that bit). With a limit, Whoosh's collector prunes its
matcher tree against the lowest score kept, and with boosted Ors or a NOT beside them it prunes
parts that still count: it can lose a hit or misrank one (tests/search_backend/test_ranking.py);
this module cannot. An And reads its smallest parts first and stops once no document is left.

Any other query (Whoosh's own Phrase, Prefix or FuzzyTerm, ranges, Every, a scorer other than
BM25F) returns None, and the caller lets Whoosh run it.

It reads pieces of Whoosh 2.7.4's codec that are not public (a postings block's ids and weights,
where a segment's field-length column lies): Whoosh is pinned, and the tests compare this module
with Whoosh's own search, so a change there fails a test instead of changing rankings.
"""

from __future__ import annotations

import threading
from array import array
from collections import OrderedDict
from collections.abc import Callable

import numpy as np
from whoosh import query as wq
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, _lenfield
from whoosh.columns import NumericColumn
from whoosh.matching import ListMatcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.scoring import BM25FScorer
from whoosh.util.numeric import byte_to_length

from .index_state import cached, segments_of
from .phrases import CheckedPhrase, holds_phrase

LENGTH_OF_BYTE = np.array([byte_to_length(b) for b in range(256)], dtype=np.float64)
_NULL_QUERY = type(wq.NullQuery)  # NullQuery is an instance
EVALUATED = {wq.Term, CheckedPhrase, wq.AndNot, _NULL_QUERY, wq.Or, wq.And}


class UnsupportedQueryError(Exception):
    """The query has a part this module does not evaluate: let Whoosh run it."""


def top_hits(searcher, query, allowed: np.ndarray, limit: int) -> list[tuple[int, float]] | None:
    """[(document number, score)] of the best `limit` documents in `allowed` (a boolean array over
    the document numbers: allowed_mask), best first, or None when the query is not one this module
    evaluates."""
    found = matching(searcher, query, allowed)
    return None if found is None else best(*found, limit)


def matching(searcher, query, allowed: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """(document numbers, scores) of every document in `allowed` the query matches, unordered, or None
    when the query is not one this module evaluates. Their count is the number of hits, so a listing
    that asks for the count and then for a page of hits evaluates the query once."""
    evaluation = _Evaluation(searcher)
    try:
        found = evaluation.dense(evaluation.scores(query))
    except UnsupportedQueryError:
        return None
    docs = np.flatnonzero(found.mask & allowed)
    return docs, with_translations(searcher, docs, found.scores[docs])


# A matching document gains this share of the scores of its other language versions that match too.
TRANSLATION_SHARE = 0.5
GROUP_FIELD = "f_translation_key"


def with_translations(searcher, docs: np.ndarray, scores: np.ndarray) -> np.ndarray:
    """`scores` of `docs` (matching, allowed) with their translations' evidence added.

    A page and its translations are one answer (the search page lists them once): when the Danish and the
    English version both match, each in its own words, the page is more surely about the query than one
    whose single version matches as well. Documents without a translation group are left as they are."""
    groups = translation_groups(searcher)
    if groups is None or len(docs) < 2:
        return scores
    keys = groups[docs]
    grouped = keys >= 0
    if not grouped.any():
        return scores
    sums = np.bincount(keys[grouped], weights=scores[grouped])
    scores = scores.copy()
    scores[grouped] += TRANSLATION_SHARE * (sums[keys[grouped]] - scores[grouped])
    return scores


_GROUPS: dict = {}


def translation_groups(searcher) -> np.ndarray | None:
    """A group number per document (its translation key's), -1 where it has none; None when the index has
    no translation keys."""
    reader = searcher.reader()
    if GROUP_FIELD not in reader.schema or not reader.has_column(GROUP_FIELD):
        return None

    def load():
        numbers: dict = {}
        values = reader.column_reader(GROUP_FIELD)
        return np.fromiter(
            (numbers.setdefault(value, len(numbers)) if value else -1 for value in values),
            dtype=np.int64, count=reader.doc_count_all(),
        )

    return cached(_GROUPS, 16, reader, GROUP_FIELD, load)


def best(docs: np.ndarray, scores: np.ndarray, limit: int) -> list[tuple[int, float]]:
    """The best `limit` of matching()'s documents, best first."""
    if not len(docs) or limit <= 0:
        return []
    if len(docs) > limit:
        # Every document scoring at least the limit-th best score, then exactly ordered.
        threshold = scores[np.argpartition(-scores, limit - 1)[limit - 1]]
        keep = scores >= threshold
        docs, scores = docs[keep], scores[keep]
    # The highest score first, then the lower document number, as in Whoosh.
    order = np.lexsort((docs, -scores))[:limit]
    return [(int(docnum), float(score)) for docnum, score in zip(docs[order], scores[order], strict=True)]


def allowed_mask(docs, size: int) -> np.ndarray:
    """A boolean array over the index's document numbers, true for those in docs."""
    mask = np.zeros(size, dtype=bool)
    if docs:
        mask[np.fromiter(docs, dtype=np.int64, count=len(docs))] = True
    return mask


class _Sparse:
    """A term's documents (each once, global numbers) and their scores."""

    __slots__ = ("docs", "scores")

    def __init__(self, docs: np.ndarray, scores: np.ndarray):
        self.docs, self.scores = docs, scores

    def __len__(self) -> int:
        return len(self.docs)


class _Dense:
    """The documents a part matches (a boolean per document of the index) and their scores (0 elsewhere)."""

    __slots__ = ("mask", "scores", "_count")

    def __init__(self, mask: np.ndarray, scores: np.ndarray):
        self.mask, self.scores, self._count = mask, scores, None

    def __len__(self) -> int:
        if self._count is None:
            self._count = int(np.count_nonzero(self.mask))
        return self._count


class _Evaluation:
    """One query on one searcher. A part that occurs several times (a word typed twice) is read once.

    A part's scores are never changed once computed (the memo hands the same arrays out again)."""

    def __init__(self, searcher):
        self.searcher = searcher
        self.size = searcher.doc_count_all()
        self.segments = segments_of(searcher.reader())
        self.memo: dict = {}

    def scores(self, query) -> _Sparse | _Dense:
        """The documents the query matches, with their scores (deleted ones included: the caller's
        `allowed` leaves them out)."""
        if type(query) not in EVALUATED:  # exact types: not FuzzyTerm, a subclass of Term
            raise UnsupportedQueryError(type(query).__name__)
        found = self.memo.get(query)
        if found is None:
            found = self.memo[query] = self._evaluate(query)
        return found

    def dense(self, part) -> _Dense:
        if isinstance(part, _Dense):
            return part
        mask, scores = np.zeros(self.size, dtype=bool), np.zeros(self.size)
        mask[part.docs] = True
        scores[part.docs] = part.scores
        return _Dense(mask, scores)

    def nothing(self) -> _Sparse:
        return _Sparse(np.zeros(0, dtype=np.int64), np.zeros(0))

    def _evaluate(self, query):
        if type(query) in (wq.Or, wq.And) and len(query.subqueries) < 2:
            # Whoosh uses the child's matcher alone, dropping the compound's boost
            return self.scores(query.subqueries[0]) if query.subqueries else self.nothing()
        if type(query) is wq.Term:
            return _term_scores(self.searcher, query, self.segments)
        if type(query) is CheckedPhrase:
            return self._checked_phrase(query)
        if type(query) is wq.AndNot:  # scored by its positive side alone, as Whoosh's AndNotMatcher does
            positive = self.dense(self.scores(query.a))
            mask = positive.mask & ~self.dense(self.scores(query.b)).mask
            return _Dense(mask, np.where(mask, positive.scores, 0.0))
        if type(query) is _NULL_QUERY:
            return self.nothing()
        if type(query) is wq.Or:
            if query.scale:
                raise UnsupportedQueryError("Or with a coordination scale")
            return self._disjunction(query)
        return self._conjunction(query)

    def _checked_phrase(self, phrase: CheckedPhrase):
        """The candidates' scores (every adjacent pair), kept where the words stand in sequence."""
        candidates = self.scores(phrase.candidates())
        if not len(candidates):
            return self.nothing()
        candidates = self.dense(candidates)
        found = np.flatnonzero(candidates.mask)
        kept = []
        for leaf_searcher, offset in self.searcher.leaf_searchers():
            reader = leaf_searcher.reader()
            end = offset + reader.doc_count_all()
            local = [int(docnum) - offset for docnum in found[(found >= offset) & (found < end)]]
            postings = phrase.word_postings(reader) if local else None
            if postings is None:
                continue
            kept.extend(docnum + offset for docnum in local if holds_phrase(postings, phrase.words, docnum))
        docs = np.array(kept, dtype=np.int64)
        return _Sparse(docs, candidates.scores[docs])

    def _disjunction(self, query) -> _Dense:
        # Added up in the order of the parts' sizes, biggest first (a document a part does not
        # match gets 0.0 from it, which changes no sum).
        parts = sorted((self.scores(sub) for sub in query.subqueries), key=len, reverse=True)
        mask, total = np.zeros(self.size, dtype=bool), np.zeros(self.size)
        for part in parts:
            if isinstance(part, _Sparse):
                mask[part.docs] = True
                total[part.docs] += part.scores  # a term's documents are distinct
            else:
                mask |= part.mask
                total += part.scores
        return _Dense(mask, _boosted(total, query.boost))

    def _conjunction(self, query) -> _Dense | _Sparse:
        """An And, its smallest parts first: once no document is left, the rest is not read.

        Its `NOT x` parts (AndNot(Every, x), as the compiler writes them) remove x's documents and
        add Every's constant score, instead of listing every document of the index as Whoosh does
        (three seconds for `export NOT shoes` at 50k pages)."""
        positive, negative, constant = [], [], 0.0
        for sub in query.subqueries:
            if type(sub) is wq.AndNot and type(sub.a) is wq.Every and sub.a.fieldname in (None, "", "*"):
                negative.append(sub.b)
                constant += sub.a.boost or 1.0  # an Every matcher's score is its weight, the boost
            else:
                positive.append(sub)
        if not positive:  # nothing but exclusions: Whoosh lists the documents
            raise UnsupportedQueryError("And of exclusions only")
        reader = self.searcher.reader()
        positive.sort(key=lambda sub: sub.estimate_size(reader))
        parts, common = [], None
        for sub in positive:
            part = self.dense(self.scores(sub))
            common = part.mask.copy() if common is None else common & part.mask
            if not common.any():
                return self.nothing()
            parts.append(part)
        for sub in negative:
            common &= ~self.dense(self.scores(sub)).mask
        total = np.zeros(self.size)
        for part in parts:
            total += part.scores
        total = np.where(common, total + constant, 0.0)
        return _Dense(common, _boosted(total, query.boost))


def _boosted(scores: np.ndarray, boost: float) -> np.ndarray:
    return scores if boost == 1.0 else scores * boost


def _term_scores(searcher, term, segments: tuple[str, ...]) -> _Sparse:
    """A term's documents and scores over the whole index; the unboosted scores are kept (TERM_SCORES)."""
    field = searcher.schema[term.fieldname] if term.fieldname in searcher.schema else None
    try:
        text = field.to_bytes(term.text) if field is not None else None
    except ValueError:
        text = None
    if text is None:
        return _Sparse(np.zeros(0, dtype=np.int64), np.zeros(0))
    docs, scores = TERM_SCORES.get((segments, term.fieldname, text), lambda: _score_term(searcher, term.fieldname, text))
    return _Sparse(docs, _boosted(scores, term.boost))


def _score_term(searcher, fieldname: str, text: bytes) -> tuple[np.ndarray, np.ndarray]:
    docs, scores = [], []
    for leaf_searcher, offset in searcher.leaf_searchers():
        reader = leaf_searcher.reader()
        if (fieldname, text) not in reader:
            continue
        # The scorer Searcher.postings would give the segment's matcher (global idf and lengths).
        scorer = leaf_searcher.weighting.scorer(leaf_searcher, fieldname, text)
        if type(scorer) is not BM25FScorer:
            raise UnsupportedQueryError(type(scorer).__name__)
        ids, weights = POSTINGS.postings(reader, fieldname, text)
        docs.append(ids + offset)
        scores.append(_bm25(ids, weights, scorer, _length_bytes(reader, fieldname)))
    if not docs:
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    pair = (docs[0], scores[0]) if len(docs) == 1 else (np.concatenate(docs), np.concatenate(scores))
    for array_ in pair:
        array_.flags.writeable = False  # shared by every search in the process
    return pair


def _bm25(ids: np.ndarray, weights: np.ndarray, scorer, length_bytes: np.ndarray) -> np.ndarray:
    # The arithmetic is whoosh.scoring.bm25's, operation for operation, on float64 as Python's floats,
    # so a term's score is bit for bit the one Whoosh computes; WrappingMatcher then multiplies by
    # the boost (_term_scores). The length part depends only on a document's length byte: computed
    # for each of the 256.
    idf, avgfl, b, k1 = scorer.idf, scorer.avgfl, scorer.B, scorer.K1
    length_part = k1 * ((1 - b) + b * LENGTH_OF_BYTE / avgfl)
    k1_plus_1 = k1 + 1
    return idf * ((weights * k1_plus_1) / (weights + length_part[length_bytes[ids]]))


class ArrayPairs:
    """Pairs of arrays (document numbers, values) by key, least recently used first out, up to
    ``limit`` entries in all (an entry per document number: 16 bytes)."""

    def __init__(self, limit: int):
        self.limit = limit
        self.size = 0
        self._entries: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key, build: Callable[[], tuple[np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray]:
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
                return entry
        entry = build()
        with self._lock:
            if key not in self._entries:
                self._entries[key] = entry
                self.size += len(entry[0])
                while self.size > self.limit:
                    _key, (ids, _values) = self._entries.popitem(last=False)
                    self.size -= len(ids)
        return entry


class SegmentPostings(ArrayPairs):
    """A term's postings in one segment (document numbers and term frequencies), decoded once.

    Whoosh stores a postings block as one pickle with the word positions in it, and decoding it
    is most of what a common word costs ("export" at 10k pages: 24 field terms, 50k postings).
    A segment never changes once written, so its decoded postings are kept.
    """

    def postings(self, reader, fieldname: str, text: bytes) -> tuple[np.ndarray, np.ndarray]:
        key = (reader.segment().segment_id(), fieldname, text)
        return self.get(key, lambda: _decode(reader, fieldname, text))


def _decode(reader, fieldname: str, text: bytes) -> tuple[np.ndarray, np.ndarray]:
    matcher = reader.postings(fieldname, text)
    if isinstance(matcher, FilterMatcher):  # deleted documents: `allowed` leaves them out
        matcher = matcher.child
        matcher.reset()
    if isinstance(matcher, ListMatcher):  # a term of one document, kept in its term record (codec.py)
        ids, weights = matcher._ids, matcher._weights or [matcher.weight()] * len(matcher._ids)
        return np.array(ids, dtype=np.int64), np.array(weights, dtype=np.float64)
    if not isinstance(matcher, W3LeafMatcher):
        raise UnsupportedQueryError(type(matcher).__name__)
    # Doubles hold Whoosh's weights exactly (a block keeps them as floats, or one float32 array).
    ids, weights = array("I"), array("d")
    while matcher.is_active():
        matcher._read_ids()
        matcher._read_weights()
        ids.extend(iter(matcher._ids))
        weights.extend(iter(matcher._weights))  # array("f") or a tuple of floats
        matcher._next_block()
    return np.array(ids, dtype=np.int64), np.array(weights, dtype=np.float64)


POSTINGS = SegmentPostings(limit=2_000_000)  # at most about 32 MB per process
# A term's scores over the whole index, by the index's segments: a score depends on the term's
# postings, document frequency, the number of documents and the field's total length, all fixed
# when a segment is written (a deleted document still counts, as in Whoosh). A Danish word with
# its compounds is a hundred field terms, scored again on every search otherwise.
TERM_SCORES = ArrayPairs(limit=1_000_000)  # at most about 16 MB per process


_LENGTHS: dict = {}


def _length_bytes(reader, fieldname: str):
    """A segment's field lengths, one byte per document (Whoosh's encoding), read once per segment."""

    def load():
        column = reader._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
        if column is None:
            return np.zeros(reader.doc_count_all(), dtype=np.uint8)
        if type(column) is NumericColumn.Reader and column._typecode == "B":
            # The column is one byte per document from the first on, then the default (0) for
            # documents after the last stored one: read in one piece, not byte by byte as
            # column.load() does.
            lengths = np.zeros(column._doccount, dtype=np.uint8)
            stored = column._dbfile.get(column._basepos, column._count)
            lengths[: len(stored)] = np.frombuffer(stored, dtype=np.uint8)
            return lengths
        return np.frombuffer(column.load(), dtype=np.uint8)

    return cached(_LENGTHS, 1024, reader, fieldname, load)
