"""When an index write merges segments: by size tiers, so a save rewrites small segments only.

Every page save commits a new one-document segment. Whoosh's own policy (MERGE_SMALL) merges by
a total-size rule that, on a small site, pulls the largest segment into the merge every few
saves: the whole index is rewritten again and again (0.3-0.5 s of CPU per merge on the starter
content, on the background writer, while readers and editors wait for the cores).

Here a segment's tier is the order of magnitude (base ``FANOUT``) of its live documents. Once a
tier holds ``FANOUT`` segments they are merged into one of the next tier, together with the
smaller ones below them. A document is rewritten about once per tier over its life, and a
segment the size of the whole index is merged only when as much has been written again. A tier
holds at most ``FANOUT`` segments (a few dozen in all at 50k pages, most of them tiny).
Segments whose documents were all replaced or deleted are dropped at the next commit.
"""

from __future__ import annotations

import math

FANOUT = 4


def tier(live_documents: int) -> int:
    """0 for 1-3 live documents, 1 for 4-15, 2 for 16-63, ... (FANOUT 4)."""
    return int(math.log(max(1, live_documents), FANOUT) + 1e-9)


def segments_to_merge(segments, new_segment_documents: int = 1) -> list:
    """The segments with live documents to merge into the segment being written.

    ``new_segment_documents``: what the writer itself adds; its segment counts towards its tier.
    """
    counts: dict[int, int] = {}
    if new_segment_documents:
        counts[tier(new_segment_documents)] = 1
    live = [segment for segment in segments if segment.doc_count()]
    for segment in live:
        level = tier(segment.doc_count())
        counts[level] = counts.get(level, 0) + 1
    full = [level for level, count in sorted(counts.items()) if count >= FANOUT]
    if not full:
        return []
    return [segment for segment in live if tier(segment.doc_count()) <= full[0]]


def merge_by_tiers(writer, segments):
    """Whoosh merge policy (``writer.commit(mergetype=merge_by_tiers)``): returns the segments kept.

    Segments without live documents are left out without being read.
    """
    from whoosh.reading import SegmentReader

    merging = segments_to_merge(segments, writer.doc_count())
    for segment in merging:
        reader = SegmentReader(writer.storage, writer.schema, segment)
        writer.add_reader(reader)
        reader.close()
    merged = {id(segment) for segment in merging}
    return [segment for segment in segments if segment.doc_count() and id(segment) not in merged]
