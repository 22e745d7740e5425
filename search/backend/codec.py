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

from whoosh.codec.whoosh3 import W3Codec, W3PostingsWriter

INLINE_POSTINGS = 1  # a term's postings are inlined when it has at most this many


class InliningCodec(W3Codec):
    def __init__(self, blocklimit=128, compression=3, inlinelimit=INLINE_POSTINGS):
        super().__init__(blocklimit=blocklimit, compression=compression, inlinelimit=inlinelimit)

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
