"""Malformed input, held index locks, index updates through the task queue, and the index check."""

import pytest
from django.core.management import CommandError, call_command
from modelsearch.backends import get_search_backend
from wagtail.models import Page

from search.backend.documents import build_document
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


def _queued():
    """Tasks waiting in the queue, due now or later."""
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(status=TaskResultStatus.READY)


def test_a_held_lock_does_not_fail_a_save_and_the_update_is_retried(task_queue, quick_lock_timeout, caplog):
    from datetime import timedelta

    from django.utils import timezone

    page = DefinitionPage.objects.get(title="Konkollega")
    lock = _hold_index_lock()
    try:
        page.title = "Lockedkollega"
        page.save_revision().publish()  # must not raise
        task_queue()
        assert "queued again" in caplog.text
        assert list(Page.objects.search("lockedkollega")) == []
    finally:
        lock.release()
    retries = _queued().filter(task_path="search.backend.tasks.update_index_task")
    assert retries.exists() and not retries.filter(run_after__lte=timezone.now()).exists()  # not due yet
    assert {tuple(r.args_kwargs["args"][1]) for r in retries} == {(str(page.pk),)}
    _queued().update(run_after=timezone.now() - timedelta(seconds=1))  # its time has come
    task_queue()
    assert [p.title for p in Page.objects.search("lockedkollega")] == ["Lockedkollega"]
    assert not _queued().exists()


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


def test_index_check_reports_the_updates_still_queued(task_queue, capsys):
    page = DefinitionPage.objects.get(title="Konkollega")
    page.title = "Queuedkollega"
    page.save_revision().publish()
    with pytest.raises(CommandError):
        call_command("search_index_check")  # the worker has not run: the document is stale
    assert "1 stale" in (out := capsys.readouterr().out) and "0 queued" not in out
    task_queue()
    call_command("search_index_check")
    assert "0 stale, 0 extra, 0 queued" in capsys.readouterr().out
    assert [p.title for p in Page.objects.search("queuedkollega")] == ["Queuedkollega"]


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


def test_a_save_queues_its_index_update_in_its_own_transaction(task_queue):
    """The task row is written with the save: committed with it (so a process that dies after the commit
    loses nothing) or rolled back with it; the worker applies what was committed."""
    page = DefinitionPage.objects.get(title="Konkollega")
    publish_then_roll_back(page, "Rolledbackkollega")
    assert not _queued().exists()
    page.title = "Committedkollega"
    page.save_revision().publish()
    assert _queued().filter(task_path="modelsearch.tasks.insert_or_update_object_task").exists()
    assert list(Page.objects.search("committedkollega")) == []  # the web process never writes the index
    task_queue()
    assert [p.title for p in Page.objects.search("committedkollega")] == ["Committedkollega"]
    assert list(Page.objects.search("rolledbackkollega")) == []
    assert not _queued().exists()


def test_an_update_waiting_for_the_same_object_stands_for_a_new_one(task_queue):
    from django_tasks import TaskResultStatus

    page = DefinitionPage.objects.get(title="Konkollega")
    for title in ("Firstkollega", "Secondkollega"):  # each publish saves the page twice
        page.title = title
        page.save_revision().publish()
    index_updates = _queued().filter(task_path="modelsearch.tasks.insert_or_update_object_task")
    assert index_updates.count() == 1
    assert _queued().filter(task_path="wagtail.tasks.update_reference_index_task").count() == 1
    index_updates.update(status=TaskResultStatus.RUNNING)  # the worker has started it: it may read older data
    page.title = "Thirdkollega"
    page.save_revision().publish()
    assert index_updates.count() == 1  # a new one
    task_queue()
    assert [p.title for p in Page.objects.search("thirdkollega")] == ["Thirdkollega"]


def test_a_deleted_page_leaves_the_index_through_the_queue(task_queue):
    store = get_search_backend().store
    page = DefinitionPage.objects.get(title="Konkollega")
    key = f"wagtailcore.page:{page.pk}"
    page.delete()
    assert store.indexed_digest(key) is not None  # the web process never writes the index
    task_queue()
    assert store.indexed_digest(key) is None
    call_command("search_index_check")


def test_repeated_updates_of_an_unchanged_document_commit_nothing(task_queue):
    from search.backend.tasks import enqueue_update

    store = get_search_backend().store
    page = DefinitionPage.objects.get(title="Konkollega")
    before = store.searcher().reader().generation()
    for _ in range(3):  # a publish saves a page several times, each save queues an update
        enqueue_update(DefinitionPage, [page.pk])
    task_queue()
    assert store.searcher().reader().generation() == before


def test_a_change_of_the_index_is_signalled(quick_lock_timeout):
    """The backend tells the rest of the site (caching retires its cached search results) by a signal."""
    from search.signals import index_changed

    received = []

    def receiver(**kwargs):
        received.append(kwargs["sender"])

    index_changed.connect(receiver)
    try:
        page = DefinitionPage.objects.get(title="Konkollega")
        DefinitionPage.objects.filter(pk=page.pk).update(title="Retiredkollega")
        call_command("search_index_check", "--repair")
        assert len(received) == 1
        call_command("search_index_check", "--repair")  # nothing to repair: nothing changed
        assert len(received) == 1
    finally:
        index_changed.disconnect(receiver)


def test_cached_search_results_are_retired_when_the_index_changes(quick_lock_timeout):
    from caching import generation

    page = DefinitionPage.objects.get(title="Konkollega")
    DefinitionPage.objects.filter(pk=page.pk).update(title="Retiredkollega")
    before = generation.scope_token(generation.SEARCH_SCOPE)
    call_command("search_index_check", "--repair")
    assert generation.scope_token(generation.SEARCH_SCOPE) != before


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
