"""Caches of what an index's segments hold, shared by every thread's reader.

Each thread reads the index through its own searcher (search.backend.storage), so a reader object
says nothing about what it reads; its segments do. A segment never changes once written (a merge
makes a new one; deleting a document leaves its terms and lengths in place), so what is derived
from a reader's segments (vocabularies, field lengths) is cached under their ids.
"""

from __future__ import annotations

from collections.abc import Callable


def segments_of(reader) -> tuple[str, ...]:
    """The ids of the segments a reader reads (a segment reader: its own). Kept on the reader, which reads
    the same segments all its life: a query asks once per field and term."""
    segments = getattr(reader, "_wiki_segments", None)
    if segments is None:
        segments = reader._wiki_segments = tuple(leaf.segment().segment_id() for leaf, _offset in reader.leaf_readers())
    return segments


def cached(cache: dict, limit: int, reader, key, build: Callable[[], object]):
    """``build()`` for ``key`` on what ``reader`` reads, kept in ``cache`` (emptied past ``limit`` entries)."""
    full_key = (segments_of(reader), key)
    value = cache.get(full_key)
    if value is None:
        if len(cache) > limit:
            cache.clear()
        value = cache[full_key] = build()
    return value
