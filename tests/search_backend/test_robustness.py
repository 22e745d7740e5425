"""Malformed input, held index locks, queued retries, and the index check."""

import pytest
from django.core.management import CommandError, call_command
from modelsearch.backends import get_search_backend
from wagtail.models import Page

from search.backend import buffer
from search.backend.documents import build_document
from search.models import PendingIndexUpdate
from search.query import parse_user_query
from wiki.models import DefinitionPage

from .conftest import publish_then_roll_back

pytestmark = pytest.mark.usefixtures("content")

MALFORMED = [
    '"unbalanced quote',
    'a "b',
    '""',
    "NOT NOT x",
    "NOT",
    "OR",
    "a OR OR b",
    "a ANDNOT ANDNOT b",
    "AND AND",
    "- -x --y",
    "*",
    "a*",
    "**x**",
    "*tion",
    "eks*",
    "x" * 10_000,
    "eksport " * 2000,
    "\x00\x01\x1b[31m\u200b\ufeff",
    "🎉 😀 mikrovirksomhed 🇩🇰",
    "(((a)))",
    "title:foo field:bar",
    "a:b:c",
    "~fuzzy^2 boost^ ^",
    "[[Page|link]] <script>alert(1)</script>",
    "' OR 1=1 --",
    "%00%ff\\\\",
    "\t\n\r",
    "",
]


@pytest.mark.parametrize("text", MALFORMED)
def test_malformed_input_never_raises(text):
    query, warnings = parse_user_query(text)
    assert isinstance(warnings, list)
    if query is not None:
        results = Page.objects.live().search(query)
        assert results.count() >= 0
        list(results[:10])
    # The raw text through the API-style path (PlainText) too, and autocomplete.
    list(Page.objects.live().search(text[:2000])[:10]) if text else None
    list(Page.objects.live().autocomplete(text[:2000])[:10]) if text else None


def test_parse_user_query_syntax():
    query, warnings = parse_user_query('mikrovirksomhed "online shop" -piccalilly eksp*')
    assert warnings == []
    found = [p.title for p in Page.objects.search(query)]
    assert "Piccalilly" not in found
    query, warnings = parse_user_query("shoes OR jewellery")
    found = {p.title for p in Page.objects.search(query)}
    assert {"Happy Little Soles", "UV Angel"} <= found


def test_parse_user_query_warnings():
    assert parse_user_query("a*")[0] is None and parse_user_query("a*")[1]
    assert parse_user_query('"open')[1]
    assert parse_user_query("x" * 1000)[1]
    query, warnings = parse_user_query(" ".join(f"w{i}" for i in range(40)))
    assert warnings and len(query.query_string.split()) == 16


def test_prefix_expansion_is_bounded():
    from search.backend.compiler import MAX_PREFIX_EXPANSIONS, Prefix

    results = Page.objects.search(Prefix("ek"))
    assert results.count() > 0
    compiler = results.query_compiler
    searcher = get_search_backend().store.searcher()
    query = compiler.whoosh_query(searcher)
    assert len([t for t in query.leaves()]) <= 2 * MAX_PREFIX_EXPANSIONS


def _hold_index_lock():
    store = get_search_backend().store
    lock = store.open_index().lock("WRITELOCK")
    assert lock.acquire(blocking=False)
    return lock


def test_a_held_lock_does_not_fail_a_save_and_the_update_is_retried(quick_lock_timeout, caplog):
    page = DefinitionPage.objects.get(title="Konkollega")
    lock = _hold_index_lock()
    try:
        page.title = "Lockedkollega"
        page.save_revision().publish()  # must not raise
        buffer.flush()
        assert PendingIndexUpdate.objects.filter(object_pk=str(page.pk), action="add").exists()
        assert "queued for retry" in caplog.text
    finally:
        lock.release()
    # The next successful write applies the queued update.
    other = DefinitionPage.objects.get(title="Mikrovirksomhed")
    other.save_revision().publish()
    assert [p.title for p in Page.objects.search("lockedkollega")] == ["Lockedkollega"]
    assert not PendingIndexUpdate.objects.exists()


