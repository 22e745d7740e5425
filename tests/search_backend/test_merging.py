"""search.backend.merging: one save writes one small segment; the big segment is left alone.

A Whoosh index in memory, written one document per commit as page saves write it.
"""

import pytest
from whoosh import fields
from whoosh.filedb.filestore import FileStorage
from whoosh.matching import ListMatcher
from whoosh.query import Phrase, Term

from search.backend.merging import FANOUT, merge_by_tiers, segments_to_merge, tier
from search.backend.storage import IndexStore


class _Segment:
    def __init__(self, live):
        self.live = live

    def doc_count(self):
        return self.live


@pytest.mark.parametrize(("live", "expected"), [(0, 0), (1, 0), (3, 0), (4, 1), (15, 1), (16, 2), (63, 2), (64, 3)])
def test_a_segments_tier_is_the_order_of_magnitude_of_its_live_documents(live, expected):
    assert FANOUT == 4
    assert tier(live) == expected


def test_small_segments_are_merged_once_their_tier_is_full_and_the_big_one_is_kept():
    big, small = _Segment(5000), [_Segment(1) for _ in range(FANOUT - 2)]
    # The segment being written is the FANOUT-th of tier 0 only with one more small one.
    assert segments_to_merge([big, *small], new_segment_documents=1) == []
    more = [*small, _Segment(2)]
    assert segments_to_merge([big, *more], new_segment_documents=1) == more


def test_a_full_tier_takes_the_smaller_tiers_with_it_but_not_the_larger():
    tier1 = [_Segment(5) for _ in range(FANOUT)]
    tier0, tier3 = [_Segment(1)], [_Segment(100)]
    assert segments_to_merge([*tier3, *tier1, *tier0], new_segment_documents=1) == [*tier1, *tier0]


def test_segments_without_live_documents_are_never_read():
    assert segments_to_merge([_Segment(0), _Segment(0), _Segment(900)], new_segment_documents=1) == []


def _index(folder, pages):
    # On disk in the test's own folder: Whoosh's RamStorage spills to one temporary folder shared by every
    # process (<tmp>/MAIN.tmp), and a writer in another test process deletes it under this one.
    schema = fields.Schema(key=fields.ID(unique=True, stored=True), body=fields.TEXT())
    index = FileStorage(str(folder)).create().create_index(schema)
    writer = index.writer()
    for number in range(pages):
        writer.add_document(key=str(number), body=f"page {number} about export and shoes")
    writer.commit()
    return index


def test_saves_one_at_a_time_keep_few_segments_and_never_rewrite_the_big_one(tmp_path):
    index = _index(tmp_path, 500)
    (big,) = index._segments()
    for save in range(200):
        writer = index.writer()
        # Mostly new pages, some edits of the same page (its earlier segment is emptied).
        key = str(1000 + save) if save % 3 else "hot"
        writer.update_document(key=key, body=f"edit {save} about export")
        writer.commit(mergetype=merge_by_tiers)
        segments = index._segments()
        assert big.segment_id() in {segment.segment_id() for segment in segments}, save
        assert all(segment.doc_count() for segment in segments), "an emptied segment was kept"
        levels = [tier(segment.doc_count()) for segment in segments]
        assert all(levels.count(level) < FANOUT + 1 for level in set(levels)), levels
    assert len(index._segments()) <= 3 * (FANOUT - 1) + 1
    with index.searcher() as searcher:
        assert searcher.doc_count() == 500 + 133 + 1
        assert [hit["key"] for hit in searcher.documents(key="hot")] == ["hot"]
        assert searcher.document(key="1199")["key"] == "1199"


def test_whooshs_own_policy_would_have_rewritten_the_big_segment(tmp_path):
    # The reason for merge_by_tiers: on a site the size of the starter content (~35 pages), saves
    # under Whoosh's default policy merge the big segment again and again.
    index = _index(tmp_path, 35)
    (big,) = index._segments()
    rewrites = 0
    for save in range(200):
        writer = index.writer()
        writer.update_document(key=str(1000 + save), body=f"edit {save}")
        writer.commit()
        ids = {segment.segment_id() for segment in index._segments()}
        if big.segment_id() not in ids:
            rewrites += 1
            (big,) = [segment for segment in index._segments() if segment.doc_count() >= 35]
    assert rewrites >= 5, rewrites


def _page(key, text):
    return {"key": key, "pk": key, "ct": "test.doc", "lang": "en", "ten_body_b1": text}


def test_merging_the_whole_index_drops_the_old_versions_of_edited_pages(tmp_path):
    store = IndexStore(tmp_path)
    store.write([("add", _page(f"test.doc:{n}", f"page {n} about export")) for n in range(40)], timeout=5)
    for n in range(8):  # edits, one save each: the old versions stay in the big segment, marked deleted
        store.write([("add", _page(f"test.doc:{n}", f"page {n} edited about shoes"))], timeout=5)
    reader = store.searcher().reader()
    assert len(list(reader.leaf_readers())) > 1 and reader.has_deletions()

    segments, dropped = store.merge_all(timeout=5)

    assert segments > 1 and dropped == 8
    searcher = store.searcher()
    assert len(list(searcher.reader().leaf_readers())) == 1 and not searcher.reader().has_deletions()
    assert searcher.doc_count() == 40
    assert searcher.document(key="test.doc:3")["key"] == "test.doc:3"
    assert {hit["key"] for hit in searcher.search(Term("ten_body_b1", "shoe"), limit=None)} == {
        f"test.doc:{n}" for n in range(8)
    }


def test_a_saved_pages_terms_are_kept_in_their_records_and_merges_keep_them_findable(tmp_path):
    store = IndexStore(tmp_path)
    store.write([("add", _page(f"test.doc:{n}", f"page {n} about export")) for n in range(40)], timeout=5)
    store.write([("add", _page("test.doc:new", "rare shoes from Copenhagen"))], timeout=5)
    (_big, offset), (saved, _offset) = store.searcher().reader().leaf_readers()
    assert saved.doc_count() == 1
    # The store's codec inlines a term of one document (codec.InliningCodec): no postings block of its own.
    assert isinstance(saved.postings("ten_body_b1", "copenhagen"), ListMatcher)
    phrase = Phrase("ten_body_b1", ["rare", "shoe"])
    for n in range(2 * FANOUT):  # merges by tier read and rewrite the inlined postings
        store.write([("add", _page(f"test.doc:more{n}", f"more shoes {n}"))], timeout=5)
    for merged in (False, True):
        if merged:
            store.merge_all(timeout=5)
        searcher = store.searcher()
        assert [hit["key"] for hit in searcher.search(Term("ten_body_b1", "copenhagen"))] == ["test.doc:new"]
        assert [hit["key"] for hit in searcher.search(phrase)] == ["test.doc:new"]  # positions kept
        assert len(searcher.search(Term("ten_body_b1", "shoe"), limit=None)) == 1 + 2 * FANOUT
