"""Whoosh's codec, with the postings of a term found in one document kept in the term's own record.

A saved page is written as a segment of its own, where every term (~1,900 for a long page: stems,
word pairs, plain words, autocomplete n-grams) has exactly one posting. Whoosh's codec writes each
such posting as a block of its own: pickled, compressed, with a pickled header. Its option for
keeping small posting lists in the term record ("inlining") cannot be switched on in Whoosh 2.7.4:
the writer calls `set_inline`, the term record's method is `set_inlined`, and a limit of n inlines
lists shorter than n. This codec calls the right method, and stores the values a merge expects.
Reading needs nothing new: Whoosh's reader serves inlined postings (as a ListMatcher), whichever
codec wrote them.

The codec object is pickled into the index's table of contents, so this class must stay
importable under this name (or the index be rebuilt).
"""

from __future__ import annotations

from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3Codec, W3PerDocReader, W3PostingsWriter, _lenfield
from whoosh.columns import NumericColumn
from whoosh.util.numeric import byte_to_length

INLINE_POSTINGS = 1  # a term's postings are inlined when it has at most this many


class InliningCodec(W3Codec):
    def __init__(self, blocklimit=128, compression=3, inlinelimit=INLINE_POSTINGS):
        super().__init__(blocklimit=blocklimit, compression=compression, inlinelimit=inlinelimit)

    def per_document_reader(self, storage, segment):
        return LengthsInMemoryReader(storage, segment)

    def postings_writer(self, dbfile, byteids=False):
        return InliningPostingsWriter(
            dbfile,
            blocklimit=self._blocklimit,
            byteids=byteids,
            compression=self._compression,
            inlinelimit=self._inlinelimit,
        )


class InliningPostingsWriter(W3PostingsWriter):
    def finish_postings(self):
        if self.written() or len(self) > self._inlinelimit:
            return super().finish_postings()
        terminfo = self._terminfo
        terminfo.add_block(self)
        # A format without values (an ID field's) leaves the list empty; Whoosh's own blocks read back
        # None for each posting, and a merge copying an inlined posting's value expects the same.
        terminfo.set_inlined(self._ids, self._weights, self._values or [None] * len(self._ids))
        self._terminfo = None
        return terminfo


class LengthsInMemoryReader(W3PerDocReader):
    """Whoosh's per-document reader, with a field's length bytes read in one piece, once.

    Writing a segment asks the length of the document's field for every posting (Whoosh keeps each
    term's shortest and longest), and Whoosh's reader answers each with a seek and a read in the
    column file: a tenth of a rebuild's time."""

    def __init__(self, storage, segment):
        super().__init__(storage, segment)
        self._length_bytes = {}

    def doc_field_length(self, docnum, fieldname, default=0):
        lengths = self._length_bytes.get(fieldname)
        if lengths is None:
            lengths = self._length_bytes[fieldname] = self._read_lengths(fieldname)
        if docnum > self._doccount:  # as Whoosh's
            raise IndexError(f"Asked for docnum {docnum!r} of {self._doccount}")
        if lengths is False:
            return default
        byte = lengths[docnum] if docnum < len(lengths) else 0
        return byte_to_length(byte) if byte else None  # Whoosh's answer for a zero byte

    def _read_lengths(self, fieldname):
        column = self._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
        if column is None:
            return False
        if type(column) is NumericColumn.Reader and column._typecode == "B":
            # One byte per document from the first, the default (0) after the last stored one.
            return column._dbfile.get(column._basepos, column._count)
        return bytes(column[docnum] for docnum in range(self._doccount))