def test_index_check_repairs_queued_missing_stale_and_extra(quick_lock_timeout, capsys):
    call_command("search_index_check")  # consistent after loading
    store = get_search_backend().store
    page = DefinitionPage.objects.get(title="Konkollega")
    # Change the database behind the index's back: stale, extra, missing.
    DefinitionPage.objects.filter(pk=page.pk).update(title="Stalekollega")
    store.write([("delete", f"wagtailcore.page:{DefinitionPage.objects.get(title='Gazellevirksomhed').pk}")], timeout=1)
    with pytest.raises(CommandError):
        call_command("search_index_check")
    out = capsys.readouterr().out
    assert "1 missing, 1 stale" in out
    call_command("search_index_check", "--repair")
    assert "Repaired 2" in capsys.readouterr().out
    call_command("search_index_check")
    assert [p.title for p in Page.objects.search("stalekollega")] == ["Stalekollega"]
    assert "Gazellevirksomhed" in [p.title for p in Page.objects.search("gazellevirksomhed")]


def test_a_change_of_analysis_makes_every_document_stale_until_repaired(monkeypatch, capsys):
    import re

    from search.backend import analysis

    call_command("search_index_check")
    capsys.readouterr()
    monkeypatch.setattr(analysis, "ANALYSIS_VERSION", analysis.ANALYSIS_VERSION + "-next")
    with pytest.raises(CommandError):
        call_command("search_index_check")
    expected, stale = re.search(r"(\d+) expected, 0 missing, (\d+) stale", capsys.readouterr().out).groups()
    assert int(expected) > 10 and stale == expected
    call_command("search_index_check", "--repair")
    call_command("search_index_check")
    assert "0 stale" in capsys.readouterr().out


def test_index_check_applies_the_retry_queue(capsys):
    page = DefinitionPage.objects.get(title="Konkollega")
    DefinitionPage.objects.filter(pk=page.pk).update(title="Queuedkollega")
    PendingIndexUpdate.objects.create(model_label="wiki.DefinitionPage", object_pk=str(page.pk), action="add")
    call_command("search_index_check", "--repair")
    assert "Applied 1 queued update" in capsys.readouterr().out
    assert [p.title for p in Page.objects.search("queuedkollega")] == ["Queuedkollega"]
    assert not PendingIndexUpdate.objects.exists()


def test_index_check_merges_the_index_into_one_segment_on_request(capsys):
    store = get_search_backend().store
    page = DefinitionPage.objects.get(title="Konkollega")
    store.write([("add", build_document(page))], timeout=1)  # a save: a second segment, one deleted version
    before = store.searcher().reader()
    live, deleted = before.doc_count(), before.doc_count_all() - before.doc_count()
    assert deleted >= 1 and len(list(before.leaf_readers())) > 1
    call_command("search_index_check", "--merge")
    assert f"into one; {deleted} deleted document(s) dropped" in capsys.readouterr().out
    reader = store.searcher().reader()
    assert len(list(reader.leaf_readers())) == 1 and not reader.has_deletions()
    assert reader.doc_count() == live
    assert "Konkollega" in [p.title for p in Page.objects.search("konkollega")]
    call_command("search_index_check")  # still consistent


def test_extra_documents_are_found_and_removed(capsys):
    from search.backend.documents import build_document

    # A document whose object does not exist (e.g. deleted while the index was unreachable).
    ghost = build_document(DefinitionPage.objects.get(title="Konkollega"))
    ghost["key"] = "wagtailcore.page:999999"
    ghost["pk"] = "999999"
    get_search_backend().store.write([("add", ghost)], timeout=1)
    with pytest.raises(CommandError):
        call_command("search_index_check")
    assert "1 extra" in capsys.readouterr().out
    call_command("search_index_check", "--repair")
    call_command("search_index_check")
    assert "0 extra" in capsys.readouterr().out


def test_writes_in_a_transaction_wait_for_the_commit_and_survive_in_the_queue(
    monkeypatch, django_capture_on_commit_callbacks
):
    """As in production: the change is queued with the transaction and applied after the commit."""
    from django.db import transaction

    from search.backend import buffer as index_buffer

    monkeypatch.setattr(index_buffer, "inside_a_test_case", lambda using="default": False)
    page = DefinitionPage.objects.get(title="Konkollega")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            page.title = "Outboxkollega"
            page.save_revision().publish()
        # Not yet committed: the change waits in the queue (the process could die here).
        assert PendingIndexUpdate.objects.filter(object_pk=str(page.pk), last_error="awaiting commit").exists()
    assert callbacks
    assert not PendingIndexUpdate.objects.exists()
    assert [p.title for p in Page.objects.search("outboxkollega")] == ["Outboxkollega"]


def test_a_repair_retires_cached_search_results(quick_lock_timeout):
    from caching import generation

    page = DefinitionPage.objects.get(title="Konkollega")
    DefinitionPage.objects.filter(pk=page.pk).update(title="Retiredkollega")
    before = generation.current()
    call_command("search_index_check", "--repair")
    assert generation.current() != before
    unchanged = generation.current()
    call_command("search_index_check", "--repair")  # nothing to repair: cached results stay
    assert generation.current() == unchanged


