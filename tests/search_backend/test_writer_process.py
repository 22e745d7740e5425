"""SEARCH_INDEX_WRITER = "process": web processes queue, one writer process applies (search.backend.writer)."""

import signal
import sys
import threading
import time

import pytest
from django.core.management import call_command
from django.db import transaction
from modelsearch.backends import get_search_backend
from wagtail.models import Page

from caching import generation
from search.backend import buffer, queue
from search.backend.writer import QueueWriter
from search.models import PendingIndexUpdate
from search.writer_process import WriterProcess
from wiki.models import DefinitionPage

from .conftest import publish_then_roll_back

pytestmark = pytest.mark.usefixtures("content")


@pytest.fixture
def process_mode(monkeypatch, settings):
    settings.SEARCH_INDEX_WRITER = "process"
    monkeypatch.setattr(buffer, "inside_a_test_case", lambda using="default": False)
    buffer.flush()  # what loading the content left for the (never-committed) test transaction


def _publish_in_a_transaction(page, word, capture):
    with capture(execute=True):
        with transaction.atomic():
            page.title = word
            page.save_revision().publish()


def test_a_committed_save_is_left_in_the_queue_for_the_writer_process(process_mode, django_capture_on_commit_callbacks,
                                                                       capsys):
    page = DefinitionPage.objects.get(title="Konkollega")
    _publish_in_a_transaction(page, "Writerkollega", django_capture_on_commit_callbacks)
    assert PendingIndexUpdate.objects.filter(object_pk=str(page.pk)).exists()
    assert list(Page.objects.search("writerkollega")) == []  # not written by the web process
    call_command("search_index_writer", "--once")
    assert "Applied 1 queued update(s)." in capsys.readouterr().out
    assert [p.title for p in Page.objects.search("writerkollega")] == ["Writerkollega"]
    assert not PendingIndexUpdate.objects.exists()


def test_the_writer_retires_cached_search_results_only_for_rows_that_say_so(quick_lock_timeout):
    writer = QueueWriter(get_search_backend().store, timeout=1)
    page = DefinitionPage.objects.get(title="Konkollega")
    before = generation.scope_token(generation.SEARCH_SCOPE)
    queue.queue_update(DefinitionPage, page.pk, "add", queue.AWAITING_COMMIT, retires_search=False)
    assert writer.apply_once() == 1
    assert generation.scope_token(generation.SEARCH_SCOPE) == before
    queue.queue_update(DefinitionPage, page.pk, "add", queue.AWAITING_COMMIT, retires_search=False)
    queue.queue_update(DefinitionPage, page.pk, "add", queue.AWAITING_COMMIT, retires_search=True)  # same row: loud
    assert writer.apply_once() == 1
    assert generation.scope_token(generation.SEARCH_SCOPE) != before


def test_the_writer_loop_applies_what_is_queued_until_stopped_and_once_more_after(monkeypatch, quick_lock_timeout):
    writer = QueueWriter(get_search_backend().store, timeout=1, poll=0.01)
    page = DefinitionPage.objects.get(title="Konkollega")
    stop = threading.Event()
    rounds = []

    def apply_once():
        rounds.append(stop.is_set())
        if len(rounds) == 3:
            DefinitionPage.objects.filter(pk=page.pk).update(title="Lastkollega")
            queue.queue_update(DefinitionPage, page.pk, "add")
            stop.set()  # a SIGTERM arrives just after a save committed
        return QueueWriter.apply_once(writer)

    monkeypatch.setattr(writer, "apply_once", apply_once)
    writer.run(stop)
    assert rounds[-1]  # a last round after the stop
    assert [p.title for p in Page.objects.search("lastkollega")] == ["Lastkollega"]
    assert not PendingIndexUpdate.objects.exists()


