"""Phrases of three or more words: the documents holding every adjacent pair, checked word by word.

Pair fields (analysis.PairFilter) keep no positions: positions for every pair doubled the
index's build time. Two words are one pair term, exact. For longer phrases the pairs only
narrow the candidates (`a b` and `b c` can sit apart), so each candidate's word positions in
the text field are compared, at that document only. Whoosh's own Phrase, in an And with
the pairs, would instead search ahead through every document holding all the words.
"""

from __future__ import annotations

from bisect import bisect_left

from whoosh import query as wq
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching import NullMatcher, WrappingMatcher


def in_sequence(positions: list[set[int]]) -> bool:
    """True when some position p of the first word has the k-th word at p + k."""
    first, rest = positions[0], positions[1:]
    return any(all(p + k in later for k, later in enumerate(rest, start=1)) for p in first)


def holds_phrase(matchers: dict, sequence: list[str], docnum: int) -> bool:
    """True when the words of `sequence` stand in sequence in document `docnum`; `matchers` are the
    words' postings in one segment (with positions), read forwards: ask in increasing docnum order."""
    positions = []
    for word in sequence:
        matcher = matchers[word]
        if not _move_to(matcher, docnum):
            return False
        positions.append(set(matcher.value_as("positions")))
    return in_sequence(positions)


def _move_to(matcher, docnum: int) -> bool:
    """Move the postings to docnum (or past it); True when the word is in that document.

    Whoosh's skip_to steps through a block one posting at a time (three method calls each); for
    its own codec's postings this bisects the block's ids instead: a three-word phrase of common
    words at 50k pages checks some 1,600 candidates.
    """
    if type(matcher) is not W3LeafMatcher:  # e.g. wrapped to leave out deleted documents
        if matcher.is_active() and matcher.id() < docnum:
            matcher.skip_to(docnum)
        return matcher.is_active() and matcher.id() == docnum
    while matcher.is_active() and matcher.block_max_id() < docnum:
        matcher._next_block()
    if not matcher.is_active():
        return False
    if matcher._ids is None:
        matcher._read_ids()
    ids = matcher._ids
    matcher._i = index = bisect_left(ids, docnum, matcher._i)
    return ids[index] == docnum


class CheckedPhrase(wq.Query):
    """`words` next to each other in `fieldname`, found through the adjacent pairs in `pair_field`."""

    def __init__(self, fieldname: str, words: list[str], pair_field: str, pairs: list[str], boost: float = 1.0):
        self.fieldname = fieldname
        self.words = list(words)
        self.pair_field = pair_field
        self.pairs = list(pairs)
        self.boost = boost

    def __repr__(self):
        return f"{type(self).__name__}({self.fieldname!r}, {self.words!r}, boost={self.boost})"

    def __eq__(self, other):
        return type(other) is type(self) and (
            self.fieldname, self.words, self.pair_field, self.pairs, self.boost
        ) == (other.fieldname, other.words, other.pair_field, other.pairs, other.boost)

    def __hash__(self):
        return hash((type(self), self.fieldname, tuple(self.words), self.boost))

    def is_leaf(self):
        return True

    def has_terms(self):
        return False

    def estimate_size(self, ixreader):
        return min(ixreader.doc_frequency(self.pair_field, pair) for pair in self.pairs)

    def candidates(self):
        """The documents holding every adjacent pair, scored as the phrase is."""
        return wq.And([wq.Term(self.pair_field, pair, boost=self.boost) for pair in self.pairs])

    def word_postings(self, reader) -> dict | None:
        """{word: postings} in this segment's reader (a repeated word once), None when a word is missing."""
        if any((self.fieldname, word) not in reader for word in self.words):
            return None
        return {word: reader.postings(self.fieldname, word) for word in self.words}

    def matcher(self, searcher, context=None):
        child = self.candidates().matcher(searcher, context)
        postings = self.word_postings(searcher.reader()) if child.is_active() else None
        if postings is None:
            return NullMatcher()
        return CheckedMatcher(child, self.words, postings)


class CheckedMatcher(WrappingMatcher):
    """The child's documents where the words also stand in sequence (no block-quality skipping)."""

    def __init__(self, child, sequence: list[str], postings: dict, boost=1.0):
        super().__init__(child, boost)
        self._sequence = sequence
        self._matchers = postings
        self._settle()

    def _replacement(self, newchild):
        return type(self)(newchild, self._sequence, self._matchers, self.boost)

    def _settle(self):
        child = self.child
        while child.is_active() and not holds_phrase(self._matchers, self._sequence, child.id()):
            child.next()

    def next(self):
        self.child.next()
        self._settle()

    def skip_to(self, id):
        self.child.skip_to(id)
        self._settle()

    def replace(self, minquality=0):
        return self if self.is_active() else NullMatcher()

    def supports_block_quality(self):
        return False
