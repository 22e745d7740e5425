"""Whoosh's posting formats for the fields our LanguageAnalyzer reads, without a Token per word.

Whoosh's Frequency and Positions pass every word of a document through the analyser as a Token object
and two generators (the analyser's and `unstopped`): most of a rebuild's analysis. For our analysers
these count the analyser's (term, position) list instead; the postings are Whoosh's, value for value
(tests/search_backend/test_language.py). Any other analyser or value goes Whoosh's way.
"""

from __future__ import annotations

from collections import Counter

from whoosh.formats import Frequency, Positions
from whoosh.system import pack_uint

from .analysis import LanguageAnalyzer


def _ours(value, analyzer) -> bool:
    return isinstance(analyzer, LanguageAnalyzer) and isinstance(value, str)


class IndexFrequency(Frequency):
    def word_values(self, value, analyzer, **kwargs):
        if not _ours(value, analyzer):
            return super().word_values(value, analyzer, **kwargs)
        boost = self.field_boost
        counts = Counter(term for term, _position in analyzer.index_terms(value))
        return ((term, freq, float(freq) * boost, pack_uint(freq)) for term, freq in counts.items())


class IndexPositions(Positions):
    def word_values(self, value, analyzer, **kwargs):
        if not _ours(value, analyzer):
            return super().word_values(value, analyzer, **kwargs)
        positions: dict[str, list[int]] = {}
        for term, position in analyzer.index_terms(value):
            found = positions.get(term)
            if found is None:
                positions[term] = [position]
            else:
                found.append(position)
        boost = self.field_boost
        return ((term, len(found), float(len(found)) * boost, self.encode(found)) for term, found in positions.items())
