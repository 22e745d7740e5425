"""Phrases of three or more words: the documents holding every adjacent pair, checked word by word.

Pair fields (analysis.PairFilter) keep no positions: positions for every pair doubled the
index's build time. Two words are one pair term, exact. For longer phrases the pairs only
narrow the candidates (`a b` and `b c` can sit apart), so each candidate's word positions in
the text field are compared, at that document only. Whoosh's own Phrase, in an And with
the pairs, would instead search ahead through every document holding all the words (at 50k
pages one three-word phrase took 460 ms that way).
"""

from __future__ import annotations

from .analysis import warnings

with warnings.catch_warnings():
    warnings.simplefilter("ignore", SyntaxWarning)
    warnings.simplefilter("ignore", DeprecationWarning)
    from whoosh import query as wq
    from whoosh.matching import NullMatcher, WrappingMatcher


def in_sequence(positions: list[set[int]]) -> bool:
    """True when some position p of the first word has the k-th word at p + k."""
    first, rest = positions[0], positions[1:]
    return any(all(p + k in later for k, later in enumerate(rest, start=1)) for p in first)


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

    def matcher(self, searcher, context=None):
        candidates = wq.And([wq.Term(self.pair_field, pair, boost=self.boost) for pair in self.pairs])
        child = candidates.matcher(searcher, context)
        reader = searcher.reader()
        if not child.is_active() or any((self.fieldname, word) not in reader for word in self.words):
            return NullMatcher()
        postings = {word: reader.postings(self.fieldname, word) for word in self.words}  # a repeated word once
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

    def _positions(self, docnum, word) -> set[int] | None:
        matcher = self._matchers[word]
        if matcher.is_active() and matcher.id() < docnum:
            matcher.skip_to(docnum)
        if not matcher.is_active() or matcher.id() != docnum:
            return None
        return set(matcher.value_as("positions"))

    def _holds_phrase(self, docnum) -> bool:
        positions = []
        for word in self._sequence:
            found = self._positions(docnum, word)
            if found is None:
                return False
            positions.append(found)
        return in_sequence(positions)

    def _settle(self):
        child = self.child
        while child.is_active() and not self._holds_phrase(child.id()):
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
