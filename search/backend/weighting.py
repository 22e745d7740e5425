"""BM25F as Whoosh computes it, with a word's rarity taken over whole documents, a field's average
length over the documents that have it, and less length normalisation for short fields.

Whoosh takes a word's inverse document frequency per field: a word that few pages name in `sells`
counts as rare there even where half the pages say it in their body, and a page that names a common
word in a small field outranks the pages about it. BM25F proper takes it per document: here the
largest document frequency among the fields of the same language and kind (a lower bound of the
number of documents holding the word).

Whoosh divides a field's total length by every document of the index, including those without the
field: `sells` (case studies only) or `also_known_as` (some definitions) then looks one or two words
long on average, and a case study whose `sells` says fifteen words is scored as if it rambled. Here
the average is over the documents that hold the field.

Length normalisation (B) is for verbose text, where a long body mentions everything once. A short
field (a title, tags, a one-line summary) names its subject whatever its length: with Whoosh's B
a one-word title ("The shoe", stop words left out) outscored a three-word one by half again. Fields
shorter than VERBOSE_LENGTH words on average are normalised with SHORT_FIELD_B.
"""

from __future__ import annotations

from math import log

import numpy as np
from whoosh.scoring import BM25F, BM25FScorer, WeightScorer

from .index_state import cached

VERBOSE_LENGTH = 20
SHORT_FIELD_B = 0.3

_DOCS_WITH_FIELD: dict = {}


class FieldBM25F(BM25F):
    def scorer(self, searcher, fieldname, text, qf=1):
        if not searcher.schema[fieldname].scorable:
            return WeightScorer.for_(searcher, fieldname, text)
        scorer = BM25FScorer(searcher, fieldname, text, self.B, self.K1, qf=qf)
        parent = searcher.get_parent()
        if len(sibling_fields(parent.reader(), fieldname)) > 1:
            scorer.idf = document_idf(parent, fieldname, text)
        holding = documents_with_field(parent.reader(), fieldname)
        if holding:
            scorer.avgfl = parent.field_length(fieldname) / holding or 1
        if scorer.avgfl < VERBOSE_LENGTH:
            scorer.B = SHORT_FIELD_B
        return scorer


_SIBLINGS: dict = {}
_IDF: dict = {}


def document_idf(searcher, fieldname: str, text: bytes) -> float:
    """The word's inverse document frequency over the fields of its language and kind, worked out once per
    word and index state: each of those fields' scorers, in each segment, asks for the same number."""
    reader = searcher.reader()
    siblings = sibling_fields(reader, fieldname)

    def idf():
        frequency = max(reader.doc_frequency(name, text) for name in siblings)
        return log(searcher.doc_count_all() / (frequency + 1)) + 1  # Whoosh's idf formula

    return cached(_IDF, 100_000, reader, (siblings[0][:4], text), idf)


def sibling_fields(reader, fieldname: str) -> tuple[str, ...]:
    """The fields of the same language and kind as fieldname (`tda_title_b2`: every `tda_…` field)."""
    prefix = fieldname[:4]
    if len(fieldname) < 5 or fieldname[0] not in "tp" or fieldname[3] != "_":
        return (fieldname,)
    return cached(_SIBLINGS, 64, reader, prefix,
                  lambda: tuple(name for name in reader.indexed_field_names() if name.startswith(prefix)))


def documents_with_field(reader, fieldname: str) -> int:
    """How many documents (deleted ones included, as in Whoosh's totals) have a length in the field."""
    from .ranking import _length_bytes  # ranking imports this module's searcher users

    def count():
        return sum(int(np.count_nonzero(_length_bytes(leaf, fieldname))) for leaf, _offset in reader.leaf_readers())

    return cached(_DOCS_WITH_FIELD, 4096, reader, fieldname, count)