def test_a_document_does_not_depend_on_the_order_the_database_returns_related_objects():
    # PostgreSQL returns prefetched tags in another order than a plain query: the background writer and
    # the index check then built different digests for the same page (stale documents after a load test).
    from search.backend.documents import build_document
    from wiki.models import CaseStudyPage

    pk = next(page.pk for page in CaseStudyPage.objects.all() if page.tags.count() > 1)
    plain = build_document(CaseStudyPage.objects.get(pk=pk))
    prefetched = CaseStudyPage.objects.prefetch_related("tags").get(pk=pk)
    before = [tag.pk for tag in prefetched.tags.all()]
    for cached in prefetched._prefetched_objects_cache.values():
        cached._result_cache.reverse()  # as another database would return them
    assert [tag.pk for tag in prefetched.tags.all()] == before[::-1]
    assert build_document(prefetched)["digest"] == plain["digest"]


def test_a_write_leaves_rows_awaiting_a_commit_to_their_writer_until_orphaned(quick_lock_timeout):
    """Another worker's committed save, about to be indexed by that worker: indexing it here too doubled the work."""
    from datetime import timedelta

    from django.utils import timezone

    from search.backend.queue import AWAITING_COMMIT, AWAITING_GRACE

    page = DefinitionPage.objects.get(title="Konkollega")
    other = DefinitionPage.objects.get(title="Mikrovirksomhed")
    DefinitionPage.objects.filter(pk=page.pk).update(title="Awaitingkollega")
    row = PendingIndexUpdate.objects.create(model_label="wiki.DefinitionPage", object_pk=str(page.pk), action="add",
                                            last_error=AWAITING_COMMIT)
    other.save_revision().publish()
    buffer.flush()
    assert PendingIndexUpdate.objects.filter(pk=row.pk).exists()
    assert list(Page.objects.search("awaitingkollega")) == []
    # Its worker died between the commit and the index write: the next write applies it.
    PendingIndexUpdate.objects.filter(pk=row.pk).update(updated_at=timezone.now() - AWAITING_GRACE - timedelta(seconds=1))
    other.save_revision().publish()
    buffer.flush()
    assert [p.title for p in Page.objects.search("awaitingkollega")] == ["Awaitingkollega"]
    assert not PendingIndexUpdate.objects.exists()


def test_a_rolled_back_transaction_does_not_keep_the_next_ones_writes_from_the_index(
    monkeypatch, django_capture_on_commit_callbacks
):
    # A conflicting save (409) rolls its transaction back, and its commit callback with it; a flag "callback
    # registered" stayed set, so the thread's next save was not indexed at its commit.
    from django.db import transaction

    monkeypatch.setattr(buffer, "inside_a_test_case", lambda using="default": False)
    page = DefinitionPage.objects.get(title="Konkollega")
    publish_then_roll_back(page, "Rolledbackkollega")
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            page.title = "Committedkollega"
            page.save_revision().publish()
    assert not PendingIndexUpdate.objects.exists()  # applied at the commit, not left for a later write
    assert [p.title for p in Page.objects.search("committedkollega")] == ["Committedkollega"]
    assert list(Page.objects.search("rolledbackkollega")) == []


def test_a_row_changed_while_its_batch_is_applied_stays_queued(quick_lock_timeout):
    # QuerySet.delete() selected the unchanged row, then deleted it by id: a newer save of the same page that
    # committed between the two lost its row, and the index kept the older version (seen in a load test).
    from django.db import connection
    from django.utils import timezone

    from search.backend import queue

    page = DefinitionPage.objects.get(title="Konkollega")
    queue.queue_update(DefinitionPage, page.pk, "add")
    row = PendingIndexUpdate.objects.get()
    newer = []

    def newer_save_commits_first(execute, sql, params, many, context):
        if not newer and sql.lstrip().upper().startswith("DELETE") and "search_pendingindexupdate" in sql:
            newer.append(timezone.now())
            PendingIndexUpdate.objects.filter(pk=row.pk).update(updated_at=newer[0])
        return execute(sql, params, many, context)

    with connection.execute_wrapper(newer_save_commits_first):
        queue.process_pending(get_search_backend().store, timeout=1.0)
    assert newer
    assert PendingIndexUpdate.objects.filter(pk=row.pk, updated_at=newer[0]).exists()
    assert queue.process_pending(get_search_backend().store, timeout=1.0) == 1  # the next round applies it
    assert not PendingIndexUpdate.objects.exists()