def test_the_writer_loop_stops_when_the_process_that_started_it_is_gone(quick_lock_timeout):
    writer = QueueWriter(get_search_backend().store, timeout=1, poll=0.01)
    page = DefinitionPage.objects.get(title="Konkollega")
    DefinitionPage.objects.filter(pk=page.pk).update(title="Orphankollega")
    queue.queue_update(DefinitionPage, page.pk, "add")
    writer.run(threading.Event(), parent_alive=lambda: False)  # returns: no master to stop it any more
    assert [p.title for p in Page.objects.search("orphankollega")] == ["Orphankollega"]


SLEEPER = "import signal, sys, time; signal.signal(signal.SIGTERM, lambda *a: (open(sys.argv[1], 'w').write('drained'), sys.exit(0))); time.sleep(60)"  # noqa: E501


def _wait_for(condition, seconds=10):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False


def test_the_writer_process_is_started_again_when_it_dies_and_stopped_gracefully(tmp_path):
    marker = tmp_path / "stopped"
    writer = WriterProcess([sys.executable, "-c", SLEEPER, str(marker)], cwd=tmp_path, restart_after=0.05)
    writer.start()
    try:
        first = writer.process
        time.sleep(0.5)  # the interpreter is up and has its SIGTERM handler
        first.send_signal(signal.SIGKILL)
        assert _wait_for(lambda: writer.starts == 2 and writer.process is not first)
        time.sleep(0.5)
    finally:
        writer.stop(timeout=10)
    assert writer.process.poll() is not None
    assert marker.read_text() == "drained"  # it was asked to stop (SIGTERM), not killed
    time.sleep(0.2)
    assert writer.starts == 2  # not started again after the stop


def test_a_page_that_cannot_be_indexed_does_not_hold_back_the_others(monkeypatch, quick_lock_timeout, caplog):
    from search.backend import documents

    writer = QueueWriter(get_search_backend().store, timeout=1)
    broken = DefinitionPage.objects.get(title="Konkollega")
    fine = DefinitionPage.objects.get(title="Mikrovirksomhed")
    DefinitionPage.objects.filter(pk=fine.pk).update(title="Finevirksomhed")
    build = documents.build_document

    def build_or_fail(instance):
        if instance.pk == broken.pk:
            raise ValueError("cannot analyse this page")
        return build(instance)

    monkeypatch.setattr(documents, "build_document", build_or_fail)
    for page in (broken, fine):  # the broken page's row comes first
        queue.queue_update(DefinitionPage, page.pk, "add")
    assert writer.apply_once() == 0 and writer.failed
    assert "1 queued update(s) could not be applied" in caplog.text
    assert [p.title for p in Page.objects.search("finevirksomhed")] == ["Finevirksomhed"]
    row = PendingIndexUpdate.objects.get()
    assert (row.object_pk, row.attempts) == (str(broken.pk), 1) and "cannot analyse" in row.last_error
    monkeypatch.setattr(documents, "build_document", build)  # mended: the next round applies it
    assert writer.apply_once() == 1 and not PendingIndexUpdate.objects.exists()


def test_a_web_process_never_writes_the_index_itself(process_mode, monkeypatch, capsys):
    # Not after a rolled-back save either: an entry it kept was written before the thread's next search, racing
    # the writer process (the older version of the page could land last).
    from search.backend.storage import IndexStore

    writes = []
    real_write = IndexStore.write
    monkeypatch.setattr(IndexStore, "write", lambda self, *args, **kwargs: writes.append(args))
    page = DefinitionPage.objects.get(title="Konkollega")
    publish_then_roll_back(page, "Rolledbackkollega")
    page.title = "Autocommitkollega"
    page.save_revision().publish()  # outside a transaction of the application's
    list(Page.objects.search("kollega"))
    assert writes == []
    assert list(PendingIndexUpdate.objects.values_list("object_pk", flat=True)) == [str(page.pk)]
    monkeypatch.setattr(IndexStore, "write", real_write)
    call_command("search_index_writer", "--once")
    assert [p.title for p in Page.objects.search("autocommitkollega")] == ["Autocommitkollega"]
